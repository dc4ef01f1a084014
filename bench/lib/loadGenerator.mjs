// A bounded closed-loop HTTP/1.1 load generator over raw keep-alive sockets, much lighter than
// node:http's client, so that on a small machine the server, not the generator, is what runs out.
// Each connection sends one request, reads the whole answer, records its latency and sends the
// next, until `requests` have been sent or `timeCapMs` has passed. 127.0.0.1 only.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { summarize } from './stats.mjs';

const HEADER_END = '\r\n\r\n';

function requestBytes(url, headers) {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}${HEADER_END}`, 'latin1');
}

/** Length of one complete response at the start of `text`, or -1 while incomplete. */
function responseLength(text) {
  const headerEnd = text.indexOf(HEADER_END);
  if (headerEnd === -1) return -1;
  const head = text.slice(0, headerEnd);
  const bodyStart = headerEnd + HEADER_END.length;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return text.length >= end ? end : -1;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const end = text.indexOf('\r\n0\r\n\r\n', bodyStart - 2);
    return end === -1 ? -1 : end + 7;
  }
  return bodyStart;
}

/**
 * Runs one bounded load. Resolves with requests/s, latency percentiles (ms) and the count of
 * answers other than 2xx.
 *
 * @example await runLoad({ url: 'http://127.0.0.1:3000/hello', requests: 10_000, connections: 32 })
 */
export async function runLoad({ url, headers = {}, requests, connections = 32, timeCapMs = 15_000 }) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`load goes to 127.0.0.1 only, not ${target.hostname}`);
  const bytes = requestBytes(target, headers);
  const latencies = [];
  const statuses = {};
  let sent = 0;
  let errors = 0;
  let capped = false;
  const started = performance.now();
  const deadline = started + timeCapMs;

  const worker = () =>
    new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(target.port), noDelay: true });
      let buffer = '';
      let sentAt = 0;
      let waiting = false;
      const next = () => {
        if (sent >= requests || performance.now() >= deadline) {
          if (sent < requests) capped = true;
          socket.end();
          return;
        }
        sent += 1;
        waiting = true;
        sentAt = performance.now();
        socket.write(bytes);
      };
      socket.setEncoding('latin1');
      socket.on('connect', next);
      socket.on('data', (chunk) => {
        buffer += chunk;
        const length = responseLength(buffer);
        if (length === -1) return;
        latencies.push(performance.now() - sentAt);
        const status = buffer.slice(9, 12);
        statuses[status] = (statuses[status] ?? 0) + 1;
        buffer = buffer.slice(length);
        waiting = false;
        next();
      });
      // A socket that dies mid-request counts as an error; the run goes on with the others.
      socket.on('error', () => {
        if (waiting) errors += 1;
        waiting = false;
      });
      socket.on('close', () => {
        if (waiting) errors += 1;
        resolve();
      });
      // A hung server cannot hold the run past its cap.
      setTimeout(() => socket.destroy(), timeCapMs + 5_000).unref();
    });

  await Promise.all(Array.from({ length: connections }, worker));
  const durationMs = performance.now() - started;
  const ok = Object.entries(statuses).reduce((total, [status, count]) => total + (status.startsWith('2') ? count : 0), 0);
  return {
    requests: latencies.length,
    ok,
    statuses,
    errors,
    capped,
    connections,
    durationMs,
    requestsPerSecond: (latencies.length / durationMs) * 1000,
    latencyMs: summarize(latencies),
    latencies,
  };
}
