import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { startShop, type Shop, type StartShopOptions } from '../server/startShop.js';

const shopRoot = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOTS = join(shopRoot, 'test-results', 'screenshots');

/**
 * How long a step may take before a browser test fails: generous for a loaded machine; each wait
 * ends as soon as the page shows what it waits for.
 */
export const WAIT = { timeout: 30_000 };

/** Builds the front end into a fresh temporary folder (not dist/, which a parallel build may be writing). */
export async function buildFrontEnd(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shop-client-'));
  // Vitest sets NODE_ENV=test; the shop is tested as it ships, with React's production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: shopRoot, mode: 'production', logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Debian's Chromium, headless (CHROMIUM_PATH overrides where it is). */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context and page for one test: `run` gets the page, then (passed or failed)
 * a screenshot of the final state is saved as `<name>.png` and everything is closed. Errors the
 * page throws, and anything the Content-Security-Policy blocks, fail the test.
 */
export async function withPage(
  browser: Browser,
  name: string,
  run: (page: Page, context: BrowserContext) => Promise<void>,
  options: { permissions?: string[]; origin?: string } = {},
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 960, height: 1000 }, deviceScaleFactor: 1 });
  if (options.permissions && options.origin) await context.grantPermissions(options.permissions, { origin: options.origin });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium reports what the shop's Content-Security-Policy blocked on the console.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(`CSP: ${message.text()}`);
  });
  try {
    await run(page, context);
    if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
  } finally {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }).catch(() => undefined);
    await context.close();
  }
}

/**
 * What a browser test file starts with: the front end built, Chromium launched, and a shop in
 * sandbox mode serving that front end. `close` ends all three.
 *
 * @example const { browser, shop, close } = await startBrowserShop(); … await close();
 */
export async function startBrowserShop(
  options: StartShopOptions = {},
): Promise<{ browser: Browser; shop: Shop; close: () => Promise<void> }> {
  const frontEnd = await buildFrontEnd();
  const browser = await launchBrowser();
  const shop = await startShop({ port: 0, clientDir: frontEnd.dir, sandbox: { callbackRetryDelayMs: 100 }, ...options });
  return {
    browser,
    shop,
    close: async () => {
      await Promise.all([browser.close(), shop.close()]);
      await frontEnd.remove();
    },
  };
}
