/** Deno's `ServeHandlerInfo`, as `Deno.serve` passes it beside the request. */
interface DenoServeInfo {
  remoteAddr: { hostname: string };
}

/** Bun's `Server`, as `Bun.serve({ fetch })` passes it beside the request. */
interface BunServer {
  requestIP(request: Request): { address: string } | null;
}

function isDenoServeInfo(value: unknown): value is DenoServeInfo {
  const remote = (value as { remoteAddr?: { hostname?: unknown } } | null)?.remoteAddr;
  return typeof remote === 'object' && remote !== null && typeof remote.hostname === 'string';
}

function isBunServer(value: unknown): value is BunServer {
  return typeof (value as { requestIP?: unknown } | null)?.requestIP === 'function';
}

/**
 * The address of the connection a request came in on, from what the runtime hands a fetch
 * handler beside the request: Deno's `info.remoteAddr.hostname` (`Deno.serve(handler)`), Bun's
 * `server.requestIP(request)` (`Bun.serve({ fetch: handler })`). Never a header: a client writes
 * its headers itself. Undefined when the runtime said nothing (Next.js, a framework's own context).
 *
 * @example platformClientAddress(request, info) // '203.0.113.7' under Deno.serve
 */
export function platformClientAddress(request: Request, platform: unknown): string | undefined {
  if (platform === null || typeof platform !== 'object') return undefined;
  if (isDenoServeInfo(platform)) return platform.remoteAddr.hostname;
  if (isBunServer(platform)) {
    try {
      return platform.requestIP(request)?.address ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
