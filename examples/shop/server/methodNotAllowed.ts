import type { RequestHandler } from 'express';

/**
 * Answers a method a route does not serve: 405 with `Allow` and the usual JSON error, and
 * `OPTIONS` with 204 and `Allow`. Mount it with `router.all` after the route's own handlers.
 *
 * @example router.get('/config', sendConfig); router.all('/config', methodNotAllowed('GET', 'HEAD'));
 */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  const allow = [...allowed, 'OPTIONS'].join(', ');
  return (req, res) => {
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    res.status(405).json({ error: { code: 'method_not_allowed', message: `Use ${allowed.join(' or ')} here.` } });
  };
}
