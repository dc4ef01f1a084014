import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CREATE_SQLITE_STORE = fileURLToPath(new URL('../createSqliteStore.ts', import.meta.url));

/** A node process running `body`, an ESM script in which `createSqliteStore` is in scope (TypeScript sources through tsx). */
export interface StoreProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves to the first line the script prints that satisfies `match`; rejects if it exits before. */
  line(match: (line: string) => boolean): Promise<string>;
  /** Resolves to the exit code (or the signal that ended it) and what it printed to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Starts a separate process on the store, for what one process cannot show about another: a
 * SIGKILL right after a write, two processes migrating one new file.
 *
 * @example const child = spawnStoreProcess(`createSqliteStore({ filename: process.env.DB }); console.log('open');`, { DB: file });
 */
export function spawnStoreProcess(body: string, env: Record<string, string> = {}): StoreProcess {
  const script = `import { createSqliteStore } from ${JSON.stringify(CREATE_SQLITE_STORE)};\n${body}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const lines = createInterface({ input: child.stdout });
  const line = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const onLine = (text: string) => {
        if (!match(text)) return;
        lines.off('line', onLine);
        resolve(text);
      };
      lines.on('line', onLine);
      void exited.then(({ code, signal }) =>
        reject(new Error(`The store process ended (${signal ?? code}) before printing the line awaited:\n${stderr}`)),
      );
    });
  return { child, line, exited };
}
