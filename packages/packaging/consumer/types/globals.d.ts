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

// The fetch handler's snippets: the handler a lib/checkout.ts exports, and the runtimes around it.
declare module '@/lib/checkout' {
  export const checkout: import('@aurpay-kit/server/fetch').CheckoutFetchHandler;
}
declare const checkout: import('@aurpay-kit/server/fetch').CheckoutFetchHandler;
declare const hono: { all(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): void };
declare const Bun: { serve(options: { port: number; fetch(request: Request, server: unknown): Promise<Response> }): unknown };
declare const Deno: { serve(options: { port: number }, handler: (request: Request, info: unknown) => Promise<Response>): unknown };
