import { shopCheckout } from '@/lib/shopCheckout';

// Event streams stay open for minutes: the Node.js runtime, and never a cached answer.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Every checkout route under /api/pay (currencies, orders, status, events, Aurpay's callbacks),
 * answered by aurpay-kit's fetch handler.
 */
async function checkout(request: Request): Promise<Response> {
  let handler;
  try {
    ({ handler } = await shopCheckout());
  } catch (error) {
    // A setting that cannot work, or a store that cannot be reached: logged here, never shown to buyers.
    console.error(error);
    return Response.json(
      { error: { code: 'checkout_unavailable', message: 'Payments are unavailable right now; try again shortly.' } },
      { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
    );
  }
  return handler(request);
}

export { checkout as GET, checkout as POST };
