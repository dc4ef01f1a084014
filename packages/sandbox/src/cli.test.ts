import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// A private build of the package, so the test never races the real `dist/` build.
const outDir = join(packageDir, 'node_modules', '.cache', 'cli-test-build');
const cli = join(outDir, 'cli.js');
const children: ChildProcess[] = [];

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(packageDir, 'tsconfig.build.json'),
      '--outDir',
      outDir,
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`building the CLI failed: ${result.stdout}${result.stderr}`);
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Resolves with the output so far once it holds `text`; the test's own timeout bounds the wait. */
function outputUntil(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes(text)) resolve(out);
    });
    child.on('exit', () => reject(new Error(`exited before printing ${JSON.stringify(text)}: ${out}`)));
  });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const out = await outputUntil(child, '\n');
  return out.slice(0, out.indexOf('\n'));
}

function exit(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('aurpay-sandbox CLI', () => {
  it('starts with a shebang, prints the listening line, serves, and stops on SIGTERM', async () => {
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const child = run(['--port', '0', '--quiet', '--api-key', 'cli-key']);
    const line = await firstLine(child);
    const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const answer = await fetch(`http://127.0.0.1:${match?.[1]}/api/bln/balance`, { headers: { 'API-Key': 'cli-key' } });
    expect((await answer.json()).data).toEqual({ balance: '0' });
    const done = exit(child);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('prints the credentials to use and stops on SIGINT', async () => {
    const child = run(['--port', '0', '--quiet', '--profile', 'descriptions', '--quirk', 'net-obtained', '--require-lightning-key']);
    const done = exit(child);
    // The whole banner, its last line included, before the signal.
    await outputUntil(child, 'Control API:');
    child.kill('SIGINT');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain('API-Key:         sandbox-api-key');
    expect(stdout).toContain('Secret key:      sandbox-secret-key');
    expect(stdout).toContain('Callback secret: sandbox-callback-secret');
    expect(stdout).toContain('Lightning key:   sandbox-lightning-api-key (required on /api/bln/*)');
    expect(stdout).toContain(
      'Profile:         descriptions (refundStatusAnswer, blnWithdrawWithoutFee, blnOrderDescriptionShape, netObtained)',
    );
  });

  it('exits with 2 and a clear message on a bad flag', async () => {
    const { code, stderr, stdout } = await exit(run(['--order-ttl', 'soon']));
    expect(code).toBe(2);
    expect(stderr).toContain('--order-ttl must be an integer');
    expect(stderr).toContain('Usage: aurpay-sandbox');
    expect(stdout).toBe('');
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await exit(run(['--help']));
    expect(code).toBe(0);
    expect(stdout).toContain('--order-ttl <seconds>');
  });
});
