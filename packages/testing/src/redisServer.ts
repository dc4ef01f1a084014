import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM: it writes its append-only file first) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL: nothing written on the way out, as in a crash) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory, and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  close(): Promise<void>;
}

export interface RedisServerOptions {
  /** Append-only file with fsync on every write, so a restart keeps everything. Default false. */
  persistent?: boolean;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function checkInstalled(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `The Redis tests need a real redis-server, and "${BINARY}" could not be run (${probe.error?.message ?? probe.stderr}). ` +
        'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis; .ci/run installs it) or point REDIS_SERVER at the binary.',
    );
  }
}

/** True once something on `port` answers PING with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Starts a private `redis-server` on 127.0.0.1 and a free port, with its data in a fresh temp
 * directory: no snapshots, and either no persistence or an append-only file synced on every write.
 * Throws a clear error when redis-server is not installed: the Redis tests fail, never skip.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  checkInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'aurpay-redis-'));
  const port = await freePort();
  const persistence = options.persistent === true ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...persistence,
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    if (child !== null) return;
    output = '';
    const started = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    live.add(started);
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', () => {
      live.delete(started);
      if (child === started) child = null;
    });
    for (let waited = 0; waited < 10_000; waited += 20) {
      if (await pings(port)) return;
      if (child === null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    started.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}:\n${output}`);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const running = child;
    if (running === null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: () => stop(),
    kill: () => stop('SIGKILL'),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
