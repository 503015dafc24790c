import { sha256 } from '@noble/hashes/sha2';
import { pickLocalized, type Lang, type LocalizedText } from '../languages.js';
import type { EditionState, ProceedingsDay, ProceedingsInput } from '../export/proceedings/input.js';
import { citationsIn } from '../synthesis/citation.js';
import type { SynthesisDoc } from '../synthesis/document.js';

/**
 * An event's proceedings in the language they were written in, assembled
 * from plain records (the server reads them from its tables; nothing here
 * reads a database or the clock): the event's syntheses in agenda order
 * (days, then sessions, then the questions of each session; a question on
 * two sessions comes once, at its first), a synthesis of a question on no
 * session at the end rather than left out, the members who agreed to be
 * named (and only they), and the codebook tags of the notes the quotes were
 * taken from. Quotes keep their provenance as they are in the documents.
 */
export interface ProceedingsSource {
  language: Lang;
  event: { id: string; title: LocalizedText; startsOn: string; endsOn: string; place: string };
  front: { title: string; subtitle: string; publisher: string };
  sessions: { id: string; day: number; date: string; order: number; title: LocalizedText; questionIds: string[] }[];
  questions: { id: string; code: string; title: LocalizedText }[];
  /** In the order they were created: a question's syntheses keep it. */
  syntheses: { id: string; questionId: string; title: string; authors: string[]; doc: SynthesisDoc }[];
  foreword: { title: string; authors: string[]; doc: SynthesisDoc } | null;
  closing: { title: string; authors: string[]; doc: SynthesisDoc } | null;
  /** The event's members with their consent to be named (default off). */
  members: { name: string; consented: boolean }[];
  tags: { id: string; label: LocalizedText }[];
  /** The notes quotes were inserted from (citation annotationId), with their tags. */
  annotations: { id: string; contributionId: string; tags: string[] }[];
  withdrawn: string[];
  edition: { number: number; state: EditionState; date: string };
}

const text = (value: LocalizedText, lang: Lang, fallback: string) =>
  pickLocalized(value, lang)?.text.trim() || fallback;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function assembleProceedings(source: ProceedingsSource): ProceedingsInput {
  const lang = source.language;
  const questions = new Map(source.questions.map((q) => [q.id, q]));
  const placed = new Set<string>();
  const sessions = [...source.sessions].sort((a, b) => a.day - b.day || a.order - b.order || byText(a.id, b.id));
  const synthesesOf = (questionId: string) =>
    source.syntheses
      .filter((s) => s.questionId === questionId)
      .map((s) => ({
        id: s.id,
        title: s.title,
        authors: s.authors,
        doc: s.doc,
        origin: { kind: 'original' as const },
      }));
  const questionOf = (id: string) => {
    const q = questions.get(id);
    const syntheses = synthesesOf(id);
    if (!q || syntheses.length === 0) return [];
    return [{ id, code: q.code, title: text(q.title, lang, q.code), syntheses }];
  };

  const days: ProceedingsDay[] = [];
  for (const session of sessions) {
    const items = session.questionIds.filter((id) => !placed.has(id)).flatMap(questionOf);
    if (items.length === 0) continue;
    items.forEach((q) => placed.add(q.id));
    let day = days.find((d) => d.day === session.day);
    if (!day) days.push((day = { day: session.day, date: session.date, sessions: [] }));
    day.sessions.push({ id: session.id, title: text(session.title, lang, session.id), questions: items });
  }
  // Syntheses of questions on no session: kept, in a last section named after the event.
  const unplaced = [...new Set(source.syntheses.map((s) => s.questionId))]
    .filter((id) => !placed.has(id))
    .flatMap(questionOf);
  if (unplaced.length > 0) {
    const last = days.at(-1);
    const eventTitle = text(source.event.title, lang, source.event.id);
    const session = { id: `${source.event.id}-other`, title: eventTitle, questions: unplaced };
    if (last) last.sessions.push(session);
    else days.push({ day: 1, date: source.event.startsOn, sessions: [session] });
  }

  const docs = [
    ...source.syntheses.map((s) => s.doc),
    ...(source.foreword ? [source.foreword.doc] : []),
    ...(source.closing ? [source.closing.doc] : []),
  ];
  const quotedNotes = new Set(
    docs.flatMap((doc) => citationsIn(doc).flatMap((c) => (c.annotationId ? [c.annotationId] : []))),
  );
  const tagged = new Map<string, Set<string>>();
  for (const note of source.annotations)
    if (quotedNotes.has(note.id))
      for (const tag of note.tags) tagged.set(tag, (tagged.get(tag) ?? new Set()).add(note.contributionId));
  const tags = source.tags
    .filter((t) => tagged.has(t.id))
    .map((t) => ({ id: t.id, label: text(t.label, lang, t.id), contributionIds: [...tagged.get(t.id)!].sort(byText) }))
    .sort((a, b) => byText(a.label, b.label) || byText(a.id, b.id));

  const frontText = (t: ProceedingsSource['foreword']) =>
    t ? { title: t.title, authors: t.authors, doc: t.doc, origin: { kind: 'original' as const } } : null;
  return {
    language: lang,
    edition: {
      number: source.edition.number,
      state: source.edition.state,
      contentHash: null,
      date: source.edition.date,
      publicationId: source.event.id,
    },
    event: {
      title: text(source.event.title, lang, source.event.id),
      startDate: source.event.startsOn,
      endDate: source.event.endsOn,
      place: source.event.place.trim() || '—',
    },
    titlePage: {
      title: source.front.title.trim() || text(source.event.title, lang, source.event.id),
      ...(source.front.subtitle.trim() ? { subtitle: source.front.subtitle.trim() } : {}),
      ...(source.front.publisher.trim() ? { publisher: source.front.publisher.trim() } : {}),
    },
    foreword: frontText(source.foreword),
    closing: frontText(source.closing),
    days,
    participants: source.members
      .filter((m) => m.consented)
      .map((m) => ({ name: m.name, consented: true as const }))
      .sort((a, b) => byText(a.name, b.name)),
    tags,
    withdrawn: [...new Set(source.withdrawn)].sort(byText),
  };
}

/**
 * The hash of an edition's content: SHA-256 of its canonical JSON (keys
 * sorted) without what only dates or numbers the edition (its number,
 * state, date, hash). Equal content gives the equal hash, whenever and by
 * whomever it is assembled; any change of a word, a quote's provenance or a
 * named participant gives another.
 */
export function contentHashOf(input: ProceedingsInput): string {
  const { edition, ...content } = input;
  const canonical = canonicalJson({ ...content, publicationId: edition.publicationId });
  return Array.from(sha256(new TextEncoder().encode(canonical)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with object keys sorted at every level: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byText(a, b)))
      : v,
  );
}
