// Turns bench/results.json into bench/RESULTS.md: one table, each figure beside its baseline and
// its budget or target, then the machine and how each figure was taken.
import { round } from './lib/stats.mjs';
import { kB } from './size.mjs';

const verdict = (ok) => (ok === null || ok === undefined ? '' : ok ? 'met' : 'missed');
const num = (value) => (value === null || value === undefined ? 'n/a' : value.toLocaleString('en-US'));
const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const ms = (value) =>
  value === null || value === undefined
    ? 'n/a'
    : `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
const kb = (bytes) => `${kB(bytes).toFixed(2)} kB`;

function bundleRows(bundle) {
  const byId = Object.fromEntries(bundle.rows.map((row) => [row.id, row]));
  const peers = bundle.peers.map((p) => `${p.name} ~${kB(p.gzipBytes)} kB`).join('; ');
  const row = (id, baseline = '', label = byId[id].label) => {
    const r = byId[id];
    const budget = r.budgetBytes === null ? '' : `≤ ${kB(r.budgetBytes)} kB`;
    const dialog = id === 'lightningInvoice' ? (r.includesDialog ? ', includes the dialog' : ', no dialog') : '';
    // What loads after the first paint: the views after payment, and the logos (one chunk each).
    const later = r.lazyChunks ? `; later ${kb(r.lazyGzipBytes - r.logoGzipBytes)} views + ${kb(r.logoGzipBytes)} logos` : '';
    return [
      `Bundle: ${label}`,
      `${kb(r.gzipBytes)} gz (${kb(r.minifiedBytes)} min${dialog})${later}`,
      baseline,
      budget,
      verdict(r.withinBudget),
    ];
  };
  return [
    row('all', '', 'all entries, own code (react + core)'),
    row('allWithCore', '', 'all entries + every core export'),
    row('lightningInvoice'),
    row('cryptoCheckout'),
    row('allWithDeps', peers),
    row('lightningInvoiceWithDeps'),
    row('cryptoCheckoutWithDeps'),
    [
      'Bundle: the libraries alone',
      ['qrcodeReact', 'radixDialog', 'bolt11Decoder']
        .map((id) => `${byId[id].label.replace(' alone', '')} ${kb(byId[id].gzipBytes)}`)
        .join('; '),
      '',
      '',
      '',
    ],
  ];
}

function signingRows(signing) {
  return signing.rows.map((r) => [
    `Signing: ${r.label}`,
    `${us(r.nsPerOp)} (fastest round ${us(r.nsPerOpFastest)})`,
    `floor ${r.floorLabel}: ${us(r.floorNsPerOp)} (fastest ${us(r.floorNsPerOpFastest ?? r.floorNsPerOp)})`,
    `< ${us(r.targetNs)}`,
    verdict(r.withinTarget),
  ]);
}

function handlerRows(h) {
  const line = (x) => `${num(x.requestsPerSecond)} req/s, p50 ${ms(x.latencyMs.p50)}, p99 ${ms(x.latencyMs.p99)}`;
  return [
    ['Handler: bare Express "hello"', line(h.hello), '(the baseline)', '', ''],
    [
      'Handler: `GET /orders/:id`, paid order from the store',
      `${line(h.orderStatus)}; ${Math.round(h.ratio * 100)}% of bare (rounds ${h.ratioByRound.map((r) => `${Math.round(r * 100)}%`).join(', ')}); ${h.upstreamDetailCalls} upstream calls`,
      `bare: ${num(h.hello.requestsPerSecond)} req/s`,
      `≥ ${Math.round(h.targetRatio * 100)}% of bare`,
      verdict(h.withinTarget),
    ],
  ];
}

function fanInRows(f) {
  return [
    [
      `Fan-in: upstream detail calls, ${num(f.subscribers)} SSE + ${num(f.pollerConnections)} pollers on one order`,
      `${f.upstreamDetailCalls} in ${(f.windowMs / 1000).toFixed(1)} s (${f.allowedCalls} allowed) = ${f.upstreamCallsPerSecond}/s; shortest gap ${ms(f.shortestGapBetweenCallsMs)}`,
      `uncoalesced: one per poll, ${num(f.pollsPerSecond)}/s`,
      `≤ 1 per minRefreshMs (${f.minRefreshMs / 1000} s)`,
      verdict(f.withinCallTarget),
    ],
    [
      'Fan-in: server memory per open SSE subscriber',
      `heap ${kb(f.memory.heapUsedBytesPerSubscriber)}, RSS ${kb(f.memory.rssBytesPerSubscriber)}; ${f.watchersWhileOpen} watcher for ${num(f.subscribers)} streams`,
      '',
      '< 50 kB',
      verdict(f.withinMemoryTarget),
    ],
    [
      `Fan-in: "paid" reaching all ${num(f.subscribers)} subscribers`,
      `p50 ${ms(f.paidReachedAllMs.p50)}, p99 ${ms(f.paidReachedAllMs.p99)}, last ${ms(f.paidReachedAllMs.last)}; ${f.watchersAfterPaid} watchers after`,
      '',
      '',
      '',
    ],
  ];
}

function paymentRows(p) {
  const line = (m) =>
    `p50 ${ms(m.msFromPayAnswer.p50)}, p99 ${ms(m.msFromPayAnswer.p99)} (${m.seen}/${m.orders} orders${m.missed ? `, ${m.missed} never seen` : ''})`;
  return [
    ['Payment to screen: callbacks + SSE', line(p.sse), 'peers poll every 1–3 s', `p99 < ${p.targetP99Ms} ms`, verdict(p.withinTarget)],
    [`Payment to screen: polling only, every ${p.pollIntervalMs / 1000} s`, line(p.polling), '', '', ''],
  ];
}

function streamRows(s) {
  const { caps, load } = s;
  return [
    [
      `Streams: one instance at its default caps (${caps.caps.maxPerClient} per client, ${num(caps.caps.maxTotal)} in all), ${caps.clients} clients trying ${caps.attemptsPerClient} each`,
      `${num(caps.accepted)} accepted, ${num(caps.refusedPerClient)} refused 429 (per client), ${num(caps.refusedFull)} refused 503 (full), ${caps.otherwise} otherwise`,
      'unbounded before: every stream accepted',
      '',
      '',
    ],
    [
      `Streams: memory per stream, ${num(load.streams)} open over ${num(load.orders)} orders`,
      `heap ${kb(load.memory.heapBytesPerStream)}, RSS ${kb(load.memory.rssBytesPerStream)}`,
      '',
      `heap ≤ ${kb(s.load.targetBytesPerStream)}`,
      verdict(s.withinMemoryTarget),
    ],
    [
      `Streams: upstream status calls with ${num(load.orders)} orders watched`,
      `${load.upstreamCallsPerSecond}/s`,
      `unbudgeted: ${num(load.orders)} every 3 s (${round(load.orders / 3)}/s)`,
      `≤ the budget, ${load.pollBudgetPerSecond}/s`,
      verdict(load.upstreamCallsPerSecond <= load.pollBudgetPerSecond * 1.1),
    ],
    [
      `Streams: payment to its order's streams, ${num(load.streams)} streams open`,
      `p50 ${ms(load.paidReachedOrderStreamsMs.p50)}, p99 ${ms(load.paidReachedOrderStreamsMs.p99)} (${load.paidReachedOrderStreamsMs.payments} payments)`,
      '',
      `p99 < ${ms(load.targetPaidP99Ms)}`,
      verdict(s.withinPaidTarget),
    ],
  ];
}

