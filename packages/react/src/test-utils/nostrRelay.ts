import type { AddressInfo } from 'node:net';
import type { Event, Filter } from 'nostr-tools';
import { matchFilters } from 'nostr-tools/filter';
import { verifyEvent } from 'nostr-tools/pure';
import { WebSocketServer, type WebSocket } from 'ws';

export interface NostrRelay {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  /** Every event accepted, oldest first. */
  events: Event[];
  /** Calls `listener` with each event accepted from now on; returns the removal. */
  onEvent(listener: (event: Event) => void): () => void;
  /** Accepts an event as if a client had published it (for a wallet service in the same process). */
  publish(event: Event): void;
  close(): Promise<void>;
}

/**
 * A Nostr relay (NIP-01's EVENT, REQ, CLOSE; signatures checked) on loopback, in memory, for
 * tests of Nostr Wallet Connect: enough of a relay for a client and a wallet to meet.
 *
 * @example const relay = await startNostrRelay(); … await relay.close();
 */
export async function startNostrRelay(): Promise<NostrRelay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const events: Event[] = [];
  const listeners = new Set<(event: Event) => void>();
  const subscriptions = new Map<WebSocket, Map<string, Filter[]>>();
  const accept = (event: Event) => {
    events.push(event);
    for (const [socket, subs] of subscriptions) {
      for (const [id, filters] of subs) if (matchFilters(filters, event)) socket.send(JSON.stringify(['EVENT', id, event]));
    }
    listeners.forEach((listener) => listener(event));
  };
  server.on('connection', (socket) => {
    const subs = new Map<string, Filter[]>();
    subscriptions.set(socket, subs);
    socket.on('close', () => subscriptions.delete(socket));
    socket.on('message', (data) => {
      let message: unknown[];
      try {
        message = JSON.parse(String(data)) as unknown[];
      } catch {
        return socket.send(JSON.stringify(['NOTICE', 'invalid: not JSON']));
      }
      const [type, ...rest] = message;
      if (type === 'EVENT') {
        const event = rest[0] as Event;
        const valid = verifyEvent(event);
        socket.send(JSON.stringify(['OK', event.id, valid, valid ? '' : 'invalid: bad signature']));
        if (valid) accept(event);
      } else if (type === 'REQ') {
        const [id, ...filters] = rest as [string, ...Filter[]];
        subs.set(id, filters);
        for (const event of events) if (matchFilters(filters, event)) socket.send(JSON.stringify(['EVENT', id, event]));
        socket.send(JSON.stringify(['EOSE', id]));
      } else if (type === 'CLOSE') {
        subs.delete(rest[0] as string);
      }
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    events,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish: accept,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
