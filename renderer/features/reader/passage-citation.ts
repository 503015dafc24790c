import type { Lang } from '../../../shared/languages.js';
import type { Annotation } from '../../../shared/model/annotations.js';
import type { TextVersion } from '../../../shared/model/entities.js';
import { hashText } from '../../../shared/anchoring/index.js';
import { citationFor } from '../../../shared/synthesis/citation.js';
import { citationNoteText, SYNTHESIS_LABELS } from '../../../shared/synthesis/export/labels.js';
import type { ContributionRow } from '../../db/database.js';

/**
 * "Copy with citation": the selected passage in quotation marks, then where it
 * comes from, worded as a synthesis's note on a quote (author, contribution,
 * question, language version, machine translation and the original's wording).
 */
export function passageWithCitation(input: {
  contribution: Pick<ContributionRow, 'id' | 'author' | 'language' | 'version' | 'replyTo'>;
  /** The contribution it answers, when this device has it (the note names its author). */
  answered?: Pick<ContributionRow, 'author'> | null;
  versions: readonly TextVersion[];
  lang: Lang;
  range: { start: number; end: number };
  questionCode: string;
  uiLang: Lang;
}): string | null {
  const version = input.versions.find((v) => v.language === input.lang);
  if (!version) return null;
  const quote = version.text.slice(input.range.start, input.range.end).trim();
  if (quote === '') return null;
  // A passage not (yet) annotated: the citation reads only the target's language, place and hash.
  const target = { language: input.lang, position: input.range, textHash: hashText(version.text) };
  const attrs = citationFor(
    { id: null, target } as unknown as Annotation,
    { ...input.contribution, versions: [...input.versions] },
    input.questionCode,
    'clipboard',
    input.answered,
  );
  const [open, close] = SYNTHESIS_LABELS[input.uiLang].quotes;
  return `${open}${quote}${close}\n${citationNoteText(attrs, input.uiLang)}`;
}
