import type { Lang } from '../../shared/languages.js';
import type { Translator } from '../../server/translate/translator.js';

/**
 * An in-process provider that answers at once with `[target] text`, and
 * records every request: for tests of what the queue sends and stores.
 */
export function instantTranslator(engine = 'fake') {
  const calls: { source: Lang; target: Lang; text: string }[] = [];
  const translator: Translator = {
    engine,
    maxChars: 5_000,
    async translate(req) {
      calls.push({ source: req.source, target: req.target, text: req.text });
      return `[${req.target}] ${req.text}`;
    },
  };
  return { translator, calls };
}
