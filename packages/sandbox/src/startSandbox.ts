import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { handleRequest } from './http/handleRequest.js';
import { resolveSandboxOptions, SANDBOX_DEFAULTS, type SandboxCredentials, type SandboxOptions } from './sandboxOptions.js';
import type { SandboxProfile } from './sandboxProfile.js';
import { createSandboxState } from './sandboxState.js';

/** A running sandbox. */
export interface Sandbox {
  /** Its origin, e.g. `http://127.0.0.1:4010`: the `baseUrl` for an Aurpay client. */
  url: string;
  port: number;
  /** The credentials it accepts and signs callbacks with. */
  options: SandboxCredentials;
  /** The reading of Aurpay's documents it answers by. */
  profile: SandboxProfile;
  /** Whether `/api/bln/*` refuses the merchant's credentials. */
  requireLightningKey: boolean;
  /** The Lightning node key that signs its invoices (33-byte compressed, hex). */
  nodePublicKey: string;
  /** Stops listening, drops every connection, cancels timers and pending callbacks. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local gateway that speaks Aurpay's API: same paths, envelopes and authentication, with
 * orders you drive through `/_sandbox/`, answering by one reading (`profile`) of Aurpay's
 * documents. Listens on loopback by default; port 0 picks a free one.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, quiet: true, profile: 'descriptions', requireLightningKey: true });
 * const client = new AurpayClient({ baseUrl: sandbox.url, auth: { type: 'api-key', apiKey: sandbox.options.apiKey } });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = resolveSandboxOptions(options);
  const state = createSandboxState(config);
  const server = createServer((req, res) => {
    handleRequest(req, res, state).catch((error: unknown) => {
      state.log(`unhandled: ${String(error)}`);
      res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostForUrl(config.host)}:${port}`;
  state.baseUrl = url;
  let closing: Promise<void> | undefined;
  const credentials = Object.fromEntries(Object.keys(SANDBOX_DEFAULTS).map((key) => [key, config[key as keyof SandboxCredentials]]));
  return {
    url,
    port,
    options: credentials as unknown as SandboxCredentials,
    profile: config.profile,
    requireLightningKey: config.requireLightningKey,
    nodePublicKey: state.node.publicKey,
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.timers.clearAll();
        state.callbacks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
