/**
 * The small request and response shapes the checkout handlers work on, so any HTTP framework can
 * drive them: the Express adapter builds a `CheckoutRequest` from its request and writes the
 * `CheckoutResponse` back.
 */

export type HeaderValue = string | string[] | undefined;

export interface CheckoutRequest {
  /** HTTP method, any case. */
  method: string;
  /**
   * The path under the mount point with the raw query string, as Node's `req.url` inside a router:
   * `/orders/2024…?token=…`. The raw query matters: a callback's signature covers it byte for byte.
   */
  url: string;
  /** Request headers; names in any case (Node lower-cases them). */
  headers: Readonly<Record<string, HeaderValue>>;
  /** The parsed JSON body, if any. */
  body?: unknown;
  /** Who is asking, for the creation rate limit: the client IP in the Express adapter. */
  clientId?: string;
  /** The framework's own request object, handed through to `priceFor`. */
  native?: unknown;
}

export interface CheckoutResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-serialisable. */
  body: unknown;
  /** `body` already serialised, when the handler had it at hand; adapters send it as it is. */
  bodyText?: string;
}

/**
 * Where a server-sent event stream goes. `open` sends status 200 and the headers at once;
 * `onClose` registers a listener for the client going away.
 */
export interface EventSink {
  open(headers: Record<string, string>): void;
  write(chunk: string): void;
  end(): void;
  onClose(listener: () => void): void;
}

/** The largest JSON body a route accepts, in bytes. */
export const CHECKOUT_BODY_LIMIT_BYTES = 16 * 1024;
