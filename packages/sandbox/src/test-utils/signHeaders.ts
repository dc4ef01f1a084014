import { createHash, createHmac } from 'node:crypto';

/** Signs a request the way Aurpay's official Postman script does, written out for the tests. */
export function signHeaders(input: {
  method: string;
  pathWithQuery: string;
  body?: string | Buffer;
  apiToken: string;
  secretKey: string;
  algorithm?: 'HMAC-SHA256' | 'HMAC-SHA3_256';
  date?: string;
  /** Overrides the Body-MD5 header and what is signed (to build mismatches). */
  bodyMd5?: string;
}): Record<string, string> {
  const algorithm = input.algorithm ?? 'HMAC-SHA256';
  const date = input.date ?? new Date().toISOString();
  const method = input.method.toUpperCase();
  const bodyMd5 =
    input.bodyMd5 ??
    (method === 'GET'
      ? ''
      : createHash('md5')
          .update(input.body ?? '')
          .digest('hex'));
  const origin = `${algorithm} | ${date} | ${method} ${input.pathWithQuery}` + (bodyMd5 ? ` | ${bodyMd5}` : '');
  const signature = createHmac(algorithm === 'HMAC-SHA256' ? 'sha256' : 'sha3-256', input.secretKey)
    .update(origin)
    .digest('base64');
  return { 'API-Token': input.apiToken, Algorithm: algorithm, Date: date, 'Body-MD5': bodyMd5, Signature: signature };
}
