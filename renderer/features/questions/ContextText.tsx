import { pickLocalized, textDirection, type LocalizedText } from '../../../shared/languages.js';
import { splitParagraphs, useUiLang } from '../../app/Localized.js';

/** A question's context text, paragraph by paragraph, in the UI language or its fallback. */
export function ContextText({ text }: { text: LocalizedText }) {
  const picked = pickLocalized(text, useUiLang());
  if (!picked) return null;
  return (
    <div className="context-text" lang={picked.lang} dir={textDirection(picked.lang)} data-testid="question-context">
      {splitParagraphs(picked.text).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
