import type { Preview } from '@storybook/react-vite';
import '../packages/react/src/styles.css';
import './preview.css';
import { fixClock } from '../packages/react/stories/support/fixedClock.js';
import { STORY_NOW } from '../packages/react/stories/support/storyOrders.js';
import { fakeServerLoader, withAurpay } from '../packages/react/stories/support/withAurpay.js';

/**
 * Every story gets a theme and a language from the toolbar (or its own `globals`), a fresh
 * in-memory checkout server from its `checkout` parameter, and a clock fixed at `STORY_NOW`
 * unless it sets `parameters.clock` to `false` (the live story) or to another ISO time.
 */
const preview: Preview = {
  decorators: [withAurpay],
  loaders: [fakeServerLoader],
  beforeEach: ({ parameters }) => {
    const clock = parameters.clock as string | false | undefined;
    return clock === false ? undefined : fixClock(clock ?? STORY_NOW);
  },
  globalTypes: {
    theme: {
      description: 'Colour theme of the checkout',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Language and number format',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
          { value: 'es', title: 'Español' },
          { value: 'ar', title: 'العربية (RTL)' },
          { value: 'he', title: 'עברית (RTL)' },
          { value: 'ja', title: '日本語' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  parameters: {
    layout: 'fullscreen',
    controls: { exclude: /^on[A-Z]/ },
  },
};

export default preview;
