import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@aurpay-kit/testing';

export const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface NextServer {
  url: string;
  /** The sandbox the shop started in its own process. */
  sandboxUrl: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** What the environment may hold that would take the shop out of sandbox mode. */
const GATEWAY_SETTINGS = /^(AURPAY_|PUBLIC_URL$|DATABASE_URL$|REDIS_URL$|STATUS_SECRET$|TRUST_PROXY$)/;

/**
 * `next start` on a free loopback port, in sandbox mode (the sandbox on another free port),
 * resolved once the shop printed where its sandbox is, so its checkout is ready.
 */
export async function startNextServer(): Promise<NextServer> {
  if (!existsSync(join(APP_ROOT, '.next', 'BUILD_ID'))) {
    throw new Error(
      'No Next.js build in examples/next/.next: run `pnpm --filter @aurpay-kit/example-next build` first (`pnpm test` does).',
    );
  }
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !GATEWAY_SETTINGS.test(name)));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(APP_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: APP_ROOT,
      env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), SANDBOX_PORT: String(sandboxPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const sandboxUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Aurpay sandbox for the shop at (\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`next start exited (${code}) before the shop was ready:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    sandboxUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
