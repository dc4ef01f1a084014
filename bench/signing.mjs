// Cost of signing one Aurpay request and of verifying one callback, in nanoseconds, each beside
// its floor: the bare node:crypto operations it cannot avoid (MD5 of the body, one HMAC), timed in
// the same rounds so both see the same machine. Run alone: node bench/signing.mjs
import { Buffer } from 'node:buffer';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { dist } from './lib/paths.mjs';
import { log, print } from './lib/log.mjs';
import { median, round } from './lib/stats.mjs';

export const TARGET_NS = 5000;

const API_TOKEN = 'bench-api-token-5f0c1d2e';
const SECRET_KEY = 'bench-secret-key-8a9b7c6d5e4f3a2b1c0d';
const CALLBACK = { token: 'bench-callback-token', secret: 'bench-callback-secret-0123456789' };
const CALLBACK_URL = 'https://shop.example/api/pay/callback?ref=2GxQ7mXk4vT9a1Bc&event=paid';
const GET_PATH = '/api/v2/order/detail/1800512347';
const POST_PATH = '/api/v2/order/pay-info';
// About 200 bytes, the size of a pay-info request.
const POST_BODY = JSON.stringify({
  price: '18.5',
  currency: 'USD',
  chain: 'ETH',
  crypto_currency: 'USDT-ERC20',
  callback_url: 'https://shop.example/pay/cb?ref=2GxQ7mXk',
  timeout_callback: 'https://shop.example/pay/cb?ref=2GxQ7mXk',
});

function cases(server) {
  const { signRequest, verifyCallback, signCallback } = server;
  const nodeHash = { 'HMAC-SHA256': 'sha256', 'HMAC-SHA3_256': 'sha3-256' };
  const signing = (algorithm, method) => {
    const body = method === 'GET' ? undefined : POST_BODY;
    const path = method === 'GET' ? GET_PATH : POST_PATH;
    const date = new Date().toISOString();
    const origin = `${algorithm} | ${date} | ${method} ${path}${body === undefined ? '' : ' | 0123456789abcdef0123456789abcdef'}`;
    return {
      id: `sign${method}${algorithm === 'HMAC-SHA256' ? 'Sha256' : 'Sha3'}`,
      label: `signRequest ${method} ${algorithm}${body === undefined ? '' : ` (${Buffer.byteLength(body)}-byte body)`}`,
      run: () =>
        signRequest({ method, pathWithQuery: path, body, apiToken: API_TOKEN, secretKey: SECRET_KEY, algorithm }).headers.Signature,
      floorLabel: `${body === undefined ? '' : 'MD5 + '}HMAC-${algorithm === 'HMAC-SHA256' ? 'SHA256' : 'SHA3-256'}`,
      floor: () => {
        if (body !== undefined) createHash('md5').update(body).digest('hex');
        return createHmac(nodeHash[algorithm], SECRET_KEY).update(origin, 'utf8').digest('base64');
      },
    };
  };
  // Node-style headers, as Express hands them to the verifier.
  const signed = signCallback({ callbackUrl: CALLBACK_URL, ...CALLBACK });
  const headers = {
    host: 'shop.example',
    'user-agent': 'aurpay',
    'callback-token': signed['Callback-Token'],
    date: signed.Date,
    signature: signed.Signature,
  };
  const expected = Buffer.from(signed.Signature, 'base64');
  return [
    signing('HMAC-SHA256', 'GET'),
    signing('HMAC-SHA256', 'POST'),
    signing('HMAC-SHA3_256', 'GET'),
    signing('HMAC-SHA3_256', 'POST'),
    {
      id: 'verifyCallback',
      label: 'verifyCallback (token, HMAC-SHA256 signature, date window)',
      run: () => verifyCallback({ headers, callbackUrl: CALLBACK_URL, ...CALLBACK }).date,
      floorLabel: 'HMAC-SHA256 + timingSafeEqual',
      floor: () => {
        const digest = createHmac('sha256', CALLBACK.secret).update(`${headers.date} | ${CALLBACK_URL}`, 'utf8').digest();
        return timingSafeEqual(digest, expected);
      },
    },
  ];
}

function timeLoop(fn, iterations) {
  let sink;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) sink = fn();
  const elapsed = Number(process.hrtime.bigint() - start);
  if (sink === undefined) throw new Error('benchmark function returned nothing');
  return elapsed / iterations;
}

/**
 * Times each case and its floor in alternating rounds; reports the median round (and the fastest,
 * the least disturbed by other processes). Bounded by `rounds` and `timeCapMs` per case.
 */
export async function benchSigning({ rounds = 15, iterations = 10_000, warmup = 20_000, timeCapMs = 8_000 } = {}) {
  const server = await dist('server');
  const results = [];
  for (const c of cases(server)) {
    timeLoop(c.run, warmup);
    timeLoop(c.floor, warmup);
    const measured = [];
    const floor = [];
    const started = Date.now();
    for (let r = 0; r < rounds && Date.now() - started < timeCapMs; r += 1) {
      measured.push(timeLoop(c.run, iterations));
      floor.push(timeLoop(c.floor, iterations));
    }
    const row = {
      id: c.id,
      label: c.label,
      nsPerOp: round(median(measured)),
      nsPerOpFastest: round(Math.min(...measured)),
      floorLabel: c.floorLabel,
      floorNsPerOp: round(median(floor)),
      floorNsPerOpFastest: round(Math.min(...floor)),
      overFloorNs: round(median(measured) - median(floor)),
      targetNs: TARGET_NS,
      withinTarget: median(measured) < TARGET_NS,
      rounds: measured.length,
      iterationsPerRound: iterations,
    };
    log(`  ${row.label}: ${row.nsPerOp} ns (floor ${row.floorNsPerOp} ns)`);
    results.push(row);
  }
  return { rows: results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchSigning();
  for (const row of rows)
    print(`${row.label.padEnd(62)} ${String(row.nsPerOp).padStart(7)} ns   floor ${row.floorLabel} ${row.floorNsPerOp} ns`);
}
