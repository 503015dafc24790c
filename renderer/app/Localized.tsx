import { useTranslation } from 'react-i18next';
import { pickLocalized, textDirection, type Lang, type LocalizedText } from '../../shared/languages.js';
import { currentLang } from '../i18n/index.js';

/** The UI language's text, or the fallback's, marked with the language it is really in. */
export function Localized({ text, as: Tag = 'span' }: { text: LocalizedText; as?: 'span' | 'div' }) {
  const { i18n } = useTranslation();
  const picked = pickLocalized(text, currentLang(i18n));
  if (!picked) return null;
  return (
    <Tag lang={picked.lang} dir={textDirection(picked.lang)}>
      {picked.text}
    </Tag>
  );
}

/** Paragraphs are separated by a blank line in every text of the corpus. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

export function useUiLang() {
  const { i18n } = useTranslation();
  return currentLang(i18n);
}

/** Plain text in the UI language or its fallback, for places that take a string (an <option>). */
export function pickLocalizedText(text: LocalizedText, lang: Lang): string {
  return pickLocalized(text, lang)?.text ?? '';
}
