// What the README snippets take from the app around them: declared here, once, so every snippet
// type-checks as it is printed. A snippet that defines one of these names shadows it.
declare const app: import('express').Express;
declare const apiToken: string;
declare const secretKey: string;
declare const cartId: string;
declare const options: Omit<import('@aurpay-kit/server/express').ExpressCheckoutOptions, 'store'>;
declare const createCheckoutRouter: typeof import('@aurpay-kit/server/express').createCheckoutRouter;
declare const log: { warn(...values: unknown[]): void };
declare function cartTotal(cartId: unknown): Promise<string>;
declare function fulfilOnce(idempotencyKey: string, cartId: string): Promise<void>;
declare function navigate(path: string): void;
declare function showRetry(): void;
declare function showReceipt(): void;
