// The checkout router on an Express 4 app, type-checked against @types/express 4.
import express from 'express';
import { AurpayClient } from '@aurpay-kit/server';
import { createCheckoutRouter, type CheckoutRouter } from '@aurpay-kit/server/express';

const app = express();
app.set('trust proxy', 1);
const router: CheckoutRouter = createCheckoutRouter({
  client: new AurpayClient({ auth: { type: 'signature', apiToken: 'token', secretKey: 'secret' } }),
  publicUrl: 'https://shop.example/api/pay',
  statusSecret: 'a-status-secret-of-32-characters!',
  priceFor: (req, body) => ({ amount: '18.50', currency: 'USD', metadata: { cartId: String(body.cartId), ip: req.ip ?? 'unknown' } }),
  onPaid: async (order, { idempotencyKey }) => {
    console.log(idempotencyKey, order.metadata.cartId ?? 'no cart');
  },
});
app.use('/api/pay', router);
app.listen(3000);
