import type { Reply } from './envelope.js';
import type { RequestContext } from './requestContext.js';
import type { SandboxState } from '../sandboxState.js';

/**
 * How a route authenticates: Aurpay's API-Key / Signature with the merchant's credentials, or on
 * `/api/bln/*` with the Lightning network's (`lightning`); a bearer access token; or not at all.
 */
export type RouteAuth = 'merchant' | 'lightning' | 'bearer' | 'none';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path with `:name` segments, as stats report it: `/api/v2/order/detail/:order_id`. */
  pattern: string;
  auth: RouteAuth;
  handle: (ctx: RequestContext, state: SandboxState) => Reply | Promise<Reply>;
}

/** A route that matched, with its parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function segments(path: string): string[] {
  // A trailing slash is optional: `/api/v2/order` and `/api/v2/order/` are the same endpoint.
  return path.replace(/\/+$/, '').split('/');
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = segments(pattern);
  const have = segments(path);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const expected = want[i] ?? '';
    const actual = have[i] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = safeDecode(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Finds the route for a method and path; when only the method is wrong, lists the methods the
 * path does accept.
 *
 * @example matchRoute(API_ROUTES, 'GET', '/api/v2/order/detail/20240613093614690315')
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | { allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (params === undefined) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { allowed };
}
