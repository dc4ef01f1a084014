import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./checkoutProcess.ts', import.meta.url));
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface CheckoutChild {
  readonly up: boolean;
  /** Starts the process and resolves once it listens; rejects with its output if it dies first or takes over 60 s. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. Resolves once it exited. */
  kill(): Promise<void>;
}

/** The checkout of `checkoutProcess.ts` as a child process that can be killed and started again. */
export function checkoutChild(env: Record<string, string>): CheckoutChild {
  let child: ChildProcess | null = null;
  return {
    get up() {
      return child !== null;
    },
    start() {
      return new Promise((resolve, reject) => {
        const started = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        live.add(started);
        let output = '';
        const timer = setTimeout(() => {
          started.kill('SIGKILL');
          reject(new Error(`the checkout process did not start within 60 s:\n${output}`));
        }, 60_000);
        started.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready\n') && child !== started) {
            clearTimeout(timer);
            child = started;
            resolve();
          }
        });
        started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        started.once('exit', (code, signal) => {
          live.delete(started);
          if (child === started) child = null;
          clearTimeout(timer);
          if (signal !== 'SIGKILL') reject(new Error(`the checkout process exited (${code ?? signal}):\n${output}`));
        });
      });
    },
    async kill() {
      const running = child;
      if (running === null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
