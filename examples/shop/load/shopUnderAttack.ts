import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { json, openStreamFrom, requestFrom, slowConnectionFrom, type OpenStream, type SlowConnection } from './loopbackHttp.js';

const shopRoot = fileURLToPath(new URL('..', import.meta.url));

export interface AttackOptions {
  /** The front end the shop serves (a `vite build` output folder). */
  clientDir: string;
  /** The shop's open-file limit (`ulimit -n`). Default 1024. */
  fileLimit?: number;
  /** Event streams the attacker tries to open, at least. Default 3,000. */
  streamAttempts?: number;
  /** Connections the attacker opens and never finishes. Default 300. */
  slowConnections?: number;
  /** Requests the attacker keeps in flight at once. Default 100. */
  concurrency?: number;
  attacker?: string;
  buyer?: string;
}

export interface AttackReport {
  /** The shop's soft open-file limit, read back from the running process. */
  fileLimit: number;
  streams: {
    attempted: number;
    accepted: number;
    /** Refused by the checkout: `too_many_streams` (429) and `streams_full` (503). */
    tooManyStreams: number;
    streamsFull: number;
    /** Answered 503 `too_many_connections` before the request was read. */
    tooManyConnections: number;
    /** Reset or dropped without an answer. */
    dropped: number;
    other: number;
  };
  slow: {
    attempted: number;
    /** Still open, unanswered, when the buyer finished. */
    heldDuringBuy: number;
    refusedAtOnce: number;
    /** The longest any of them stayed open before the shop closed it. */
    longestOpenMs: number;
    /** How the shop answered them when it let them go (408s). */
    timedOut: number;
  };
  buyer: {
    pageStatus: number;
    assets: number;
    cartStatus: number;
    orderStatus: number;
    streamStatus: number;
    /** From asking the gateway for the payment to `paid` on the buyer's stream. */
    timeToPaidMs: number;
    fulfilled: boolean;
  };
  /** The shop's resident memory, in MB. */
  memory: { beforeMb: number; peakMb: number; afterMb: number };
}

interface ShopProcess {
  url: string;
  sandboxUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the example shop under `ulimit -n fileLimit`, as a buyer would meet it: no proxy in front. */
async function startShopProcess(clientDir: string, fileLimit: number): Promise<ShopProcess> {
  const command = `ulimit -n ${fileLimit} && exec node --import tsx load/shopProcess.ts --client-dir=${JSON.stringify(clientDir)}`;
  const child: ChildProcess = spawn('bash', ['-c', command], {
    cwd: shopRoot,
    // The shop faces clients directly: every address counts as a client, none is a proxy.
    env: { ...process.env, PORT: '0', TRUST_PROXY: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const urls = await new Promise<{ url: string; sandboxUrl: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; sandboxUrl: string }));
    child.once('exit', (code) => reject(new Error(`the shop exited with ${code} before it listened: ${stderr}`)));
  });
  return {
    ...urls,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const statusLine = (pid: number, name: string) =>
  readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1];
const rssMb = (pid: number) => Number(statusLine(pid, 'VmRSS') ?? 0) / 1024;
const softFileLimit = (pid: number) => Number(/^Max open files\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? NaN);

/** Runs `task` `count` times, at most `concurrency` at once, while `more()` holds past the count. */
async function keepGoing(count: number, concurrency: number, more: () => boolean, task: () => Promise<void>): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < count || more()) {
      started += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return started;
}

/**
 * Attacks the example shop at a small open-file limit from one loopback address (thousands of
 * event streams on one order, hundreds of connections that never finish their headers) while a
 * buyer on another address loads the page, orders, pays and waits for "paid" on its stream. The
 * shop is in its own process, as `pnpm start` runs it, with its in-process sandbox as the gateway.
 *
 * @example const report = await attackShop({ clientDir: 'dist' });
 */
