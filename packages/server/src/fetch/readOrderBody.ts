import { parse as parseContentType } from 'content-type';
import { CHECKOUT_BODY_LIMIT_BYTES } from '../checkout/index.js';
import { orderBodyErrors } from '../checkout/http/orderBodyErrors.js';

/** `application/json` and `application/<anything>+json`, as the Express adapter takes them. */
const JSON_MEDIA_TYPE = /^application\/(?:json|[!#$%&'*.^_`|~0-9a-z-]+\+json)$/;

/** The media type and charset of a Content-Type header; an empty type when there is none. */
function mediaType(header: string | null): { type: string; charset: string | undefined } {
  if (header === null) return { type: '', charset: undefined };
  const parsed = parseContentType(header);
  return { type: parsed.type, charset: parsed.parameters.charset };
}

/** Reads at most `limit` bytes of a body; a body over it is cancelled unread and refused (413). */
async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client went away mid-body, or the platform could not read it.
      throw orderBodyErrors.unreadable();
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw orderBodyErrors.tooLarge();
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The parsed JSON body of a `POST /orders` request, or `undefined` when it has none; refused
 * with the Express adapter's codes: 415 `body_unsupported` for a body that is not JSON, in a
 * charset other than UTF-8 or with a content encoding; 413 `body_too_large` over 16 kB (a declared
 * length is refused before a byte is read); 400 `body_malformed` for text that is not JSON, or
 * JSON whose top level is neither an object nor an array.
 *
 * @example const body = await readOrderBody(request); // { kind: 'lightning', cartId: 'c1' }
 */
export async function readOrderBody(request: Request, limit = CHECKOUT_BODY_LIMIT_BYTES): Promise<unknown> {
  const declared = request.headers.get('content-length');
  const length = declared !== null && /^\s*\d+\s*$/.test(declared) ? Number(declared) : null;
  const announced = request.headers.has('transfer-encoding') || (length !== null && length > 0);
  const { type, charset } = mediaType(request.headers.get('content-type'));
  const isJson = JSON_MEDIA_TYPE.test(type);
  if (announced && !isJson) throw orderBodyErrors.notJson();
  if (request.body === null || length === 0) return undefined;
  if (isJson && charset !== undefined && !/^utf-?8$/i.test(charset)) throw orderBodyErrors.notUtf8();
  const encoding = request.headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') throw orderBodyErrors.notUtf8();
  if (length !== null && length > limit) throw orderBodyErrors.tooLarge();
  const bytes = await readLimited(request.body, limit);
  if (bytes.byteLength === 0) return undefined;
  // A body that came with neither a length nor chunks (a Request built in code) is checked now.
  if (!isJson) throw orderBodyErrors.notJson();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw orderBodyErrors.malformed();
  }
  // Strict, as Express's JSON parser is: only an object or an array at the top.
  if (!/^[\s]*[[{]/.test(text)) throw orderBodyErrors.malformed();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw orderBodyErrors.malformed();
  }
}