function shopUnderAttackRows(a) {
  const { streams, slow, buyer, memory } = a;
  return [
    [
      `Shop under attack (${num(a.fileLimit)} open files): one address opens ${num(streams.attempted)} streams and ${slow.attempted} slow connections`,
      `${streams.accepted} streams accepted; refused: ${num(streams.tooManyStreams)} 429 too_many_streams, ${num(streams.tooManyConnections)} 503 too_many_connections, ${streams.streamsFull} 503 streams_full, ${streams.dropped} dropped; slow: ${slow.heldDuringBuy} held, ${slow.refusedAtOnce} refused at once, all closed by ${ms(slow.longestOpenMs)}`,
      'before: 995 streams took every descriptor; buyers, sandbox and callbacks were reset',
      '',
      '',
    ],
    [
      'Shop under attack: a buyer on another address, payment to "paid" on its stream',
      `${ms(buyer.timeToPaidMs)}; page ${buyer.pageStatus}, cart ${buyer.cartStatus}, order ${buyer.orderStatus}, stream ${buyer.streamStatus}, ${buyer.fulfilled ? 'fulfilled' : 'NOT fulfilled'}`,
      '',
      `< ${ms(a.targetTimeToPaidMs)}, fulfilled`,
      verdict(a.withinPaidTarget),
    ],
    [
      "Shop under attack: the shop's memory (RSS)",
      `${memory.beforeMb} MB before, ${memory.peakMb} MB at peak, ${memory.afterMb} MB after`,
      '',
      '',
      '',
    ],
  ];
}

