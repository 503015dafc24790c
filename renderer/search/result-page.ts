import { LANGUAGES, type Lang } from '../../shared/languages.js';
import type { AnnotationId } from '../../shared/model/annotations.js';
import { buildSnippet, findMatches, type QueryPart, type TextMatches } from '../../shared/search/index.js';
import type { AnnotationRow, ContributionRow, ContributionTextRow, SeminarDb } from '../db/database.js';
import type { NoteMatch, ResultGroup, VersionMatch } from './protocol.js';
import { NOTES_LANG, type RankedGroup, type Ranking } from './search-engine.js';

/** Versions shown with a passage per contribution; the others are listed by language. */
const VERSIONS_SHOWN = 2;
/**
 * Matches are looked for in the beginning of a text first: a passage needs
 * only the first match, and most texts match early. The whole text is read
 * only when its beginning does not hold every part of the query.
 */
const HEAD = 2_000;

function matchesIn(text: string, lang: Lang, plan: QueryPart[]): TextMatches {
  if (text.length > HEAD * 1.5) {
    const head = findMatches(text.slice(0, HEAD), lang, plan);
    // The passage around the first match must lie inside the part read, highlights and all.
    if (head.complete && (head.spans[0]?.start ?? HEAD) < HEAD - 300) return head;
  }
  return findMatches(text, lang, plan);
}
/** Contributions read beyond a page to replace those whose phrase did not hold, at most. */
const EXTRA_CHECKS = 60;

export interface Page {
  groups: ResultGroup[];
  /** Where the next page starts in the ranking; null at its end. */
  nextOffset: number | null;
  /** Some ranked contributions turned out not to hold a phrase. */
  dropped: number;
}

function orderLanguages(bits: number, uiLang: Lang, original: Lang): Lang[] {
  const matched = LANGUAGES.filter((_, i) => bits & (1 << i));
  const rank = (lang: Lang) => (lang === uiLang ? 0 : lang === original ? 1 : 2);
  return matched.sort((a, b) => rank(a) - rank(b));
}

function buildGroup(
  ranked: RankedGroup,
  row: ContributionRow | undefined,
  texts: ContributionTextRow | undefined,
  notes: (AnnotationRow | undefined)[],
  ranking: Ranking,
  uiLang: Lang,
  me: string | null,
): ResultGroup | null {
  if (!row || row.status !== 'published') return null;
  const versions: VersionMatch[] = [];
  const otherLanguages: Lang[] = [];
  for (const lang of orderLanguages(ranked.languages, uiLang, row.language)) {
    if (versions.length >= VERSIONS_SHOWN) {
      otherLanguages.push(lang);
      continue;
    }
    const version = texts?.versions.find((v) => v.language === lang);
    const plan = ranking.plans.get(lang);
    if (!version || !plan) continue;
    const matches = matchesIn(version.text, lang, plan);
    // The index knows the words are there; only the text knows whether a phrase's words are adjacent.
    if (ranking.hasPhrase && !matches.complete) continue;
    const snippet = buildSnippet(version.text, matches.spans);
    if (snippet) versions.push({ language: lang, origin: version.origin, engine: version.engine, snippet });
  }
  const noteMatches: NoteMatch[] = [];
  for (const note of notes) {
    if (!note || note.deleted) continue;
    const matches = matchesIn(note.note, NOTES_LANG, ranking.notesPlan);
    if (ranking.hasPhrase && !matches.complete) continue;
    const snippet = buildSnippet(note.note, matches.spans);
    if (!snippet) continue;
    noteMatches.push({
      annotationId: note.id as AnnotationId,
      language: note.target.language,
      mine: me !== null && note.authorId === me,
      visibility: note.visibility,
      authorName: note.authorName,
      snippet,
    });
  }
  if (versions.length === 0 && noteMatches.length === 0) return null;
  return {
    contributionId: row.id,
    questionId: row.questionId,
    authorName: row.author.name,
    authorKind: row.authorKind,
    language: row.language,
    versions,
    otherLanguages,
    notes: noteMatches,
  };
}

/**
 * The passages of one page of results, read from the corpus tables (texts are
 * never kept in the index). A contribution whose phrase turns out not to be
 * in any version is left out and the next one taken in its place.
 */
export async function buildPage(
  db: SeminarDb,
  ranking: Ranking,
  noteKey: (slot: number) => string | undefined,
  options: { offset: number; limit: number; uiLang: Lang; me: string | null },
): Promise<Page> {
  const groups: ResultGroup[] = [];
  let next = options.offset;
  let dropped = 0;
  const end = Math.min(ranking.size, options.offset + options.limit + EXTRA_CHECKS);
  while (groups.length < options.limit && next < end) {
    const batch: RankedGroup[] = [];
    for (let i = next; i < Math.min(end, next + options.limit - groups.length); i++) batch.push(ranking.group(i));
    next += batch.length;
    const ids = batch.map((g) => g.contributionId);
    const noteIds = batch.map((g) => g.notes.map((slot) => noteKey(slot) ?? ''));
    const [rows, texts, notes] = await Promise.all([
      db.contributions.bulkGet(ids),
      db.texts.bulkGet(ids),
      db.annotations.bulkGet(noteIds.flat() as AnnotationId[]),
    ]);
    let n = 0;
    batch.forEach((ranked, i) => {
      const mine = notes.slice(n, (n += noteIds[i]!.length));
      const group = buildGroup(ranked, rows[i], texts[i], mine, ranking, options.uiLang, options.me);
      if (group) groups.push(group);
      else dropped += 1;
    });
  }
  return { groups, nextOffset: next < ranking.size ? next : null, dropped };
}
