import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /**
   * Arms a fault: on the first connection that sends `marker`, the server's next answer is
   * thrown away and both sockets are cut, as when a connection dies after Redis applied a command
   * but before its reply arrived. Resolves when that happened.
   */
  dropReplyAfter(marker: string): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `targetPort`, able to lose one reply on purpose. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let fault: { marker: string; done: () => void } | null = null;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port: targetPort, host: '127.0.0.1' });
    sockets.add(client).add(upstream);
    let armed = false;
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (fault !== null && !armed && chunk.toString('latin1').includes(fault.marker)) armed = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (armed && fault !== null) {
        const { done } = fault;
        fault = null;
        cut();
        done();
        return;
      }
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', cut);
      socket.on('close', () => {
        sockets.delete(socket);
        cut();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropReplyAfter: (marker) => new Promise<void>((resolve) => (fault = { marker, done: resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
