import type { AurpayMessages } from '../../src/index.js';
import { deMessages, enMessages, esMessages } from '../../src/messages.js';

/** The languages the stories switch between (the `locale` toolbar global). */
export const STORY_LOCALES: Record<string, { tag: string; messages: AurpayMessages }> = {
  en: { tag: 'en-US', messages: enMessages },
  de: { tag: 'de-DE', messages: deMessages },
  es: { tag: 'es-ES', messages: esMessages },
};

/** The locale tag and texts for the `locale` global, English when unknown. */
export function storyLocale(name: unknown): { tag: string; messages: AurpayMessages } {
  return STORY_LOCALES[String(name)] ?? { tag: 'en-US', messages: enMessages };
}
