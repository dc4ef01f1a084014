// The checkout as a fetch handler, as an ES module app on Node's own http server writes it: each
// request becomes a WHATWG Request, the handler's Response is written back (event streams
// streamed), and the client's address is handed over as the platform.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { createCheckoutFetchHandler } from '@aurpay-kit/server/fetch';

/**
 * Serves the checkout routes at /api/pay on 127.0.0.1 and a free port. `options` are the
 * checkout's options without `publicUrl`; `priceFor(body)` is called with the order request's body.
 */
export async function serve(options) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const publicUrl = `${origin}/api/pay`;
  const handler = createCheckoutFetchHandler({
    ...options,
    publicUrl,
    priceFor: (_request, body) => options.priceFor(body),
    clientAddress: (_request, platform) => platform?.address,
  });
  server.on('request', async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(new URL(req.url, origin), {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]],
      ),
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: hasBody ? 'half' : undefined,
      signal: abort.signal,
    });
    const response = await handler(request, { address: req.socket.remoteAddress });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) return void res.end();
    try {
      for await (const chunk of response.body) res.write(chunk);
    } catch {
      // The client went away mid-stream; the handler has released the stream.
    }
    res.end();
  });
  return {
    publicUrl,
    framework: `fetch handler on node ${process.versions.node}`,
    async close() {
      await handler.checkout.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
