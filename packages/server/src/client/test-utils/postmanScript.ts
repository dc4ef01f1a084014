import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * Runs the pre-request scripts of Aurpay's published Postman collection under a minimal `pm`
 * shim, so the project's signer can be checked against Aurpay's own code.
 */

interface PostmanScriptEvent {
  listen: string;
  script?: { exec?: string[] | string };
}

export interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  event?: PostmanScriptEvent[];
  request?: {
    method: string;
    url: { raw: string; path?: string[]; query?: { key: string; value: string; disabled?: boolean }[] } | string;
    body?: { mode: string; raw?: string };
  };
}

export interface PostmanCollection extends PostmanItem {
  item: PostmanItem[];
}

/** The monorepo root: the nearest ancestor of this file holding `pnpm-workspace.yaml`. */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 20; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`No pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}: cannot find the repository root.`);
}

/**
 * Aurpay's published Postman collection: the copy beside the repository (`../shared/aurpay-api/`)
 * when there is one, otherwise the copy kept in `docs/`, so the agreement test runs on any clone.
 */
export function collectionPath(): string {
  const root = repositoryRoot();
  const beside = resolve(root, '../shared/aurpay-api/postman-collection.json');
  return existsSync(beside) ? beside : resolve(root, 'docs/aurpay-postman-collection.json');
}

export function loadCollection(): PostmanCollection {
  const path = collectionPath();
  if (!existsSync(path)) {
    throw new Error(`Aurpay's Postman collection is missing at ${path}: restore docs/aurpay-postman-collection.json.`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as PostmanCollection;
}

export function findItem(items: PostmanItem[], name: string): PostmanItem {
  const found = items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`The Postman collection has no item named ${JSON.stringify(name)}.`);
  return found;
}

/** The source of an item's pre-request script. */
export function prerequestScript(item: PostmanItem): string {
  const event = item.event?.find((e) => e.listen === 'prerequest');
  const exec = event?.script?.exec;
  const source = Array.isArray(exec) ? exec.join('\n') : (exec ?? '');
  if (source.trim() === '') throw new Error(`${JSON.stringify(item.name)} has no pre-request script.`);
  return source;
}

/** `/api/v2/order/?page=1&size=10` from an item's URL, as Postman's `getPathWithQuery()` gives it. */
export function itemPathWithQuery(item: PostmanItem): string {
  const url = item.request?.url;
  if (url === undefined) throw new Error(`${item.name} has no request URL.`);
  const raw = typeof url === 'string' ? url : url.raw;
  const parsed = new URL(raw);
  return parsed.pathname + parsed.search;
}

export interface PmRun {
  headers: Record<string, string>;
  /** The body as the scripts left it (the global script minifies it). */
  body: string | undefined;
  /** What the scripts printed with `console.log`, one line per call. */
  logs: string[];
}

export interface PmRequest {
  method: string;
  pathWithQuery: string;
  body?: string;
  environment: Record<string, string>;
  /** What `new Date().toISOString()` returns inside the scripts. */
  fixedIso: string;
  /** The `crypto-js` module the scripts `require`; defaults to the real one. */
  cryptoJs?: unknown;
}

const require = createRequire(import.meta.url);

/** Runs scripts in order in one sandbox, sharing `pm`, as Postman does for a request. */
export function runPmScripts(scripts: string[], request: PmRequest): PmRun {
  const headers: Record<string, string> = {};
  const logs: string[] = [];
  const body = request.body === undefined ? undefined : { raw: request.body };
  const pm = {
    request: {
      method: request.method,
      url: { getPathWithQuery: () => request.pathWithQuery },
      body,
      headers: { add: ({ key, value }: { key: string; value: string }) => void (headers[key] = value) },
    },
    environment: { get: (key: string) => request.environment[key] },
  };
  const fixedMs = Date.parse(request.fixedIso);
  class FixedDate extends Date {
    constructor(...args: []) {
      if (args.length === 0) super(fixedMs);
      else super(...(args as unknown as [number]));
    }
    static override now(): number {
      return fixedMs;
    }
  }
  const cryptoJs = request.cryptoJs ?? require('crypto-js');
  const context = vm.createContext({
    pm,
    Date: FixedDate,
    console: { log: (...parts: unknown[]) => void logs.push(parts.map(String).join(' ')) },
    require: (name: string) => {
      if (name !== 'crypto-js') throw new Error(`The script required ${name}; only crypto-js is available.`);
      return cryptoJs;
    },
  });
  for (const script of scripts) vm.runInContext(script, context, { timeout: 5_000 });
  return { headers, body: body?.raw, logs };
}
