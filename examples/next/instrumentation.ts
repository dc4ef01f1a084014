/**
 * Runs once when the Next.js server starts: starts the checkout (and, with no gateway settings,
 * the Aurpay sandbox) before the first request, and stops the server with a message naming any
 * setting that cannot work.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { shopCheckout } = await import('./lib/shopCheckout');
  await shopCheckout();
}
