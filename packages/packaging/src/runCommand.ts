import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  cwd: string;
  /** A bound against a hang, not a speed target: past it the process is killed and the run fails. */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Resolve with a failed result instead of rejecting. */
  allowFailure?: boolean;
}

/**
 * Runs a command with its output collected (printed only in the error of a failed run) and a
 * time bound. Rejects when it exits non-zero, is killed, or outlives `timeoutMs`.
 *
 * @example const { stdout } = await runCommand('node', ['check.cjs'], { cwd: app, timeoutMs: 120_000 });
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code, signal, stdout, stderr };
      if ((code === 0 && !timedOut) || options.allowFailure === true) return resolve(result);
      const why = timedOut ? `did not finish within ${options.timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    });
  });
}
