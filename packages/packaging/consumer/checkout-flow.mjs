// One order from creation to paid, over real HTTP on 127.0.0.1: the installed sandbox as the
// gateway, the installed server's checkout routes in the app flavour named on the command line
// (a module in flavours/ exporting serve(options) → { publicUrl, framework, close() }), and a buyer
// that creates the order, follows its event stream and is paid through the sandbox's control API.
// Prints what it saw as JSON; exits non-zero, saying why, on anything unexpected.
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { AurpayClient } from '@aurpay-kit/server';
import { SANDBOX_DEFAULTS, startSandbox } from '@aurpay-kit/sandbox';

const flavourName = process.argv[2];
const flavour = await import(pathToFileURL(`${process.cwd()}/flavours/${flavourName}`).href);
const serve = flavour.serve ?? flavour.default?.serve;
if (typeof serve !== 'function') throw new Error(`flavours/${flavourName} exports no serve()`);

// Every wait below is bounded: a flow that stalls fails with what it was waiting for.
const WAIT_MS = 30_000;

function fail(message) {
  throw new Error(`${flavourName}: ${message}`);
}

async function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${flavourName}: no ${what} within ${WAIT_MS / 1000} s`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function json(response, expected) {
  const text = await response.text();
  if (response.status !== expected) fail(`${response.url} answered ${response.status}, not ${expected}: ${text}`);
  return JSON.parse(text);
}

/** Resolves once `ready()` holds, checking every 50 ms; fails after WAIT_MS. */
async function waitFor(what, ready) {
  const deadline = Date.now() + WAIT_MS;
  while (!ready()) {
    if (Date.now() > deadline) fail(`no ${what} within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads a server-sent event stream's `status` events, handing each to `onStatus`, until it returns true or the stream ends. */
async function readStatusEvents(response, onStatus) {
  if (response.status !== 200) fail(`the event stream answered ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      if (!lines.includes('event: status')) continue;
      if (onStatus(JSON.parse(lines.find((line) => line.startsWith('data: ')).slice(6)))) return;
    }
  }
}

const sandbox = await startSandbox({ port: 0, callbackRetryDelayMs: 100 });
const paid = [];
const app = await serve({
  client: new AurpayClient({
    baseUrl: sandbox.url,
    auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
  }),
  statusSecret: 'consumer-status-secret-0123456789abcdef',
  callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
  priceFor: (body) => ({ amount: '18.50', currency: 'USD', metadata: { cartId: String(body.cartId) } }),
  onPaid: (order, context) =>
    void paid.push({ orderId: order.orderId, cartId: order.metadata.cartId, idempotencyKey: context.idempotencyKey }),
  onError: (error) => console.error(error),
});
const stream = new AbortController();
try {
  const api = app.publicUrl;
  const currencies = await json(await fetch(`${api}/currencies`), 200);
  if (!currencies.some((c) => c.chain === 'BTC' && c.currency === 'BTC')) fail(`GET /currencies lacks BTC: ${JSON.stringify(currencies)}`);

  const created = await json(
    await fetch(`${api}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `consumer-${flavourName}-order-1` },
      body: JSON.stringify({ kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: 'cart-1', amount: '0.00000001' }),
    }),
    201,
  );
  const auth = { headers: { 'X-Status-Token': created.statusToken } };
  const polled = await json(await fetch(`${api}/orders/${created.orderId}`, auth), 200);

  // The buyer follows the event stream; the payment is made once it shows the order open, so
  // the change reaches the buyer as an event.
  const seen = [];
  let payment;
  const pay = () =>
    fetch(`${sandbox.url}/_sandbox/orders/${created.orderId}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    }).then((response) => json(response, 200));
  const response = await within('event stream', fetch(`${api}/orders/${created.orderId}/events`, { ...auth, signal: stream.signal }));
  await within(
    'paid event',
    readStatusEvents(response, (view) => {
      seen.push(view.status);
      payment ??= pay();
      return view.status === 'paid';
    }),
  );
  const answer = await within('answer from the sandbox', payment ?? fail('the event stream ended before any status'));
  if (answer.code !== 0) fail(`the sandbox refused the payment: ${JSON.stringify(answer)}`);
  await waitFor('onPaid', () => paid.length > 0);
  const settled = await json(await fetch(`${api}/orders/${created.orderId}`, auth), 200);

  process.stdout.write(
    JSON.stringify({
      framework: app.framework,
      created: { status: created.status, amount: created.amount, fiatAmount: created.fiatAmount, address: created.address },
      polled: polled.status,
      events: seen,
      settled: { status: settled.status, paidAmount: settled.paidAmount, amount: settled.amount },
      paid,
      orderId: created.orderId,
    }),
  );
} finally {
  stream.abort();
  await app.close();
  await sandbox.close();
}
