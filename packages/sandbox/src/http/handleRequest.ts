import type { IncomingMessage, ServerResponse } from 'node:http';

import { API_ROUTES } from '../routes/apiRoutes.js';
import { applyFault } from '../control/applyFault.js';
import { authenticate, type CredentialSet } from '../auth/authenticate.js';
import { CONTROL_ROUTES } from '../control/controlRoutes.js';
import { errorReply, type Reply } from './envelope.js';
import { GatewayError } from './gatewayError.js';
import { isLoopback } from './isLoopback.js';
import { toJsonText } from './jsonText.js';
import { readBody } from './readBody.js';
import type { RequestContext } from './requestContext.js';
import { matchRoute, type Route } from './router.js';
import type { SandboxState } from '../sandboxState.js';

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function notFound(method: string, path: string, allowed: string[]): GatewayError {
  const hint = allowed.length > 0 ? `; this path takes ${allowed.join(', ')}` : '';
  return new GatewayError('pathNotFound', `No endpoint ${method} ${path}${hint}`, { httpStatus: 404 });
}

function checkBearer(ctx: RequestContext, state: SandboxState): void {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? '');
  if (match === null || !state.accessTokens.isValid(match[1] ?? '', state.now())) {
    throw new GatewayError('accessTokenInvalid', 'Send Authorization: Bearer <access_token> from /api/user/login');
  }
}

function lightningKeyRequired(): GatewayError {
  const message = 'Only the key of the lightning network can pass the verification: use the API-Key of the BTCLN platform on /api/bln/*';
  return new GatewayError('lightningKeyRequired', message, { bare: true });
}

/** The credentials a route knows: the merchant's, or on Lightning routes the Lightning ones first. */
function credentialsFor(auth: 'merchant' | 'lightning', state: SandboxState): [CredentialSet, ...CredentialSet[]] {
  const c = state.config;
  const merchant: CredentialSet = { apiKey: c.apiKey, apiToken: c.apiToken, secretKey: c.secretKey };
  if (auth === 'merchant') return [merchant];
  const lightning: CredentialSet = { apiKey: c.lightningApiKey, apiToken: c.lightningApiToken, secretKey: c.lightningSecretKey };
  return [lightning, c.requireLightningKey ? { ...merchant, refusal: lightningKeyRequired } : merchant];
}

async function route(req: IncomingMessage, state: SandboxState): Promise<Reply | 'dropped'> {
  const method = (req.method ?? 'GET').toUpperCase();
  const pathWithQuery = req.url ?? '/';
  const queryAt = pathWithQuery.indexOf('?');
  const path = queryAt === -1 ? pathWithQuery : pathWithQuery.slice(0, queryAt);
  const body = await readBody(req);
  if (!body.ok) throw new GatewayError('bodyTooLarge', 'The request body is larger than 1 MB');
  const control = path === '/' || path === '/_sandbox' || path.startsWith('/_sandbox/');
  const match = matchRoute(control ? CONTROL_ROUTES : API_ROUTES, method, path);
  const found: Route | undefined = 'route' in match ? match.route : undefined;
  if (control) {
    if (!isLoopback(req.socket.remoteAddress)) throw new GatewayError('controlForbidden', 'The control API answers loopback clients only');
  } else {
    state.stats.record(`${method} ${found?.pattern ?? '(unmatched)'}`);
    const fault = state.faults.take(method, path);
    const faulted = fault === undefined ? undefined : await applyFault(fault, req, state.timers);
    if (faulted !== undefined) return faulted;
  }
  if (!('route' in match) || found === undefined) throw notFound(method, path, 'allowed' in match ? match.allowed : []);
  const ctx: RequestContext = {
    method,
    path,
    pathWithQuery,
    query: new URLSearchParams(queryAt === -1 ? '' : pathWithQuery.slice(queryAt + 1)),
    params: match.params,
    headers: flattenHeaders(req),
    body: body.body,
    remoteAddress: req.socket.remoteAddress,
  };
  if (found.auth === 'merchant' || found.auth === 'lightning') {
    const credentials = credentialsFor(found.auth, state);
    authenticate({ method, pathWithQuery, headers: ctx.headers, body: ctx.body, now: state.now(), credentials });
  } else if (found.auth === 'bearer') {
    checkBearer(ctx, state);
  }
  return await found.handle(ctx, state);
}

/**
 * Answers one HTTP request: body limit, stats and faults, authentication, the route, and an
 * Aurpay-style envelope for every refusal. Never throws: an unexpected error is a 500 envelope.
 *
 * @example server.on('request', (req, res) => void handleRequest(req, res, state))
 */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, state: SandboxState): Promise<void> {
  const started = Date.now();
  let reply: Reply | 'dropped';
  try {
    reply = await route(req, state);
  } catch (error) {
    if (error instanceof GatewayError) {
      reply = errorReply(error);
      if (error.code === 'body_too_large') reply.headers = { Connection: 'close' };
    } else if (req.socket.destroyed) {
      reply = 'dropped';
    } else {
      const detail = error instanceof Error ? error : new Error(String(error));
      state.log(`internal error on ${req.method} ${req.url}: ${detail.stack ?? detail.message}`);
      reply = errorReply(new GatewayError('internalError', `Internal sandbox error: ${detail.message}`, { httpStatus: 500 }));
    }
  }
  if (reply === 'dropped' || res.writableEnded || res.destroyed) {
    state.log(`${req.method} ${req.url} dropped`);
    return;
  }
  const text = reply.raw ?? toJsonText(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
  const code = (reply.body as { code?: unknown } | null)?.code;
  state.log(`${req.method} ${req.url} ${reply.status} code=${String(code ?? '-')} ${Date.now() - started}ms`);
}
