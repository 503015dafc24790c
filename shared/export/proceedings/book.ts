import type { Lang } from '../../languages.js';
import type { AuthorKind, TextOrigin } from '../../model/entities.js';
import { citationsIn } from '../../synthesis/citation.js';
import type { CitationAttrs } from '../../synthesis/document.js';
import type { ProceedingsDay, ProceedingsInput, ProceedingsSession, ProceedingsText, SectionOrigin } from './input.js';

/**
 * The proceedings laid out once for every writer: the parts in reading order
 * (foreword, one per question in agenda order, closing remarks), each with a
 * name that stays the same in every language edition (file names, anchors),
 * and the appendix of cited contributions gathered from every citation.
 * Writers differ in syntax, not in what they say.
 */
export interface Book {
  input: ProceedingsInput;
  language: Lang;
  parts: BookPart[];
  /** One entry per contribution and version quoted, in order of first citation. */
  sources: SourceEntry[];
  /** The tags used, each with the cited contributions it tags (those not cited are left out). */
  tags: Array<{ id: string; label: string; sources: SourceEntry[] }>;
  withdrawn: ReadonlySet<string>;
  /** The appendix entry of a citation's contribution and version. */
  sourceOf(attrs: CitationAttrs): SourceEntry;
}

export type PartKind = 'foreword' | 'question' | 'closing';

export interface BookPart {
  /** Same in every edition: "foreword", "closing", "q-I-ii"… */
  slug: string;
  kind: PartKind;
  title: string;
  /** For questions: its code, day and session. */
  code?: string;
  day?: ProceedingsDay;
  session?: ProceedingsSession;
  texts: BookText[];
}

export interface BookText extends ProceedingsText {
  /** An anchor for the text inside its part. */
  anchor: string;
}

export interface SourceEntry {
  /** An XML id, the same in every edition. */
  anchor: string;
  contributionId: string;
  version: number;
  authorName: string;
  authorKind: AuthorKind;
  originalLanguage: Lang;
  questionCode: string;
  /** The language versions quoted from, each once. */
  quoted: Array<{ language: Lang; origin: TextOrigin; engine: string | null }>;
  /** Slugs of the parts citing it, in reading order. */
  citedIn: string[];
  withdrawn: boolean;
}

/** Letters, digits, '-' and '_' only: a file name and an XML id on every system. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'x' : slug;
}

export function assembleBook(input: ProceedingsInput): Book {
  const used = new Set<string>(['index', 'title', 'nav', 'contents', 'participants', 'appendix', 'tags']);
  const unique = (base: string) => {
    let slug = base;
    for (let n = 2; used.has(slug); n += 1) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  };
  const textsOf = (texts: ProceedingsText[], ids: string[]): BookText[] =>
    texts.map((text, i) => ({ ...text, anchor: `text-${slugify(ids[i]!)}` }));

  const parts: BookPart[] = [];
  if (input.foreword)
    parts.push({
      slug: unique('foreword'),
      kind: 'foreword',
      title: input.foreword.title,
      texts: textsOf([input.foreword], ['foreword']),
    });
  for (const day of input.days)
    for (const session of day.sessions)
      for (const question of session.questions)
        parts.push({
          slug: unique(`q-${slugify(question.id)}`),
          kind: 'question',
          title: question.title,
          code: question.code,
          day,
          session,
          texts: textsOf(
            question.syntheses,
            question.syntheses.map((s) => s.id),
          ),
        });
  if (input.closing)
    parts.push({
      slug: unique('closing'),
      kind: 'closing',
      title: input.closing.title,
      texts: textsOf([input.closing], ['closing']),
    });

  const withdrawn = new Set(input.withdrawn ?? []);
  const sources = new Map<string, SourceEntry>();
  const anchors = new Set<string>();
  const keyOf = (attrs: CitationAttrs) => `${attrs.contributionId}\u0000${attrs.sourceVersion}`;
  for (const part of parts)
    for (const text of part.texts)
      for (const attrs of citationsIn({ type: 'doc', content: text.doc.content })) {
        const key = keyOf(attrs);
        let entry = sources.get(key);
        if (!entry) {
          let anchor = `src-${slugify(attrs.contributionId)}-v${attrs.sourceVersion}`;
          for (let n = 2; anchors.has(anchor); n += 1)
            anchor = `src-${slugify(attrs.contributionId)}-v${attrs.sourceVersion}-${n}`;
          anchors.add(anchor);
          entry = {
            anchor,
            contributionId: attrs.contributionId,
            version: attrs.sourceVersion,
            authorName: attrs.authorName,
            authorKind: attrs.authorKind,
            originalLanguage: attrs.originalLanguage,
            questionCode: attrs.questionCode,
            quoted: [],
            citedIn: [],
            withdrawn: withdrawn.has(attrs.contributionId),
          };
          sources.set(key, entry);
        }
        if (!entry.quoted.some((q) => q.language === attrs.language && q.origin === attrs.origin))
          entry.quoted.push({ language: attrs.language, origin: attrs.origin, engine: attrs.engine });
        if (!entry.citedIn.includes(part.slug)) entry.citedIn.push(part.slug);
      }

  const list = [...sources.values()];
  const tags = input.tags
    .map((tag) => ({
      id: tag.id,
      label: tag.label,
      sources: list.filter((s) => tag.contributionIds.includes(s.contributionId)),
    }))
    .filter((tag) => tag.sources.length > 0)
    .sort((a, b) => a.label.localeCompare(b.label, input.language));

  return {
    input,
    language: input.language,
    parts,
    sources: list,
    tags,
    withdrawn,
    sourceOf(attrs) {
      const entry = sources.get(keyOf(attrs));
      if (!entry) throw new Error(`citation ${attrs.citationId} is not in the book`);
      return entry;
    },
  };
}

/** The agenda as nested lists for tables of contents: days, their sessions, their question parts. */
export interface AgendaDay {
  day: ProceedingsDay;
  sessions: Array<{ session: ProceedingsSession; parts: BookPart[] }>;
}

export function agendaOf(book: Book): AgendaDay[] {
  return book.input.days.map((day) => ({
    day,
    sessions: day.sessions.map((session) => ({
      session,
      parts: book.parts.filter((p) => p.kind === 'question' && p.session === session),
    })),
  }));
}

export type { SectionOrigin };
