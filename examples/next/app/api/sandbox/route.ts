import { shopCheckout } from '@/lib/shopCheckout';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Whether payments go to a sandbox, so the checkout shows the sandbox's controls. */
export async function GET(): Promise<Response> {
  const sandbox = await shopCheckout().then(
    (checkout) => checkout.sandbox !== null,
    () => false,
  );
  return Response.json({ sandbox }, { headers: { 'Cache-Control': 'no-store' } });
}
