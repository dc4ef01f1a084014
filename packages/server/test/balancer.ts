import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Backends by name, as `http://127.0.0.1:<port>`; change them at will (a restarted instance). */
  targets: Map<string, string>;
  /** Which backend a request goes to. Default: round robin over `targets`. */
  route: ((req: IncomingMessage) => string) | null;
  /** Requests forwarded per backend name. */
  served: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A small HTTP load balancer on 127.0.0.1, as a shop would put in front of several instances:
 * forwards each request (streaming both ways, so server-sent events pass) to a backend chosen
 * round robin or by `route`, keeping the Host header. 502 when the backend is down.
 */
export async function startBalancer(): Promise<Balancer> {
  let next = 0;
  const balancer: Balancer = { url: '', targets: new Map(), route: null, served: new Map(), close: async () => undefined };
  const pick = (req: IncomingMessage): string => {
    if (balancer.route !== null) return balancer.route(req);
    const names = [...balancer.targets.keys()];
    next = (next + 1) % names.length;
    return names[next] ?? '';
  };
  const server: Server = createServer((req, res) => {
    const name = pick(req);
    const target = balancer.targets.get(name);
    if (target === undefined) {
      res.writeHead(502).end();
      return;
    }
    balancer.served.set(name, (balancer.served.get(name) ?? 0) + 1);
    const upstream = request(target + (req.url ?? '/'), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return balancer;
}
