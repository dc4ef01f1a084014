// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import jsQRModule from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// Every story, built by Storybook as it ships and opened in real Chromium: its play function must
// pass there too, axe (every rule it runs by default, any impact) must find nothing, and the QR
// code of every Bitcoin and Lightning story, read back from a screenshot, must decode to the
// wallet link the page shows. jsdom cannot do any of this: it lays nothing out and draws nothing.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

interface StoryEntry {
  id: string;
  title: string;
  name: string;
  type: string;
}

// jsqr is CommonJS whose types declare an ES default export: under NodeNext the function is `.default`.
const jsQR = jsQRModule.default;

let out: string;
let server: Server;
let base: string;
let browser: Browser;
let stories: StoryEntry[];

/** `storybook build` into a fresh folder (not storybook-static/, which a developer may be using). */
async function buildStorybook(dir: string): Promise<void> {
  const child = spawn(join(ROOT, 'node_modules/.bin/storybook'), ['build', '--quiet', '-o', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`storybook build exited with ${code}: ${errors}`);
}

function serve(dir: string): Promise<Server> {
  const app = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"route_not_found","message":"Not here."}}'),
    );
  });
  return new Promise((resolve) => app.listen(0, '127.0.0.1', () => resolve(app)));
}

// Records the story's render phases and failures from Storybook's channel, once it exists.
const WATCH_STORY = `
  window.__story = { phase: null, error: null, finished: null };
  (function attach() {
    const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
    if (!channel) return setTimeout(attach, 10);
    channel.on('storyRenderPhaseChanged', (event) => { window.__story.phase = event.newPhase; });
    channel.on('storyFinished', (event) => { window.__story.finished = event.status; });
    for (const name of ['playFunctionThrewException', 'storyThrewException', 'storyErrored', 'storyMissing']) {
      channel.on(name, (error) => { window.__story.error = name + ': ' + JSON.stringify(error).slice(0, 1500); });
    }
  })();
`;

/** Opens a story and waits (bounded) for its play function to finish; returns a failure, or null. */
async function openStory(page: Page, id: string): Promise<string | null> {
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
  const handle = await page.waitForFunction(
    () => {
      const story = (window as unknown as { __story?: { finished: string | null } }).__story;
      return story?.finished ? story : null;
    },
    undefined,
    { timeout: 30_000 },
  );
  const { finished, error } = (await handle.jsonValue()) as { finished: string; error: string | null };
  return finished === 'success' ? null : (error ?? `finished with ${finished}`);
}

/** What the QR code on the page decodes to, read from a screenshot of it. */
async function decodeQr(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await page.locator('svg.aurpay-qr').first().screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'aurpay-storybook-'));
  await buildStorybook(out);
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { entries: Record<string, StoryEntry> };
  // STORY_FILTER (a part of an id) narrows the run while working on some stories.
  const only = process.env.STORY_FILTER;
  stories = Object.values(index.entries).filter((entry) => entry.type === 'story' && (!only || entry.id.includes(only)));
  server = await serve(out);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
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
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (out) await rm(out, { recursive: true, force: true });
});

describe('every story in Chromium', () => {
  test('plays, has no axe violation of any impact, and its Bitcoin or Lightning QR code decodes to its wallet link', async () => {
    if (!process.env.STORY_FILTER) expect(stories.length).toBeGreaterThanOrEqual(80);
    // Reduced motion, as a buyer may ask: nothing in the kit moves, so Storybook waits for no animation.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    await context.addInitScript(WATCH_STORY);
    const page = await context.newPage();
    const failures: string[] = [];
    let qrChecked = 0;
    let axeChecked = 0;
    for (const { id } of stories) {
      const failed = await openStory(page, id).catch((error: Error) => `did not finish: ${error.message}`);
      if (failed) {
        failures.push(`${id}: ${failed}`);
        continue;
      }
      const results = await new AxeBuilder({ page }).analyze();
      axeChecked += 1;
      for (const violation of results.violations) {
        failures.push(`${id}: axe ${violation.id} (${violation.impact}) on ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      const link = page.locator('a[href^="bitcoin:"], a[href^="lightning:"]').first();
      if ((await page.locator('svg.aurpay-qr').count()) > 0 && (await link.count()) > 0) {
        const href = (await link.getAttribute('href')) ?? '';
        const decoded = await decodeQr(page);
        qrChecked += 1;
        // QR codes carry the URI upper-cased (their compact alphanumeric mode): equal but for case.
        if (decoded?.toLowerCase() !== href.toLowerCase())
          failures.push(`${id}: the QR code reads ${JSON.stringify(decoded)}, the page links ${href}`);
      }
    }
    await context.close();
    console.log(
      `stories in Chromium: ${stories.length} opened, ${axeChecked} checked by axe, ${qrChecked} QR codes decoded, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    if (!process.env.STORY_FILTER) expect(qrChecked).toBeGreaterThanOrEqual(20);
  }, 900_000);
});
