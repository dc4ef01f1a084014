import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

// HTTP from a chosen loopback address (127.0.0.0/8), so that one process stands in for several
// clients. No pooling: every request is its own connection, as from separate machines.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function loopbackOnly(url: URL, localAddress: string): void {
  if (url.hostname !== '127.0.0.1') throw new Error(`load tests speak to 127.0.0.1 only, not ${url.hostname}`);
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(localAddress)) throw new Error(`load tests connect from loopback only, not ${localAddress}`);
}

export interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One request from `localAddress`; rejects on a network error (a reset, a refused connection). */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer> {
  const target = new URL(url);
  loopbackOnly(target, localAddress);
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const headers = {
    ...init.headers,
    ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: init.method ?? 'GET', agent, localAddress, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The JSON body of an answer, or a clear failure naming the request. */
export function json<T>(answer: Answer, what: string): T {
  try {
    return JSON.parse(answer.body) as T;
  } catch {
    throw new Error(`${what} answered ${answer.status} with no JSON: ${answer.body.slice(0, 200)}`);
  }
}

export interface OpenStream {
  /** The answer's status; 0 when the connection was reset or dropped before one came. */
  status: number;
  /** The code of a refusal's JSON error, when there was one. */
  code: string | null;
  /** Every `data:` of `event: status` received so far, parsed. */
  events: { status: string }[];
  /** Resolves with the first status event for which `match` holds; rejects after `withinMs` (default 30 s) without one. */
  waitFor(match: (event: { status: string }) => boolean, withinMs?: number): Promise<{ status: string }>;
  close(): void;
}

/**
 * Opens a server-sent event stream from `localAddress`. Resolves once the server answered (or the
 * connection failed): a stream that is accepted stays open, collecting status events, until closed.
 */
export function openStreamFrom(localAddress: string, url: string): Promise<OpenStream> {
  const target = new URL(url);
  loopbackOnly(target, localAddress);
  return new Promise((resolve) => {
    const waiters: { match: (event: { status: string }) => boolean; resolve: (event: { status: string }) => void }[] = [];
    const stream: OpenStream = {
      status: 0,
      code: null,
      events: [],
      waitFor: (match, withinMs = 30_000) => {
        const seen = stream.events.find(match);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolveEvent, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no such status event in ${withinMs} ms; saw ${JSON.stringify(stream.events.map((e) => e.status))}`)),
            withinMs,
          );
          waiters.push({ match, resolve: (event) => (clearTimeout(timer), resolveEvent(event)) });
        });
      },
      close: () => req.destroy(),
    };
    const req = httpRequest(target, { agent, localAddress, headers: { Accept: 'text/event-stream' } }, (res) => {
      stream.status = res.statusCode ?? 0;
      if (stream.status !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            stream.code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            stream.code = null;
          }
          resolve(stream);
        });
        res.on('error', () => resolve(stream));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split('\n');
          if (!lines.includes('event: status')) continue;
          const data = lines.find((line) => line.startsWith('data: '));
          if (data === undefined) continue;
          const event = JSON.parse(data.slice('data: '.length)) as { status: string };
          stream.events.push(event);
          for (const waiter of waiters.filter((w) => w.match(event))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      });
      res.on('error', () => undefined);
      resolve(stream);
    });
    // A refused or dropped connection: status 0.
    req.on('error', () => resolve(stream));
    req.end();
  });
}

export interface SlowConnection {
  /** What the server wrote, if anything: a refusal at once, or a 408 when its patience ran out. */
  answer: string;
  /** Resolves when the server has closed the connection, with the ms it stayed open. */
  closed: Promise<number>;
  destroy(): void;
}

/**
 * A connection from `localAddress` that sends half a request's headers and then nothing: what a
 * slowloris client does to hold a socket. Resolves once connected, or refused.
 */
export function slowConnectionFrom(localAddress: string, url: string): Promise<SlowConnection> {
  const target = new URL(url);
  loopbackOnly(target, localAddress);
  return new Promise((resolve) => {
    const opened = Date.now();
    const socket: Socket = connect({ host: target.hostname, port: Number(target.port), localAddress });
    const slow: SlowConnection = {
      answer: '',
      closed: new Promise((resolveClosed) => socket.once('close', () => resolveClosed(Date.now() - opened))),
      destroy: () => socket.destroy(),
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => void (slow.answer += chunk));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(`GET / HTTP/1.1\r\nHost: ${target.host}\r\nX-Slow: `);
      resolve(slow);
    });
    socket.once('close', () => resolve(slow));
  });
}
