import { createHash } from 'node:crypto';

import { AccessTokens } from './auth/accessTokens.js';
import { callbackEvent } from './callbacks/callbackEvent.js';
import { CallbackSender } from './callbacks/callbackSender.js';
import { FaultBook } from './control/faultBook.js';
import { HostedCheckouts } from './orders/hostedCheckouts.js';
import { Ledger } from './wallet/ledger.js';
import { LightningNode } from './lightning/lightningNode.js';
import { OrderBook } from './orders/orderBook.js';
import { callbackBody } from './orders/orderViews.js';
import { RequestStats } from './http/requestStats.js';
import type { ResolvedSandboxOptions } from './sandboxOptions.js';
import { TimerSet } from './timerSet.js';

/** Everything a running sandbox holds. */
export interface SandboxState {
  config: ResolvedSandboxOptions;
  /** The merchant's Aurpay user id, derived from the seed. */
  userId: string;
  /** The sandbox's own origin, e.g. `http://127.0.0.1:4010`; set once listening. */
  baseUrl: string;
  now: () => number;
  orders: OrderBook;
  /** The `pay-url` checkouts, waiting for the buyer's currency choice. */
  checkouts: HostedCheckouts;
  ledger: Ledger;
  node: LightningNode;
  faults: FaultBook;
  stats: RequestStats;
  callbacks: CallbackSender;
  timers: TimerSet;
  accessTokens: AccessTokens;
  log: (line: string) => void;
}

/**
 * Builds a sandbox's state, wiring order transitions to callbacks: SUCCESS calls `callback_url`,
 * OVERDUE calls `timeout_callback`, and the profile may add the other changes (`callbackEvent`).
 *
 * @example const state = createSandboxState(resolveSandboxOptions({ quiet: true }))
 */
export function createSandboxState(config: ResolvedSandboxOptions): SandboxState {
  const now = () => Date.now();
  const log = config.quiet ? () => undefined : (line: string) => void process.stderr.write(`[aurpay-sandbox] ${line}\n`);
  const timers = new TimerSet((error) => log(`timer failed: ${String(error)}`));
  const { quirks } = config.profile;
  const callbacks = new CallbackSender({
    token: config.callbackToken,
    secret: config.callbackSecret,
    signed: !quirks.unsignedCallbacks,
    retries: config.callbackRetries,
    retryDelayMs: config.callbackRetryDelayMs,
    timeoutMs: config.callbackTimeoutMs,
    timers,
    now,
    log,
  });
  const orders = new OrderBook({
    now,
    timers,
    onTransition: (order, { to }) => {
      log(`order ${order.orderId} ${to}`);
      const event = callbackEvent(to, quirks);
      // The body is the order as it is when each attempt goes out, as Aurpay's callback example shows it.
      if (event !== null) callbacks.send(order, event, to, () => JSON.stringify(callbackBody(order, quirks)));
    },
  });
  return {
    config,
    userId: `mct-${createHash('sha256').update(`aurpay-sandbox/user/${config.seed}`).digest('hex').slice(0, 12)}`,
    baseUrl: `http://${config.host}:${config.port}`,
    now,
    orders,
    checkouts: new HostedCheckouts(),
    ledger: new Ledger(),
    node: new LightningNode(config.seed, config.network),
    faults: new FaultBook(),
    stats: new RequestStats(),
    callbacks,
    timers,
    accessTokens: new AccessTokens(),
    log,
  };
}