function storeRows(stores) {
  const names = { memory: 'memory', sqlite: 'SQLite', postgres: 'PostgreSQL' };
  const rows = [];
  for (const [key, label] of Object.entries(names)) {
    const s = stores[key];
    if (!s) continue;
    const h = s.handler;
    rows.push(
      [
        `Store ${label}: \`GET /orders/:id\`, paid order`,
        `${num(h.orderStatus.requestsPerSecond)} req/s, p99 ${ms(h.orderStatus.latencyMs.p99)}; ${Math.round(h.ratio * 100)}% of bare (rounds ${h.ratioByRound.map((r) => `${Math.round(r * 100)}%`).join(', ')})`,
        `bare: ${num(h.hello.requestsPerSecond)} req/s`,
        `≥ ${Math.round(h.targetRatio * 100)}% of bare`,
        verdict(h.withinTarget),
      ],
      [
        `Store ${label}: callbacks settled`,
        `${num(s.callbacks.settledPerSecond)}/s (${s.callbacks.count} signed callbacks, 16 at a time; ${s.callbacks.answered200} answered 200, ${s.callbacks.fulfilled} fulfilled)`,
        '',
        '',
        '',
      ],
      [
        `Store ${label}: reconciliation, ${num(s.reconcile.watched)} open orders`,
        `${s.reconcile.nothingChanged.upstreamCalls} upstream calls with nothing changed; ${s.reconcile.oneChanged.upstreamCalls} with one paid (${s.reconcile.oneChanged.detailCalls} detail)`,
        `a detail call per order: ${num(s.reconcile.watched)}`,
        `≤ ${s.reconcile.targetCalls}, +1 per change`,
        verdict(s.reconcile.withinTarget),
      ],
      [
        `Store ${label}: checkout memory per open order`,
        `heap ${num(s.memory.heapBytesPerOrder)} B, RSS ${num(s.memory.rssBytesPerOrder)} B (${num(s.memory.openOrders)} orders)`,
        '',
        '',
        '',
      ],
    );
  }
  return rows;
}

const SECTIONS = {
  bundle: bundleRows,
  signing: signingRows,
  handler: handlerRows,
  fanIn: fanInRows,
  paymentToScreen: paymentRows,
  streams: streamRows,
  shopUnderAttack: shopUnderAttackRows,
  stores: storeRows,
};

