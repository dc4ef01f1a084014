/// <reference types="vite/client" />
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { composeStories, setProjectAnnotations, type composeStory } from '@storybook/react';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import preview from '../../../.storybook/preview.js';
import { enMessages } from '../src/index.js';
import * as checkoutDialogStories from '../stories/CheckoutDialog.stories.js';
import * as cryptoStories from '../stories/CryptoCheckout.stories.js';
import * as lightningStories from '../stories/LightningInvoice.stories.js';
import * as walletStories from '../stories/Wallets.stories.js';

// Every story in Storybook renders here too, with the same decorators, loaders and clock, and
// runs its play function: a story that breaks fails the build.
setProjectAnnotations(preview);

type StoryModule = Parameters<typeof composeStories>[0];
type ComposedStory = ReturnType<typeof composeStory>;
const modules: Record<string, StoryModule> = {
  'CheckoutDialog.stories.tsx': checkoutDialogStories,
  'CryptoCheckout.stories.tsx': cryptoStories,
  'LightningInvoice.stories.tsx': lightningStories,
  'Wallets.stories.tsx': walletStories,
};

test('every story file is listed here', () => {
  const files = Object.keys(import.meta.glob('../stories/*.stories.tsx')).map((path) => path.replace(/^.*\//, ''));
  expect(files.sort()).toEqual(Object.keys(modules).sort());
});

for (const [file, module] of Object.entries(modules)) {
  describe(file, () => {
    const stories = composeStories(module) as Record<string, ComposedStory>;
    for (const [name, story] of Object.entries(stories)) {
      if (name === 'LiveSandbox') continue;
      test(name, async () => {
        await story.run();
      });
    }
  });
}

/**
 * A sandbox and a checkout router on loopback, in a Node process of their own (integrationServer.mjs):
 * the sandbox's hashing and signing need Node's typed arrays, which the jsdom environment replaces.
 */
async function startLiveServer(): Promise<{ child: ChildProcess; endpoint: string; sandboxUrl: string }> {
  // A string, not a URL object: jsdom's URL is not Node's.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'integrationServer.mjs');
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ endpoint: string; sandboxUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the live server did not start within 60 s')), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { endpoint: string; sandboxUrl: string });
    });
    child.once('exit', (code) => reject(new Error(`the live server exited with ${code}`)));
  });
  return { child, ...ready };
}

/**
 * How long a step against the live server may take before the test fails: generous, because a
 * loaded machine is slow, and never an expectation of speed (each wait ends as soon as the page shows it).
 */
const LIVE = { timeout: 30_000 };

describe('LiveSandbox against a real checkout router and sandbox', () => {
  const { LiveSandbox } = composeStories(cryptoStories);
  let live: Awaited<ReturnType<typeof startLiveServer>> | undefined;

  beforeAll(async () => {
    live = await startLiveServer();
  }, 90_000);

  afterAll(async () => {
    const child = live?.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin?.end();
    await exited;
  });

  test('a picked currency becomes a sandbox order; paying it in the sandbox shows paid', async () => {
    const { endpoint, sandboxUrl } = live!;
    const parameters = { ...LiveSandbox.parameters, live: { endpoint, controlUrl: `${sandboxUrl}/_sandbox`, cartUrl: null } };
    await LiveSandbox.run({ parameters });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^BTC/ }, LIVE));
    await screen.findByText(enMessages.awaiting_payment, undefined, LIVE);
    await user.click(screen.getByRole('button', { name: 'Pay half' }));
    await screen.findByText(enMessages.partially_paid, undefined, LIVE);
    await user.click(screen.getByRole('button', { name: 'Pay in full' }));
    await screen.findByText(enMessages.paid, undefined, LIVE);
    await waitFor(() => expect(LiveSandbox.args.onSuccess).toHaveBeenCalledTimes(1), LIVE);
  }, 120_000);
});
