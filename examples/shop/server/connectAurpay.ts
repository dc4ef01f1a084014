import { startSandbox, type Sandbox, type SandboxOptions } from '@aurpay-kit/sandbox';
import { AurpayClient } from '@aurpay-kit/server';
import type { PaymentMode } from './shopConfig.js';

/** What the checkout router needs to talk to Aurpay, and the sandbox when there is one. */
export interface AurpayConnection {
  client: AurpayClient;
  /** Where the checkout router is reachable from the gateway; callbacks go under it. */
  publicUrl: string;
  /** Aurpay's callback token and secret, when callback authentication is on at Aurpay. */
  callback?: { token: string; secret: string };
  orderTtlMs?: number;
  /** The sandbox started for this shop, else null. */
  sandbox: Sandbox | null;
}

export interface ConnectAurpayOptions {
  /**
   * Aurpay's credentials and the shop's public origin (and `baseUrl` for another Aurpay API, such
   * as a sandbox shared by several instances); without them a sandbox is started in this process.
   */
  gateway?: Omit<Extract<PaymentMode, { kind: 'gateway' }>, 'kind'>;
  sandbox?: SandboxOptions;
  /** The shop's own port, where the sandbox calls back. */
  shopPort: number;
}

/**
 * Aurpay itself (signed requests with the API token and secret key, Lightning calls with the
 * BTCLN platform's own credentials when given; at `gateway.baseUrl` when given), or an Aurpay sandbox started in this process, whose default credentials the client then
 * uses.
 *
 * @example const { client, publicUrl, callback } = await connectAurpay({ shopPort: 3000 });
 */
export async function connectAurpay({ gateway, sandbox: sandboxOptions, shopPort }: ConnectAurpayOptions): Promise<AurpayConnection> {
  if (gateway) {
    const { apiToken, secretKey, lightning, callbackToken, callbackSecret, publicUrl, baseUrl } = gateway;
    return {
      client: new AurpayClient({
        ...(baseUrl ? { baseUrl } : {}),
        auth: { type: 'signature', apiToken, secretKey },
        ...(lightning ? { lightningAuth: lightning } : {}),
      }),
      publicUrl: `${publicUrl}/api/pay`,
      ...(callbackToken !== undefined && callbackSecret !== undefined
        ? { callback: { token: callbackToken, secret: callbackSecret } }
        : {}),
      sandbox: null,
    };
  }
  // Like Aurpay, the sandbox takes Lightning calls only with the BTCLN platform's own credentials.
  const sandbox = await startSandbox({ quiet: true, requireLightningKey: true, ...sandboxOptions });
  const { apiToken, secretKey, lightningApiKey, callbackToken, callbackSecret } = sandbox.options;
  return {
    client: new AurpayClient({
      baseUrl: sandbox.url,
      auth: { type: 'signature', apiToken, secretKey },
      lightningAuth: { type: 'api-key', apiKey: lightningApiKey },
    }),
    // The sandbox calls back on loopback, straight to this process.
    publicUrl: `http://127.0.0.1:${shopPort}/api/pay`,
    callback: { token: callbackToken, secret: callbackSecret },
    orderTtlMs: (sandboxOptions?.orderTtlSeconds ?? 1800) * 1000,
    sandbox,
  };
}
