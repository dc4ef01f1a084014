import type { Decorator, Loader } from '@storybook/react-vite';
import { AurpayProvider } from '../../src/index.js';
import type { FakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import type { FakeScenario } from './storyCheckoutServer.js';
import { storyCheckoutServer } from './storyCheckoutServer.js';
import { storyLocale } from './storyLocales.js';

/** A fresh in-memory server per render for stories with a `checkout` scenario parameter. */
export const fakeServerLoader: Loader = ({ parameters }) => {
  const scenario = parameters.checkout as FakeScenario | undefined;
  return { checkout: scenario ? storyCheckoutServer(scenario) : undefined };
};

/**
 * Puts each story on a page of the chosen theme, inside an `<AurpayProvider>` that talks to the
 * story's fake server in the chosen language. Stories without a scenario bring their own provider.
 */
export const withAurpay: Decorator = (Story, { globals, loaded }) => {
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  const { tag, messages } = storyLocale(globals.locale);
  const server = loaded.checkout as FakeCheckoutServer | undefined;
  return (
    <div className="story-page" data-theme={theme}>
      {server ? (
        <AurpayProvider
          endpoint="/api/pay"
          fetch={server.fetch}
          eventSource={server.EventSource}
          theme={theme}
          locale={tag}
          messages={messages}
        >
          <Story />
        </AurpayProvider>
      ) : (
        <Story />
      )}
    </div>
  );
};
