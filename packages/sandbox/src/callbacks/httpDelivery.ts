import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How one HTTP delivery ended: the receiver's status, or why there was none. */
export type DeliveryOutcome = { status: number; error: null } | { status: null; error: string };

/**
 * Sends one HTTP request without keep-alive and reports the status, never throwing: a refused
 * connection, a timeout or an abort become an `error` text. `track` learns of the request so the
 * caller can abort it (on close).
 *
 * @example await deliver(new URL('http://127.0.0.1:3000/cb'), { method: 'GET', headers: {}, body: null, timeoutMs: 5000 })
 */
export function deliver(
  url: URL,
  options: { method: 'GET' | 'POST'; headers: Record<string, string>; body: string | null; timeoutMs: number },
  track: (request: ClientRequest, done: boolean) => void = () => undefined,
): Promise<DeliveryOutcome> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      track(req, true);
      resolve(outcome);
    };
    const headers: Record<string, string> = { ...options.headers, Connection: 'close' };
    if (options.body !== null) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = send(url, { method: options.method, headers, agent: false });
    const timer = setTimeout(() => {
      finish({ status: null, error: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    timer.unref();
    req.on('response', (res) => {
      res.resume();
      finish({ status: res.statusCode ?? 0, error: null });
    });
    req.on('error', (error) => finish({ status: null, error: error.message }));
    req.on('close', () => finish({ status: null, error: 'connection closed before an answer' }));
    track(req, false);
    req.end(options.body ?? undefined);
  });
}
