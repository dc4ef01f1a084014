import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/consumerProject.js';

const { app } = inject('packaging');
const WAIT_MS = 60_000;
const groups: number[] = [];
afterEach(() => {
  // Whatever is left of a failed run: the npx process group this test started.
  for (const pid of groups.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Runs `npx aurpay-sandbox --port 0` where the command is linked, reads its URL, asks it for its
 * info, then stops it. Without the link npx would go to the registry, where the name is not ours:
 * the link is checked first, and npx may not install anything.
 */
async function runSandboxCommand(cwd: string): Promise<{ firstLine: string; info: { code: number }; exit: string }> {
  if (!existsSync(join(cwd, 'node_modules', '.bin', 'aurpay-sandbox')))
    throw new Error(`aurpay-sandbox is not linked in ${cwd}/node_modules/.bin`);
  const child = spawn('npx', ['aurpay-sandbox', '--port', '0'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_yes: 'false', npm_config_update_notifier: 'false' },
  });
  if (child.pid !== undefined) groups.push(child.pid);
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no first line within ${WAIT_MS / 1000} s: ${out}${output}`)), WAIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.slice(0, out.indexOf('\n')));
      }
    });
    void exited.then((how) => reject(new Error(`ended (${how}) before listening: ${out}${output}`)));
  });
  const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1];
  const info = url === undefined ? { code: -1 } : ((await (await fetch(`${url}/_sandbox/info`)).json()) as { code: number });
  // To npx and the sandbox under it, as a terminal's Ctrl-C reaches both.
  process.kill(-(child.pid ?? 0), 'SIGTERM');
  return { firstLine, info, exit: await exited };
}

it.each([
  { where: 'the repository root, as the README says after pnpm install and pnpm build', cwd: REPO_ROOT },
  { where: 'an npm project that installed the tarball', cwd: app.dir },
])('npx aurpay-sandbox --port 0 serves the sandbox from $where', async ({ cwd }) => {
  const run = await runSandboxCommand(cwd);
  expect(run.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
  expect(run.info.code).toBe(0);
  // The sandbox exits 0 on SIGTERM; npx, which got it too, either passes that on or dies of it.
  expect(['code 0', 'SIGTERM']).toContain(run.exit);
});
