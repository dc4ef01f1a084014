// The parent side of checkoutServer.mjs, plus the few requests every section makes to it and to
// its sandbox's control API.
import { fork } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./checkoutServer.mjs', import.meta.url));
const STATUS_TOKEN_HEADER = 'X-Status-Token';

/**
 * Starts the shop's server in a child process; `checkout` are createCheckoutRouter options,
 * `execArgv` extra Node flags for it (e.g. `--cpu-prof` to see where its time goes), `setup` its
 * store and sandbox (see checkoutServer.mjs).
 */
export async function startCheckoutServer(checkout = {}, { startTimeoutMs = 30_000, execArgv = [], setup = {} } = {}) {
  const child = fork(SCRIPT, [], { execArgv: ['--expose-gc', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('checkout server did not start in time')), startTimeoutMs);
    child.on('message', (/** @type {{ ready?: unknown; id?: number; error?: string; result?: unknown }} */ message) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.ready);
        return;
      }
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error));
      else call?.resolve(message.result);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`checkout server exited with ${code}`));
      for (const call of pending.values()) call.reject(new Error(`checkout server exited with ${code}`));
    });
  });
  child.send({ options: checkout, setup });
  const urls = await ready;
  const call = (name) =>
    new Promise((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { resolve, reject });
      child.send({ id, call: name });
    });

  const control = async (method, path, body) => {
    const res = await globalThis.fetch(`${urls.sandboxUrl}/_sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const envelope = await res.json();
    if (envelope.code !== 0) throw new Error(`sandbox ${method} ${path}: ${envelope.code} ${envelope.message}`);
    return envelope.data;
  };

  return {
    ...urls,
    pid: child.pid,
    memory: () => call('memory'),
    state: () => call('state'),
    /** Start times (epoch ms) of the upstream detail calls since the last read. */
    detailStarts: () => call('detailStarts'),
    /** A reconciliation pass now; its report. */
    reconcile: () => call('reconcile'),
    /** Resolves once every hook queued or running has settled. */
    idle: () => call('idle'),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill();
    },
    /** `POST /orders` through the router: a checkout order with its status token. */
    async createOrder(body = { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' }) {
      const res = await globalThis.fetch(`${urls.publicUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await res.json();
      if (res.status !== 201) throw new Error(`POST /orders answered ${res.status}: ${JSON.stringify(answer)}`);
      return answer;
    },
    /** `GET /orders/:id` through the router. */
    async status(order) {
      const res = await globalThis.fetch(`${urls.publicUrl}/orders/${order.orderId}`, {
        headers: { [STATUS_TOKEN_HEADER]: order.statusToken },
      });
      return { status: res.status, body: await res.json() };
    },
    pay: (orderId, body = {}) => control('POST', `/orders/${orderId}/pay`, body),
    /** Upstream order-detail calls the sandbox has counted since the last reset. */
    async detailCalls() {
      const stats = await control('GET', '/stats');
      return stats.requests['GET /api/v2/order/detail/:order_id'] ?? 0;
    },
    resetStats: () => control('POST', '/stats/reset', {}),
  };
}

export { STATUS_TOKEN_HEADER };
