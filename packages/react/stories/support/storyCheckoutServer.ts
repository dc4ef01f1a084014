import type { CheckoutCurrency, CheckoutStatus } from '@aurpay-kit/core';
import type { CreateOrderBody, FakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import type { StoryCurrency, StoryReceipt } from './storyOrders.js';
import { STORY_CURRENCIES, STORY_NOW, createdOrder, orderInStatus } from './storyOrders.js';

/** What the fake checkout routes do for one story. Plain data, so it fits in `parameters`. */
export interface FakeScenario {
  /** `POST /orders`: answer with a new order (default), never answer, or fail as in a gateway outage. */
  create?: 'order' | 'pending' | 'error';
  /** The status a new order reaches at once. Default: it stays awaiting payment. */
  status?: CheckoutStatus;
  /** What the order received besides its status: `part` for an expiry after a part payment. */
  received?: StoryReceipt;
  /** The transaction's confirmations in `confirming`. */
  confirmations?: number;
  /** `GET /currencies`; default one currency of each family. */
  currencies?: CheckoutCurrency[];
}

const CURRENCIES: CheckoutCurrency[] = Object.values(STORY_CURRENCIES).map(({ chain, currency }) => ({ chain, currency }));

function currencyFor(body: { kind?: unknown; chain?: unknown; currency?: unknown }): StoryCurrency | undefined {
  if (body.kind === 'lightning') return STORY_CURRENCIES.LIGHTNING;
  return Object.values(STORY_CURRENCIES).find((c) => c.chain === body.chain && c.currency === body.currency);
}

/**
 * The shared fake checkout server, answering from the story fixtures at the story clock: orders
 * are created four minutes before `STORY_NOW` and reach their status a minute before it.
 *
 * @example
 * const server = storyCheckoutServer({ status: 'partially_paid' });
 * <AurpayProvider endpoint="/api/pay" fetch={server.fetch} eventSource={server.EventSource}>…
 */
export function storyCheckoutServer(scenario: FakeScenario = {}): FakeCheckoutServer {
  return fakeCheckoutServer({
    create: scenario.create,
    status: scenario.status,
    currencies: scenario.currencies ?? CURRENCIES,
    createOrder: (body: CreateOrderBody, serial) => {
      const currency = currencyFor(body);
      return currency ? createdOrder(currency, `story-token-${serial}`) : null;
    },
    moveTo: (order, status) =>
      orderInStatus(order, status, currencyFor(order)?.partial ?? '0', scenario.received, scenario.confirmations ?? null),
    now: () => Date.parse(STORY_NOW) - 60_000,
  });
}
