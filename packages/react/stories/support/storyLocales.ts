import type { AurpayMessages } from '../../src/index.js';
import { enMessages } from '../../src/index.js';
import { arMessages, deMessages, esMessages, heMessages, jaMessages } from '../../src/locales/index.js';

/** The languages the stories switch between (the `locale` toolbar global). */
export const STORY_LOCALES: Record<string, { tag: string; title: string; messages: AurpayMessages }> = {
  en: { tag: 'en-US', title: 'English', messages: enMessages },
  de: { tag: 'de-DE', title: 'Deutsch', messages: deMessages },
  es: { tag: 'es-ES', title: 'Español', messages: esMessages },
  ar: { tag: 'ar', title: 'العربية', messages: arMessages },
  he: { tag: 'he-IL', title: 'עברית', messages: heMessages },
  ja: { tag: 'ja-JP', title: '日本語', messages: jaMessages },
};

/** The locale tag and texts for the `locale` global, English when unknown. */
export function storyLocale(name: unknown): { tag: string; messages: AurpayMessages } {
  return STORY_LOCALES[String(name)] ?? { tag: 'en-US', messages: enMessages };
}
