import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShop, type Shop, type StartShopOptions } from '../server/startShop.js';

/** A shop for HTTP-only tests, with its address on 127.0.0.1 and a `close` that tidies up. */
export interface PlaceholderShop {
  shop: Shop;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the shop (sandbox mode unless `gateway` is given) on a free port, with a one-line page
 * standing in for the built front end: these tests speak HTTP only.
 *
 * @example const { base, close } = await startPlaceholderShop({ cartRateLimit: { points: 3, durationSeconds: 60 } });
 */
export async function startPlaceholderShop(options: StartShopOptions = {}): Promise<PlaceholderShop> {
  const clientDir = await mkdtemp(join(tmpdir(), 'shop-client-'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Block &amp; Bolt</title>');
  try {
    const shop = await startShop({ port: 0, clientDir, ...options });
    const port = Number(new URL(shop.url).port);
    return {
      shop,
      base: `http://127.0.0.1:${port}`,
      port,
      close: async () => {
        await shop.close();
        await rm(clientDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(clientDir, { recursive: true, force: true });
    throw error;
  }
}
