import { GatewayError } from '../http/gatewayError.js';

/** The kinds of failure the sandbox can be told to simulate. */
export const FAULT_KINDS = ['latency', 'http500', 'malformed', 'drop', 'aurpay_error'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault armed for the next `remaining` requests whose path starts with `path`. */
export interface Fault {
  id: number;
  path: string;
  method: string | null;
  kind: FaultKind;
  remaining: number;
  latencyMs: number;
  code: number;
  message: string;
}

const MAX_LATENCY_MS = 60_000;

function field<T>(body: Record<string, unknown>, name: string, check: (value: unknown) => value is T, expected: string): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new GatewayError('fieldInvalid', `${name} must be ${expected}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Faults to inject, consumed request by request: each matching request takes one use of the
 * oldest matching fault.
 *
 * @example faults.add({ path: '/api/v2/order/detail/', kind: 'http500', count: 2 })
 */
export class FaultBook {
  #faults: Fault[] = [];
  #nextId = 1;

  /** Validates a `POST /_sandbox/faults` body and arms the fault. */
  add(body: Record<string, unknown>): Fault {
    const path = field(body, 'path', isString, 'a path prefix such as "/api/v2/order/detail/"');
    if (path === undefined) throw new GatewayError('fieldMissing', 'path is required');
    if (!path.startsWith('/')) throw new GatewayError('fieldInvalid', 'path must start with "/"');
    const kind = field(body, 'kind', isString, `one of ${FAULT_KINDS.join(', ')}`);
    if (kind === undefined) throw new GatewayError('fieldMissing', `kind is required: one of ${FAULT_KINDS.join(', ')}`);
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new GatewayError('fieldInvalid', `kind must be one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    const method = field(body, 'method', isString, 'an HTTP method such as "GET"');
    const count = field(body, 'count', isInteger, 'a positive integer') ?? 1;
    if (count < 1) throw new GatewayError('fieldInvalid', 'count must be a positive integer');
    const latencyMs = field(body, 'latencyMs', isInteger, `an integer number of milliseconds up to ${MAX_LATENCY_MS}`);
    if (latencyMs !== undefined && (latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
      throw new GatewayError('fieldInvalid', `latencyMs must be from 0 to ${MAX_LATENCY_MS}`);
    }
    if (kind === 'latency' && latencyMs === undefined) throw new GatewayError('fieldMissing', 'latencyMs is required for a latency fault');
    const code = field(body, 'code', isInteger, 'an integer envelope code');
    if (kind === 'aurpay_error' && (code === undefined || code === 0)) {
      throw new GatewayError(
        code === undefined ? 'fieldMissing' : 'fieldInvalid',
        'code (a non-zero integer) is required for an aurpay_error fault',
      );
    }
    const message = field(body, 'message', isString, 'a string') ?? 'Simulated Aurpay error';
    const fault: Fault = {
      id: this.#nextId++,
      path,
      method: method?.toUpperCase() ?? null,
      kind: kind as FaultKind,
      remaining: count,
      latencyMs: latencyMs ?? 0,
      code: code ?? 0,
      message,
    };
    this.#faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.#faults.find((f) => path.startsWith(f.path) && (f.method === null || f.method === method));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): number {
    const count = this.#faults.length;
    this.#faults = [];
    return count;
  }
}