export function renderMarkdown(results) {
  const { meta } = results;
  const rows = [];
  const failed = [];
  for (const [name, render] of Object.entries(SECTIONS)) {
    const section = results[name];
    if (!section) continue;
    if (section.error) failed.push(`- ${name}: could not run: ${section.error.split('\n')[0]}`);
    else rows.push(...render(section));
  }
  const escape = (cell) => String(cell).replaceAll('|', '\\|');
  const table = [
    '| Measure | Result | Baseline | Budget / target | Verdict |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  const notes = meta.notes.map((note) => `- ${note}`);
  return `# Benchmarks

\`pnpm bench\` (${meta.quick ? '**quick run: reduced counts**, ' : ''}${meta.date}): ${meta.cpus} cores (${meta.cpuModel}), ${meta.totalMemoryGb} GB, Node ${meta.node}, ${meta.platform}. Load average at start ${meta.loadAverage.start}, at end ${meta.loadAverage.end}.

${notes.join('\n')}
${failed.length ? `\n${failed.join('\n')}\n` : ''}
${table.join('\n')}

## How each figure is taken

- **Bundle**: the built packages bundled by esbuild for the browser (ESM, es2022, minified, \`NODE_ENV=production\`), gzipped at level 9; 1 kB = 1000 bytes, the strict reading of the budgets. React and react-dom are always left out; "own code" also leaves out qrcode.react, @radix-ui/react-dialog and light-bolt11-decoder. The budgets hold for the first paint (the entry and its static imports); what \`import()\` loads later, the views after payment and the currency logos, is reported beside it. The only deterministic check: \`pnpm bench:size\` fails over budget. Peer figures are quoted, measured the same way elsewhere, not here.
- **Signing**: the median of ${results.signing?.rows?.[0]?.rounds ?? 'n'} rounds of ${num(results.signing?.rows?.[0]?.iterationsPerRound)} calls (and the fastest round, the one least disturbed by other processes), each round timing the call and then its floor (the bare node:crypto work it cannot skip: MD5 of the body when there is one and one HMAC) in the same process; the verdict goes by the median.
- **Handler**: one Express app in its own process serves both routes; a raw keep-alive load generator in another process sends a fixed number of requests per round (${num(results.handler?.requestsPerRound)}) over ${results.handler?.connections ?? 'n'} connections, time-capped, each round running both routes back to back, alternating which goes first; req/s is the median round, the share of bare is the median of the rounds' ratios, latencies are pooled over all rounds.
- **Fan-in**: event streams opened through the router on one unpaid order, then pollers requesting \`GET /orders/:id\` back to back for the window; the sandbox's request counter gives the calls (allowed: one per whole \`minRefreshMs\` in the window, plus one at its edge), a recording \`fetch\` handed to the server's \`AurpayClient\` gives the gaps between them. Memory is the server process's heap and RSS after forced GC, before and with the streams open, divided by their number.
- **Payment to screen**: core's \`OrderSubscription\` in Node (a small EventSource over node:http, Node's fetch; \`globalThis.window\` defined so it runs), one subscription per order, payments ${results.paymentToScreen?.gapBetweenPaymentsMs ?? 'n'} ms apart; the time runs from the sandbox's pay answer to the subscription reporting \`paid\`.
- **Streams**: the checkout in its own process. At the caps: 150 loopback addresses (127.0.x.y) each open 12 streams on one order against the default caps. Under load: 1,000 orders (the sandbox in the bench's process), 10 streams each from 5,000 addresses; memory is the process's heap and RSS after forced GC before and after, divided by the streams; upstream calls are the sandbox's count of order-detail calls over 10 s while every order is watched; then 100 orders are paid one by one, each timed from the sandbox's pay answer until all 10 of its streams heard \`paid\`.
- **Shop under attack**: the example shop in its own process under \`ulimit -n 1024\`, sandbox mode, facing clients directly (\`TRUST_PROXY=false\`). From 127.0.0.5 an attacker makes one order, opens 1,500 event streams on it (100 at a time), then 300 connections that send half their headers and stop, then keeps opening streams until 3,000 are tried and the buyer is done. From 127.0.0.2 the buyer loads the built page and its assets, makes a cart and an order, opens its stream, has the sandbox pay the order, and is timed from the pay request to \`paid\` on its stream; then the cart is read until it shows the fulfilment. Memory is the shop process's RSS from \`/proc\`, sampled every 100 ms.
- **Stores**: for each store, the checkout in its own process (the sandbox in the bench's) on a fresh database: the process's heap and RSS after forced GC before and after creating the open orders, divided by their number; the sandbox's request counter around one reconciliation pass with nothing changed, then with one order paid at the gateway and no callback; signed callbacks for orders already paid at the gateway (the sandbox's own refused), 16 at a time, each confirmed with the order detail, written with its owed fulfilment (SQLite: \`synchronous=FULL\`) and fulfilled; then the handler comparison above on that store.
- Every loop is bounded in count and time, and everything talks to 127.0.0.1 only. Timings are reported, never asserted.
`;
}
