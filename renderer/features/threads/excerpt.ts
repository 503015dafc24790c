import type { Lang } from '../../../shared/languages.js';
import type { TextVersion } from '../../../shared/model/entities.js';

export const THREAD_EXCERPT_LENGTH = 160;

/**
 * A short excerpt of a contribution in the reader's language when that
 * version exists, else in its original; cut at a word boundary and marked
 * as cut. `machine` says it is a machine translation (labelled wherever shown).
 */
export function excerptIn(
  versions: readonly TextVersion[],
  original: Lang,
  uiLang: Lang,
  length = THREAD_EXCERPT_LENGTH,
): { text: string; language: Lang; machine: boolean } | null {
  const version =
    versions.find((v) => v.language === uiLang) ?? versions.find((v) => v.language === original) ?? versions[0];
  if (!version) return null;
  const flat = version.text.replace(/\s+/g, ' ').trim();
  let text = flat;
  if ([...flat].length > length) {
    const cut = [...flat].slice(0, length).join('');
    const space = cut.lastIndexOf(' ');
    // Cut at a word where there is one, without the punctuation the cut leaves at the end.
    text = `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s\p{P}]+$/u, '')}…`;
  }
  return { text, language: version.language, machine: version.origin === 'machine' };
}
