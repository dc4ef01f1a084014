import express, { type RequestHandler } from 'express';

/**
 * Reads a JSON body of at most `limit`, and nothing else: another or no `Content-Type` is 415
 * `content_type_unsupported`. Malformed JSON, too large a body, or a charset other than UTF-8,
 * -16 or -32 reach `jsonErrors` as 400, 413 and 415.
 *
 * @example router.post('/carts', ...jsonBody('16kb'), createCart);
 */
export function jsonBody(limit: string): RequestHandler[] {
  const parse = express.json({ limit, type: () => true });
  const onlyJson: RequestHandler = (req, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') return next();
    res.status(415).json({ error: { code: 'content_type_unsupported', message: 'Send the body as Content-Type: application/json.' } });
  };
  return [onlyJson, parse];
}
