// The checkout on Express, as a CommonJS app writes it: require() of the kit's ES modules.
'use strict';

const { createServer } = require('node:http');
const express = require('express');
const { createCheckoutRouter } = require('@aurpay-kit/server/express');

/**
 * Serves the checkout routes at /api/pay on 127.0.0.1 and a free port. `options` are the
 * checkout's options without `publicUrl`; `priceFor(body)` is called with the order request's body.
 */
exports.serve = async function serve(options) {
  const app = express();
  const server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${server.address().port}/api/pay`;
  const router = createCheckoutRouter({ ...options, publicUrl, priceFor: (_req, body) => options.priceFor(body) });
  app.use('/api/pay', router);
  return {
    publicUrl,
    framework: `express ${require('express/package.json').version}`,
    async close() {
      await router.checkout.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
