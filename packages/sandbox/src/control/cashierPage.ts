import type { Reply } from '../http/envelope.js';

// The hosted checkout of the sandbox: `pay_url` points here (`/#/cashier/<order_id>`). It reads
// the order from the control API, offers BTCPay-style "cheat" buttons, and redirects to
// succeed_url / timeout_url when the order settles, as Aurpay's hosted checkout does. A pay-url's
// `/#/cashier/choose?token=…` first offers the currencies; the choice creates the order.
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aurpay sandbox checkout</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.25rem; } code, .mono { font-family: ui-monospace, monospace; word-break: break-all; }
  .status { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; background: #eef; }
  button { font: inherit; margin: .25rem .25rem 0 0; padding: .4rem .8rem; cursor: pointer; }
  .note { color: #667; font-size: .9rem; }
</style>
</head>
<body>
<h1>Aurpay sandbox checkout</h1>
<p class="note">A test checkout: no real money moves. The buttons drive the order through the sandbox's control API.</p>
<div id="order">Loading…</div>
<script>
const view = document.getElementById('order');
const match = /^#\\/cashier\\/(\\d{20})/.exec(location.hash);
function row(label, value) {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = label + ': ';
  const span = document.createElement('span');
  span.className = 'mono';
  span.textContent = value;
  p.append(b, span);
  return p;
}
async function control(path, body) {
  const res = await fetch('/_sandbox/orders/' + match[1] + path, { method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined });
  return res.json();
}
async function act(path, body) {
  const answer = await control(path, body || {});
  if (answer.code !== 0) alert(answer.message);
  await refresh();
}
let redirected = false;
async function refresh() {
  const answer = await control('');
  if (answer.code !== 0) { view.textContent = answer.message; return; }
  const o = answer.data;
  view.replaceChildren(
    row('Order', o.order_id), row('Status', o.status), row('Amount', o.amount + ' ' + o.currency),
    row('Paid', o.paid), row('Remaining', o.remaining), row(o.lightning ? 'Invoice' : 'Address', o.address),
    row('Pays until', o.deadline + ' UTC'),
  );
  if (o.status === 'PENDING' || o.status === 'PARTIAL') {
    const buttons = document.createElement('p');
    const full = document.createElement('button');
    full.textContent = 'Pay in full';
    full.onclick = () => act('/pay');
    buttons.append(full);
    if (!o.lightning) {
      const part = document.createElement('button');
      part.textContent = 'Pay part…';
      part.onclick = () => { const amount = prompt('Amount in ' + o.currency, o.remaining); if (amount) act('/pay', { amount }); };
      buttons.append(part);
    }
    const expire = document.createElement('button');
    expire.textContent = 'Let it time out';
    expire.onclick = () => act('/expire');
    buttons.append(expire);
    view.append(buttons);
  }
  const target = o.status === 'SUCCESS' || o.status === 'RESOLVED' ? o.urls.succeed_url : o.status === 'OVERDUE' ? o.urls.timeout_url : undefined;
  if (target && !redirected) { redirected = true; view.append(row('Redirecting to', target)); setTimeout(() => { location.href = target; }, 1500); }
}
async function choose(token) {
  const res = await fetch('/_sandbox/checkouts/' + token);
  const answer = await res.json();
  if (answer.code !== 0) { view.textContent = answer.message; return; }
  const c = answer.data;
  const open = (orderId) => { location.hash = '#/cashier/' + orderId; location.reload(); };
  if (c.order_id) { open(c.order_id); return; }
  const list = document.createElement('p');
  for (const option of c.currencies) {
    const button = document.createElement('button');
    button.textContent = option.currency + (option.currency === option.chain ? '' : ' (' + option.chain + ')');
    button.onclick = async () => {
      const chosen = await (await fetch('/_sandbox/checkouts/' + token + '/choose', { method: 'POST', body: JSON.stringify(option) })).json();
      if (chosen.code !== 0) alert(chosen.message); else open(chosen.data.order_id);
    };
    list.append(button);
  }
  view.replaceChildren(row('Price', c.price + ' ' + c.currency), row('Choose before', c.expires + ' UTC'), list);
}
const choice = /^#\\/cashier\\/choose\\?token=([0-9a-f]{64})/.exec(location.hash);
if (match) { refresh(); setInterval(refresh, 2000); }
else if (choice) choose(choice[1]);
else view.textContent = 'Open a pay_url from an order.';
</script>
</body>
</html>
`;

/**
 * The sandbox's hosted checkout page, served at `/` so an order's `pay_url` opens in a browser.
 *
 * @example cashierPage().headers // { 'Content-Type': 'text/html; charset=utf-8' }
 */
export function cashierPage(): Reply {
  return { status: 200, body: null, raw: HTML, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}
