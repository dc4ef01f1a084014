import { expect, inject, it } from 'vitest';
import { runCommand } from '../src/runCommand.js';

const { app } = inject('packaging');

interface ServerComponentReport {
  payload: string;
  messagesEntry: { type: string; keys: string[]; idle: string; englishIdle: string };
  mainEntry: { type: string; spreadKeys: string[] };
  providerIsClientReference: boolean;
}

it('gives a React Server Component the German catalogue from @aurpay-kit/react/messages, to spread and pass on', async () => {
  const { stdout } = await runCommand('node', ['--conditions=react-server', '--import', './react-server.mjs', 'server-component.mjs'], {
    cwd: app.dir,
    timeoutMs: 120_000,
  });
  const report = JSON.parse(stdout) as ServerComponentReport;
  // The loader did what a Server Components bundler does: the 'use client' entry is client references…
  expect(report.providerIsClientReference).toBe(true);
  // …so a catalogue taken from it spreads nothing, which is why the messages entry exists.
  expect(report.mainEntry).toEqual({ type: 'function', spreadKeys: [] });
  // From the messages entry the server has the texts themselves.
  expect(report.messagesEntry.type).toBe('object');
  expect(report.messagesEntry.keys).toEqual(expect.arrayContaining(['idle', 'retry']));
  expect(report.messagesEntry.idle).not.toBe(report.messagesEntry.englishIdle);
  // And they reach the client component's props in the payload: German, with the override.
  expect(report.payload).toContain('"retry":"Nochmal"');
  expect(report.payload).toContain(`"idle":"${report.messagesEntry.idle}"`);
  expect(report.payload).toContain('"locale":"de-DE"');
});