export async function attackShop(options: AttackOptions): Promise<AttackReport> {
  const {
    clientDir,
    fileLimit = 1024,
    streamAttempts = 3000,
    slowConnections = 300,
    concurrency = 100,
    attacker = '127.0.0.5',
    buyer = '127.0.0.2',
  } = options;
  const shop = await startShopProcess(clientDir, fileLimit);
  const held: OpenStream[] = [];
  const slow: SlowConnection[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(shop.pid))), 100);
  try {
    const beforeMb = rssMb(shop.pid);
    const base = shop.url;

    // The attacker's own order, whose status stream it then opens again and again.
    const cart = json<{ id: string }>(
      await requestFrom(attacker, `${base}/api/carts`, { method: 'POST', json: { items: [{ productId: 'lightning-mug', quantity: 1 }] } }),
      'the attacker’s cart',
    );
    const order = json<{ orderId: string; statusToken: string }>(
      await requestFrom(attacker, `${base}/api/pay/orders`, {
        method: 'POST',
        json: { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: cart.id },
      }),
      'the attacker’s order',
    );
    const eventsUrl = (o: { orderId: string; statusToken: string }) =>
      `${base}/api/pay/orders/${o.orderId}/events?token=${encodeURIComponent(o.statusToken)}`;

    const streams = { attempted: 0, accepted: 0, tooManyStreams: 0, streamsFull: 0, tooManyConnections: 0, dropped: 0, other: 0 };
    const openOne = async () => {
      const stream = await openStreamFrom(attacker, eventsUrl(order));
      streams.attempted += 1;
      if (stream.status === 200) {
        streams.accepted += 1;
        held.push(stream);
      } else if (stream.status === 0) streams.dropped += 1;
      else if (stream.code === 'too_many_streams') streams.tooManyStreams += 1;
      else if (stream.code === 'streams_full') streams.streamsFull += 1;
      else if (stream.code === 'too_many_connections') streams.tooManyConnections += 1;
      else streams.other += 1;
    };

    // 1. Half the streams, then the slow connections, which take what the address has left.
    await keepGoing(Math.ceil(streamAttempts / 2), concurrency, () => false, openOne);
    for (let i = 0; i < slowConnections; i += concurrency) {
      slow.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(concurrency, slowConnections - i) }, () => slowConnectionFrom(attacker, base)),
        )),
      );
    }

    // 2. The rest of the streams, and on until the buyer is done; meanwhile the buyer shops.
    let buying = true;
    const attack = keepGoing(Math.floor(streamAttempts / 2), concurrency, () => buying, openOne);
    let report: AttackReport['buyer'];
    try {
      report = await buy(base, shop.sandboxUrl, buyer, eventsUrl);
    } finally {
      buying = false;
    }
    await attack;
    const heldDuringBuy = slow.filter((connection) => connection.answer === '').length;

    // 3. The shop lets the slow ones go by itself (its headers timeout); then the attacker leaves.
    // Counted once every connection has closed, so each has its final answer, however slow the machine.
    const longestOpenMs = Math.max(0, ...(await Promise.all(slow.map((connection) => connection.closed))));
    const refusedAtOnce = slow.filter((connection) => connection.answer.startsWith('HTTP/1.1 503')).length;
    const timedOut = slow.filter((connection) => connection.answer.startsWith('HTTP/1.1 408')).length;
    for (const stream of held) stream.close();
    const afterMb = rssMb(shop.pid);
    return {
      fileLimit: softFileLimit(shop.pid),
      streams,
      slow: { attempted: slow.length, heldDuringBuy, refusedAtOnce, longestOpenMs, timedOut },
      buyer: report,
      memory: { beforeMb: round(beforeMb), peakMb: round(Math.max(peakRss, afterMb)), afterMb: round(afterMb) },
    };
  } finally {
    clearInterval(sampler);
    for (const stream of held) stream.close();
    for (const connection of slow) connection.destroy();
    await shop.stop();
  }
}

const round = (mb: number) => Math.round(mb * 10) / 10;

/** A buyer's whole visit from `from`: the page and its assets, a cart, an order, its stream, the payment, the fulfilment. */
async function buy(
  base: string,
  sandboxUrl: string,
  from: string,
  eventsUrl: (o: { orderId: string; statusToken: string }) => string,
): Promise<AttackReport['buyer']> {
  const page = await requestFrom(from, `${base}/`);
  const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  for (const asset of assets) {
    const answer = await requestFrom(from, `${base}${asset}`);
    if (answer.status !== 200) throw new Error(`the buyer's ${asset} answered ${answer.status}`);
  }
  const cartAnswer = await requestFrom(from, `${base}/api/carts`, {
    method: 'POST',
    json: { items: [{ productId: 'lightning-mug', quantity: 2 }] },
  });
  const cart = json<{ id: string }>(cartAnswer, 'the buyer’s cart');
  const orderAnswer = await requestFrom(from, `${base}/api/pay/orders`, {
    method: 'POST',
    json: { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: cart.id },
  });
  const order = json<{ orderId: string; statusToken: string }>(orderAnswer, 'the buyer’s order');
  const stream = await openStreamFrom(from, eventsUrl(order));
  try {
    if (stream.status !== 200) throw new Error(`the buyer's stream answered ${stream.status} ${stream.code ?? ''}`);
    await stream.waitFor((event) => event.status === 'awaiting_payment');
    const payAt = performance.now();
    const paid = await requestFrom('127.0.0.1', `${sandboxUrl}/_sandbox/orders/${order.orderId}/pay`, { method: 'POST', json: {} });
    if (json<{ code: number }>(paid, 'the payment').code !== 0) throw new Error(`the sandbox refused the payment: ${paid.body}`);
    await stream.waitFor((event) => event.status === 'paid');
    const timeToPaidMs = Math.round(performance.now() - payAt);
    // The payment is fulfilled after the gateway confirmed it: look at the cart until it shows (for
    // up to 30 s, which only a broken shop needs).
    let fulfilled = false;
    for (let i = 0; i < 600 && !fulfilled; i += 1) {
      const seen = json<{ fulfilment: unknown }>(await requestFrom(from, `${base}/api/carts/${cart.id}`), 'the buyer’s cart');
      fulfilled = seen.fulfilment !== null;
      if (!fulfilled) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
      pageStatus: page.status,
      assets: assets.length,
      cartStatus: cartAnswer.status,
      orderStatus: orderAnswer.status,
      streamStatus: stream.status,
      timeToPaidMs,
      fulfilled,
    };
  } finally {
    stream.close();
  }
}
