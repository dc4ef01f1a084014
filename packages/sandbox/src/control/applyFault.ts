import type { IncomingMessage } from 'node:http';

import { traceId, type Reply } from '../http/envelope.js';
import type { Fault } from './faultBook.js';
import { SANDBOX_ERROR_CODES } from '../http/sandboxErrorCodes.js';
import type { TimerSet } from '../timerSet.js';

/**
 * Carries out an injected fault. Returns the reply that replaces the real one, `'dropped'` when
 * the connection was destroyed, or undefined when the request should go on (after latency).
 *
 * @example const outcome = await applyFault(fault, req, timers)
 */
export async function applyFault(fault: Fault, req: IncomingMessage, timers: TimerSet): Promise<Reply | 'dropped' | undefined> {
  switch (fault.kind) {
    case 'latency':
      await timers.delay(fault.latencyMs);
      return undefined;
    case 'http500':
      return {
        status: 500,
        body: {
          result: false,
          code: SANDBOX_ERROR_CODES.faultInjected,
          message: 'Internal Server Error (injected fault)',
          trace_id: traceId(),
        },
      };
    case 'malformed':
      // A body cut off mid-object, as a proxy that lost the upstream might deliver.
      return { status: 200, body: null, raw: '{"code":0,"message":"ok","data":{"order_id":"2024' };
    case 'drop':
      req.socket.destroy();
      return 'dropped';
    case 'aurpay_error':
      return { status: 200, body: { result: false, code: fault.code, message: fault.message, trace_id: traceId() } };
    default:
      return fault.kind satisfies never;
  }
}
