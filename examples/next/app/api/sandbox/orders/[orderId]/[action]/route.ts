import { shopCheckout } from '@/lib/shopCheckout';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };
const problem = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: NO_STORE });

/**
 * POST /api/sandbox/orders/:orderId/pay|expire, in sandbox mode only: what a buyer's wallet (or
 * the clock) would do, forwarded to the sandbox's control API. A 404 in gateway mode.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ orderId: string; action: string }> }): Promise<Response> {
  const { orderId, action } = await params;
  const sandbox = await shopCheckout().then(
    (checkout) => checkout.sandbox,
    () => null,
  );
  if (sandbox === null) return problem(404, 'route_not_found', 'There is no sandbox: payments go to Aurpay.');
  if ((action !== 'pay' && action !== 'expire') || !/^\d{1,32}$/.test(orderId))
    return problem(404, 'route_not_found', 'Use /api/sandbox/orders/:orderId/pay or /expire.');
  const res = await fetch(`${sandbox.url}/_sandbox/orders/${orderId}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const envelope = (await res.json()) as { code: number; message: string };
  if (envelope.code !== 0) return problem(409, 'sandbox_refused', envelope.message);
  return Response.json({ done: action }, { headers: NO_STORE });
}
