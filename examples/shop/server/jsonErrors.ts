import { StoreUnavailableError } from '@aurpay-kit/server';
import type { ErrorRequestHandler, Request } from 'express';

/** body-parser's refusals by `type`: each a client error with the usual JSON answer. */
const BODY_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  'entity.parse.failed': [400, 'body_malformed', 'The body is not valid JSON.'],
  'entity.too.large': [413, 'body_too_large', 'The body is too large.'],
  'charset.unsupported': [415, 'charset_unsupported', 'Send the body in UTF-8.'],
  'encoding.unsupported': [415, 'encoding_unsupported', 'This Content-Encoding is not supported.'],
};

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  code?: unknown;
}

/** Node's parser refusing what the client sent, or the client going away mid-request. */
const CLIENT_GONE = /^(HPE_|ECONNRESET$|ECONNABORTED$|EPIPE$|ERR_STREAM_PREMATURE_CLOSE$)/;

function clientError(error: unknown): [status: number, code: string, message: string] | null {
  const { status, statusCode, type, code } = (typeof error === 'object' && error !== null ? error : {}) as HttpishError;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return known;
  if (typeof code === 'string' && CLIENT_GONE.test(code)) return [400, 'request_invalid', 'The request could not be read.'];
  const given = typeof status === 'number' ? status : statusCode;
  if (typeof given !== 'number' || given < 400 || given > 499) return null;
  // Express throws a URIError (400) for a route parameter that is not valid percent-encoding.
  if (error instanceof URIError) return [400, 'path_malformed', 'The path is not valid percent-encoding.'];
  return [given, 'request_invalid', 'The request could not be read.'];
}

/** The route's leading words (`/api/carts`), up to the first id: no ids or tokens in the log, and bounded. */
function routeOf(req: Request): string {
  const words = req.originalUrl.split('?')[0]!.split('/').slice(1, 5);
  const end = words.findIndex((word) => !/^[a-z]{1,20}$/.test(word));
  return `/${words.slice(0, end < 0 ? words.length : end).join('/')}`;
}

/** The error's class and code, checked to be short identifiers: never its message, which may quote the request. */
function describeFault(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as HttpishError | null)?.code;
  return typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? `${name} ${code}` : name;
}

/**
 * The shop's last error handler, answering the usual JSON error `{ error: { code, message } }`:
 * a body or path the shop cannot read is the client's error (400, 413, 415, as body-parser and
 * Express report it), logged nowhere; an unreachable store 503 `store_unavailable` (as the checkout
 * routes do; the lost connection is logged once, not per request); anything else 500, logged as one
 * short line with the route and the error's class, never the request body, message or stack.
 *
 * @example app.use(jsonErrors);
 */
export const jsonErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const refused = clientError(error);
  const unavailable = error instanceof StoreUnavailableError;
  if (refused === null && !unavailable)
    console.error(`Shop: 500 internal_error on ${req.method} ${routeOf(req)} (${describeFault(error)})`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (refused) {
    const [status, code, message] = refused;
    res.status(status).json({ error: { code, message } });
  } else if (unavailable) {
    res.status(503).set('Retry-After', '1');
    res.json({ error: { code: 'store_unavailable', message: 'The shop cannot reach its store. Please try again shortly.' } });
  } else res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong in the shop.' } });
};
