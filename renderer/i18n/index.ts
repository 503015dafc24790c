import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, isLang, textDirection, type Lang } from '../../shared/languages.js';
import ar from './locales/ar.json';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import it from './locales/it.json';
import ko from './locales/ko.json';
import pt from './locales/pt.json';
import ru from './locales/ru.json';
import zh from './locales/zh.json';

/** Bundled, not fetched: the app must start in any language with no network. */
export const RESOURCES: Record<Lang, Record<string, unknown>> = { de, en, ar, zh, ko, es, fr, it, pt, ru };

/** The first of the system's preferred languages that the app speaks, else English. */
export function systemLanguage(preferred: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

export function applyDocumentLanguage(lang: Lang, doc: Document = document): void {
  doc.documentElement.lang = lang;
  doc.documentElement.dir = textDirection(lang);
}

export function currentLang(instance: I18n = i18next): Lang {
  const lang = instance.resolvedLanguage ?? instance.language;
  return isLang(lang) ? lang : 'en';
}

export async function initI18n(lang: Lang): Promise<I18n> {
  if (!i18next.isInitialized) {
    i18next.on('languageChanged', (next) => {
      if (isLang(next)) applyDocumentLanguage(next);
    });
    await i18next.use(initReactI18next).init({
      resources: Object.fromEntries(LANGUAGES.map((code) => [code, { translation: RESOURCES[code] }])),
      lng: lang,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else {
    await i18next.changeLanguage(lang);
  }
  applyDocumentLanguage(lang);
  return i18next;
}

export async function changeLanguage(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
  applyDocumentLanguage(lang);
}

export { i18next };
