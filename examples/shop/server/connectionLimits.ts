import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from '@aurpay-kit/server';

/** How many connections the shop holds, so that no one client can take the file descriptors. */
export interface ConnectionLimits {
  /** Open connections in all; past it new ones are dropped, leaving descriptors for the shop's own work. */
  maxConnections: number;
  /**
   * Open connections from one address (an IPv6 /64 counts as one); past it a new one is answered
   * 503 and closed. 0 turns it off. Trusted proxies (TRUST_PROXY) are never counted: the proxy
   * holds its clients to their own limit (nginx's `limit_conn`).
   */
  perAddress: number;
  /** The checkout's event streams in this process: well under `maxConnections`. */
  maxStreams: number;
}

/** Descriptors kept for the shop itself: the database, the sandbox, Aurpay and callbacks. */
const RESERVED_SHARE = 0.25;
const MIN_RESERVED = 64;
const DEFAULT_PER_ADDRESS = 64;

/**
 * The soft limit on this process's open files, from `/proc/self/limits` (Linux); null where it
 * cannot be read, or is unlimited.
 *
 * @example openFileLimit() // 1024 under `ulimit -n 1024`
 */
export function openFileLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | null {
  let text: string;
  try {
    text = read();
  } catch {
    return null;
  }
  const soft = /^Max open files\s+(\S+)/m.exec(text)?.[1];
  return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : null;
}

/**
 * Limits that fit the process's open-file limit: a quarter (at least 64) kept for the shop's own
 * work, streams at most half of the limit. Without a known limit, none but the checkout's defaults.
 *
 * @example connectionLimits(1024) // { maxConnections: 768, perAddress: 64, maxStreams: 512 }
 */
export function connectionLimits(fileLimit: number | null, perAddress = DEFAULT_PER_ADDRESS): ConnectionLimits {
  if (fileLimit === null) return { maxConnections: Infinity, perAddress, maxStreams: 1000 };
  const reserved = Math.max(MIN_RESERVED, Math.ceil(fileLimit * RESERVED_SHARE));
  const maxConnections = Math.max(16, fileLimit - reserved);
  return { maxConnections, perAddress, maxStreams: Math.max(8, Math.min(Math.floor(fileLimit / 2), maxConnections - perAddress)) };
}

const REFUSED = 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: application/json\r\nConnection: close\r\n';

/**
 * Holds `server` to `limits`: its `maxConnections`, and an open-connection count per client
 * address, counted when a connection opens and released when it closes. `trusted(address)` says
 * which addresses are proxies, never counted. Returns how many connections each address holds.
 *
 * @example limitConnections(server, connectionLimits(openFileLimit()), app.get('trust proxy fn'))
 */
export function limitConnections(server: Server, limits: ConnectionLimits, trusted: (address: string) => boolean): Map<string, number> {
  const open = new Map<string, number>();
  if (Number.isFinite(limits.maxConnections)) server.maxConnections = limits.maxConnections;
  if (limits.perAddress <= 0) return open;
  const body = JSON.stringify({
    error: { code: 'too_many_connections', message: 'This address has too many connections open; close some and try again.' },
  });
  const refusal = `${REFUSED}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || trusted(address)) return;
    const key = clientKey(address);
    const count = open.get(key) ?? 0;
    if (count >= limits.perAddress) {
      // Answered before its request is read: the client learns why and when to come back.
      socket.on('error', () => undefined);
      socket.end(refusal);
      socket.destroySoon();
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  });
  return open;
}
