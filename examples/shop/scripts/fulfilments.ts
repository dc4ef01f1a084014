// The shop operator's view of fulfilments, through the running shop's admin routes:
//   ADMIN_TOKEN=… pnpm --filter @aurpay-kit/example-shop fulfilments [failed|owed|done]
//   ADMIN_TOKEN=… pnpm --filter @aurpay-kit/example-shop fulfilments retry <orderId> [paid|expired]
// SHOP_URL says where the shop is (default http://localhost:3000).
import process from 'node:process';

const base = (process.env.SHOP_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const token = process.env.ADMIN_TOKEN;

interface Fulfilment {
  orderId: string;
  outcome: string;
  state: string;
  attempts: number;
  dueAt: number;
  lastError: string | null;
}

async function call<T>(method: string, path: string): Promise<T> {
  const res = await fetch(`${base}/api/admin${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `the shop answered HTTP ${res.status}`);
  return body as T;
}

function show(records: Fulfilment[]): void {
  if (records.length === 0) {
    console.log('none');
    return;
  }
  for (const f of records) {
    const due = f.state === 'owed' ? `, next attempt ${new Date(f.dueAt).toISOString()}` : '';
    console.log(
      `${f.orderId} ${f.outcome} ${f.state} after ${f.attempts} attempt(s)${due}${f.lastError ? `\n  last error: ${f.lastError}` : ''}`,
    );
  }
}

try {
  if (!token) throw new Error('set ADMIN_TOKEN to the shop’s admin token');
  const [command = 'failed', orderId, outcome = 'paid'] = process.argv.slice(2);
  if (command === 'retry') {
    if (!orderId) throw new Error('usage: fulfilments retry <orderId> [paid|expired]');
    show([await call<Fulfilment>('POST', `/fulfilments/${encodeURIComponent(orderId)}/${outcome}/retry`)]);
  } else {
    show(await call<Fulfilment[]>('GET', `/fulfilments?state=${encodeURIComponent(command)}`));
  }
} catch (error) {
  console.error(`fulfilments: ${(error as Error).message}`);
  process.exit(1);
}
