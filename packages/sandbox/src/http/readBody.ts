import type { IncomingMessage } from 'node:http';

/** The largest request body the sandbox accepts: 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;
// Beyond this the sender is not a confused client but a flood: stop reading and drop it.
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/** The raw body, or `tooLarge` when it exceeded the limit (the excess is read and discarded). */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads a request body into one buffer, at most `limit` bytes. An oversized body is still drained
 * (up to 16 MB) so the client gets an answer instead of a reset connection.
 *
 * @example const result = await readBody(req); if (result.ok) console.log(result.body.length)
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        return;
      }
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? { ok: false, tooLarge: true } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}
