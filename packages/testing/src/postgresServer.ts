import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.js';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/aurpay`, a database made for the tests. */
  url: string;
  port: number;
  /** Stops the server (`pg_ctl stop -m fast`: clients are disconnected) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory, and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  close(): Promise<void>;
}

const DATABASE = 'aurpay';
/** The temp directory of each cluster not closed yet, stopped at once and removed if the process exits first. */
const unclosed = new Set<string>();
process.once('exit', () => {
  for (const dir of unclosed) {
    spawnSync(...command('pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate']), runOptions());
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Where `initdb` and `pg_ctl` are: `PG_BIN`, else the newest /usr/lib/postgresql/<version>/bin. */
function binDir(): string | null {
  if (process.env.PG_BIN !== undefined) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

function binary(name: string): string {
  return join(binDir() ?? '', name);
}

// PostgreSQL refuses to run as root, so as root its tools run as the `postgres` user.
const asRoot = userInfo().uid === 0;

function command(name: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', binary(name), ...args]] : [binary(name), args];
}

function runOptions() {
  return { encoding: 'utf8' as const, cwd: tmpdir() };
}

/** Runs a PostgreSQL tool without blocking the event loop (clients in this process must see the server go). */
function run(name: string, args: string[]): Promise<void> {
  const [file, argv] = command(name, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, runOptions(), (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${name} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
    });
  });
}

function checkInstalled(): void {
  const dir = binDir();
  if (dir === null || !existsSync(join(dir, 'initdb')) || !existsSync(join(dir, 'pg_ctl'))) {
    throw new Error(
      `The PostgreSQL tests need a real PostgreSQL server, and initdb/pg_ctl were not found ${dir === null ? 'under /usr/lib/postgresql/*/bin' : `in ${dir}`}. ` +
        'Install it (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql; .ci/run installs it) or point PG_BIN at the directory holding initdb and pg_ctl.',
    );
  }
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) {
    throw new Error(
      'Running as root, the PostgreSQL tests start the server as the "postgres" user, which does not exist. apt-get install postgresql creates it.',
    );
  }
}

/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a fresh temp directory
 * (trust authentication, fsync off: test data only), with a database `aurpay`. Run as root, it
 * runs the server as the `postgres` user. Throws a clear error when PostgreSQL is not installed:
 * the PostgreSQL tests fail, never skip.
 *
 * @example const server = lazyFixture(() => startPostgresServer(), (s) => s.close());
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  checkInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'aurpay-pg-'));
  unclosed.add(dir);
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = spawnSync('id', ['-u', 'postgres'], runOptions()).stdout.trim();
    const gid = spawnSync('id', ['-g', 'postgres'], runOptions()).stdout.trim();
    chownSync(dir, Number(uid), Number(gid));
  }
  const port = await freePort();
  const log = join(dir, 'server.log');
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;

  let up = false;
  const start = async (): Promise<void> => {
    if (up) return;
    try {
      await run('pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', log, '-o', settings]);
    } catch (error) {
      const output = existsSync(log) ? readFileSync(log, 'utf8') : '';
      throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${output}`, { cause: error });
    }
    up = true;
  };
  const stop = async (): Promise<void> => {
    if (!up) return;
    await run('pg_ctl', ['stop', '-w', '-D', data, '-m', 'fast']);
    up = false;
  };
  const close = async (): Promise<void> => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    unclosed.delete(dir);
  };

  try {
    await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await start();
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`).finally(() => admin.end());
  } catch (error) {
    await run('pg_ctl', ['stop', '-D', data, '-m', 'immediate']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    unclosed.delete(dir);
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, port, start, stop, close };
}
