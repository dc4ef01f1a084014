import { GatewayError } from './gatewayError.js';

/** What a route handler sees of a request. */
export interface RequestContext {
  method: string;
  /** The path without the query, as sent. */
  path: string;
  /** Path and query exactly as the request line had them (what a signature covers). */
  pathWithQuery: string;
  query: URLSearchParams;
  /** Values of the route pattern's `:name` segments. */
  params: Record<string, string>;
  /** Header values by lower-case name. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  remoteAddress: string | undefined;
}

/**
 * The body as a JSON object: an empty body is `{}`, anything but an object is `malformedJson`.
 *
 * @example jsonBody(ctx).chain
 */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError('malformedJson', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError('malformedJson', 'The body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * The body of a form post (`application/x-www-form-urlencoded`), or of a JSON object when the
 * client sent JSON.
 *
 * @example formBody(ctx).username
 */
export function formBody(ctx: RequestContext): Record<string, unknown> {
  if ((ctx.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return jsonBody(ctx);
  return Object.fromEntries(new URLSearchParams(ctx.body.toString('utf8')));
}
