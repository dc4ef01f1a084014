// The README's Server Component page, rendered to React's Server Components payload (run with
// --conditions=react-server --import ./react-server.mjs). Prints the payload and what a Server
// Component sees of the German catalogue from each entry, as JSON.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import { renderToPipeableStream } from 'react-server-dom-webpack/server';
import { AurpayProvider, CryptoCheckout, deMessages as fromMainEntry } from '@aurpay-kit/react';
import { deMessages, enMessages } from '@aurpay-kit/react/messages';

function CheckoutPage() {
  return createElement(
    AurpayProvider,
    { endpoint: '/api/pay', locale: 'de-DE', messages: { ...deMessages, retry: 'Nochmal' } },
    createElement(CryptoCheckout, { orderFields: { cartId: 'cart-1' } }),
  );
}

// Client references are named by module URL and export; a bundler's manifest maps them to chunks.
const clientManifest = new Proxy({}, { get: (_, id) => ({ id: String(id).split('#')[0], chunks: [], name: String(id).split('#')[1] }) });

let payload = '';
await new Promise((resolve, reject) => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      payload += chunk;
      done();
    },
  });
  sink.on('finish', resolve);
  const { pipe } = renderToPipeableStream(createElement(CheckoutPage), clientManifest, { onError: reject });
  pipe(sink);
});

process.stdout.write(
  JSON.stringify({
    payload,
    messagesEntry: { type: typeof deMessages, keys: Object.keys(deMessages), idle: deMessages.idle, englishIdle: enMessages.idle },
    mainEntry: { type: typeof fromMainEntry, spreadKeys: Object.keys({ ...fromMainEntry }) },
    providerIsClientReference: AurpayProvider.$$typeof === Symbol.for('react.client.reference'),
  }),
);
