import type { CheckoutOrder } from '@aurpay-kit/core';
import { startSandbox, SANDBOX_DEFAULTS, type Sandbox, type SandboxOptions } from '@aurpay-kit/sandbox';
import { signCallback } from '../src/callbacks/signCallback.js';
import type { ExpressCheckoutOptions } from '../src/express/createCheckoutRouter.js';
import type { RedisStoreOptions } from '../src/redis/index.js';
import { startBalancer, type Balancer } from './balancer.js';
import type { ApiAnswer } from './checkoutHarness.js';
import { callJson, startInstance, type HookCall, type Instance } from './clusterInstance.js';
import { startRedisServer, type RedisServer } from '@aurpay-kit/testing';

export type { HookCall, Instance } from './clusterInstance.js';

export interface ClusterOptions {
  sandbox?: SandboxOptions;
  /** Redis with an append-only file synced on every write, so it can restart without loss. */
  persistent?: boolean;
  checkout?: Partial<ExpressCheckoutOptions>;
  redis?: Partial<RedisStoreOptions>;
}

export interface Cluster {
  sandbox: Sandbox;
  redisServer: RedisServer;
  balancer: Balancer;
  /** What both instances are configured with and Aurpay calls: the balancer's `/api/pay`. */
  publicUrl: string;
  instances: Map<string, Instance>;
  /** Every hook call on every instance, closed ones included. */
  hooks: HookCall[];
  /** Starts an instance (again, after `stop`) behind the balancer. */
  start(name: string, overrides?: { checkout?: Partial<ExpressCheckoutOptions>; redis?: Partial<RedisStoreOptions> }): Promise<Instance>;
  stop(name: string): Promise<void>;
  instance(name: string): Instance;
  /** Through the balancer. */
  api(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<ApiAnswer>;
  createOrder(via: string, body?: Record<string, unknown>): Promise<CheckoutOrder>;
  /** Aurpay's signed callback for `order`, sent straight to one instance. */
  callback(via: string, order: CheckoutOrder, method?: 'GET' | 'POST', event?: 'paid' | 'expired'): Promise<ApiAnswer>;
  control(path: string, body?: unknown): Promise<unknown>;
  paidCalls(orderId: string): HookCall[];
  /**
   * The `onPaid` calls for an order once they are final: waits until its fulfilment is marked done
   * in Redis (after which no instance runs it again), then for every hook still running anywhere.
   */
  settledPaidCalls(orderId: string): Promise<HookCall[]>;
  close(): Promise<void>;
}

/**
 * A scaled-out shop on loopback: one sandbox gateway, one private redis-server, a balancer, and
 * checkout instances (each an Express app with the router and its own Redis store connections)
 * that all share `publicUrl`, so Aurpay's callbacks go through the balancer to any of them.
 */
export async function startCluster(names: readonly string[], options: ClusterOptions = {}): Promise<Cluster> {
  const redisServer = await startRedisServer({ persistent: options.persistent === true });
  const sandbox = await startSandbox({ port: 0, quiet: true, callbackRetryDelayMs: 100, callbackRetries: 12, ...options.sandbox });
  const balancer = await startBalancer();
  const publicUrl = `${balancer.url}/api/pay`;
  const prefix = `cluster-${Date.now()}:`;
  const instances = new Map<string, Instance>();
  const hooks: HookCall[] = [];

  const start: Cluster['start'] = async (name, overrides = {}) => {
    const redis = {
      url: redisServer.url,
      keyPrefix: prefix,
      commandTimeoutMs: 1000,
      onError: () => undefined,
      ...options.redis,
      ...overrides.redis,
    };
    const checkout = { ...options.checkout, ...overrides.checkout };
    const instance = await startInstance({ name, sandbox, publicUrl, hooks, redis, checkout });
    instances.set(name, instance);
    balancer.targets.set(name, instance.origin);
    return instance;
  };
  const instance = (name: string): Instance => {
    const found = instances.get(name);
    if (found === undefined) throw new Error(`no running instance ${name}`);
    return found;
  };
  const control: Cluster['control'] = async (path, body) => {
    const answer = await callJson(`${sandbox.url}/_sandbox`, body === undefined ? 'GET' : 'POST', path, body === undefined ? {} : { body });
    const envelope = answer.body as { code: number; message: string; data: unknown };
    if (envelope.code !== 0) throw new Error(`sandbox control ${path}: ${envelope.message}`);
    return envelope.data;
  };

  const paidCalls = (orderId: string) => hooks.filter((h) => h.hook === 'paid' && h.order.orderId === orderId);

  for (const name of names) await start(name);
  return {
    sandbox,
    redisServer,
    balancer,
    publicUrl,
    instances,
    hooks,
    start,
    instance,
    control,
    async stop(name) {
      balancer.targets.delete(name);
      await instance(name).close();
      instances.delete(name);
    },
    api: (method, path, init) => callJson(publicUrl, method, path, init),
    async createOrder(via, body = { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' }) {
      const answer = await instance(via).api('POST', '/orders', { body });
      if (answer.status !== 201) throw new Error(`POST /orders on ${via} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as CheckoutOrder;
    },
    async callback(via, order, method = 'GET', event = 'paid') {
      const view = (await control(`/orders/${order.orderId}`)) as { urls: { callback_url: string; timeout_callback: string } };
      const url = event === 'paid' ? view.urls.callback_url : view.urls.timeout_callback;
      const headers = signCallback({ callbackUrl: url, token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret });
      return instance(via).api(method, url.slice(publicUrl.length), {
        headers,
        ...(method === 'POST' ? { body: { order_id: order.orderId } } : {}),
      });
    },
    paidCalls,
    async settledPaidCalls(orderId) {
      const done = async () => {
        const any = instances.values().next().value;
        return any !== undefined && (await any.redis.store.getFulfilment(orderId, 'paid'))?.state === 'done';
      };
      for (let waited = 0; !(await done()); waited += 20) {
        if (waited > 15_000) throw new Error(`no fulfilment done for order ${orderId}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const running of instances.values()) await running.router.checkout.idle();
      return paidCalls(orderId);
    },
    async close() {
      for (const running of instances.values()) await running.close();
      instances.clear();
      await balancer.close();
      await sandbox.close();
      await redisServer.close();
    },
  };
}
