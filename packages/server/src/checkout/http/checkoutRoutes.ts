import { CheckoutHttpError } from './checkoutHttpError.js';

export type CheckoutRoute =
  | { name: 'currencies' }
  | { name: 'createOrder' }
  | { name: 'orderStatus'; orderId: string }
  | { name: 'orderEvents'; orderId: string }
  | { name: 'callback' };

const ROUTES: { pattern: RegExp; methods: Record<string, (id: string) => CheckoutRoute> }[] = [
  { pattern: /^\/currencies$/, methods: { GET: () => ({ name: 'currencies' }) } },
  { pattern: /^\/orders$/, methods: { POST: () => ({ name: 'createOrder' }) } },
  { pattern: /^\/orders\/([^/]+)$/, methods: { GET: (orderId) => ({ name: 'orderStatus', orderId }) } },
  { pattern: /^\/orders\/([^/]+)\/events$/, methods: { GET: (orderId) => ({ name: 'orderEvents', orderId }) } },
  { pattern: /^\/callback$/, methods: { GET: () => ({ name: 'callback' }), POST: () => ({ name: 'callback' }) } },
];

/**
 * Which checkout route a method and path (under the mount point, no query) name. Unknown paths
 * are a JSON 404, a known path with another method a 405 with `Allow`; a path segment that is not
 * valid percent-encoding is a 400.
 *
 * @example matchCheckoutRoute('GET', '/orders/2024…/events') // { name: 'orderEvents', orderId: '2024…' }
 */
export function matchCheckoutRoute(method: string, path: string): CheckoutRoute {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  for (const route of ROUTES) {
    const match = route.pattern.exec(trimmed);
    if (match === null) continue;
    const upper = method.toUpperCase();
    const make = Object.hasOwn(route.methods, upper) ? route.methods[upper] : undefined;
    if (make === undefined) {
      const allow = Object.keys(route.methods).join(', ');
      throw new CheckoutHttpError(405, 'method_not_allowed', `Use ${allow} here.`, { headers: { Allow: allow } });
    }
    let segment = match[1] ?? '';
    try {
      segment = decodeURIComponent(segment);
    } catch {
      throw new CheckoutHttpError(400, 'order_id_invalid', 'Order id: not valid percent-encoding.');
    }
    return make(segment);
  }
  throw new CheckoutHttpError(404, 'route_not_found', 'No checkout route here.');
}
