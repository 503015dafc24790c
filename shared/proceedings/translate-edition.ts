import { sha256 } from '@noble/hashes/sha2';
import type { Lang } from '../languages.js';
import type { ProceedingsInput, ProceedingsText, SectionOrigin } from '../export/proceedings/input.js';
import type { TextOrigin } from '../model/entities.js';
import type { CitationAttrs, SynthesisDoc, SynthesisMark, SynthesisNode } from '../synthesis/document.js';
import { contentHashOf } from './assemble.js';

/**
 * Machine editions of a published edition (issue 20). The edition is cut
 * into units: each block of text (a paragraph, a heading, a list item's
 * paragraph) and each title. A unit is sent to the translation queue as one
 * text with its inline structure as tags (`<x3>…</x3>` around words that
 * carry marks, `<br/>` for a line break; the marks themselves, citations
 * with their provenance, never leave the server), and named by the hash of
 * its source language and text: a unit met again in a later edition is not
 * sent again, so only changed paragraphs are re-translated.
 *
 * The translated edition keeps the structure of the source: the same days,
 * sessions, questions, syntheses and citation ids; each section says it is
 * a machine translation (from, engine). A quote in the translated text is
 * the contribution's original wording when the edition is in the original's
 * language (origin `original`), the quoted version when it is in that
 * version's language, the passage of the contribution's own version in the
 * edition's language when it has one and the passage can be found there
 * (with that version's origin, engine and version: `QuoteVersion`, fixed at
 * publication so that the edition never changes with the corpus), and
 * otherwise the translated words marked `machine` with the original's
 * wording kept beside them, as the synthesis exports show a quote from a
 * machine translation.
 *
 * A person may correct a unit in a target language (kept per event, unit
 * hash and language, so a later edition whose paragraph did not change
 * keeps it, and a re-translation never erases it): the correction is used
 * instead of the machine's text and its section says `human-corrected`.
 */
export interface Unit {
  hash: string;
  text: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function unitHash(source: Lang, text: string): string {
  return Array.from(sha256(new TextEncoder().encode(`${source}\u0000${text}`)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** A block's inline content as one text to translate, and the marks of its tagged pieces by tag number. */
export function serializeInline(content: readonly SynthesisNode[]): { text: string; marks: SynthesisMark[][] } {
  const marks: SynthesisMark[][] = [];
  let text = '';
  for (const node of content) {
    if (node.type === 'hardBreak') text += '<br/>';
    else if (node.type === 'text' && node.text) {
      if (node.marks?.length) {
        text += `<x${marks.length}>${escape(node.text)}</x${marks.length}>`;
        marks.push(node.marks);
      } else text += escape(node.text);
    }
  }
  return { text, marks };
}

/**
 * The translated text back into inline nodes with the source's marks. A tag
 * the provider lost or broke would lose a quote's provenance: then the
 * block is the translated words without tags, followed by each lost marked
 * piece as it was in the source (never a quote without its source).
 */
export function parseInline(
  translated: string,
  marks: readonly SynthesisMark[][],
  source: readonly SynthesisNode[],
): SynthesisNode[] {
  const nodes: SynthesisNode[] = [];
  const seen = new Set<number>();
  const pattern = /<x(\d+)>([\s\S]*?)<\/x\1>|<br\s*\/?>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let clean = true;
  while ((match = pattern.exec(translated)) !== null) {
    if (match[1] !== undefined) {
      const k = Number(match[1]);
      if (!marks[k] || seen.has(k)) clean = false;
      seen.add(k);
      if (match[2]) nodes.push({ type: 'text', text: unescape(match[2]), marks: marks[k] ?? [] });
    } else if (match[3] !== undefined) nodes.push({ type: 'text', text: unescape(match[3]) });
    else nodes.push({ type: 'hardBreak' });
    if (pattern.lastIndex === translated.length) break;
  }
  if (pattern.lastIndex !== translated.length && translated.length > 0) clean = false;
  if (clean && seen.size === marks.length) return nodes;
  const plain = unescape(translated.replace(/<\/?x\d+>|<br\s*\/?>/g, ' ').replace(/<[^>]*>/g, ''));
  const lost = source.filter((n) => n.type === 'text' && n.marks?.length).filter((_, k) => !seen.has(k) || !clean);
  return [{ type: 'text', text: plain }, ...lost.flatMap((n) => [{ type: 'text', text: ' ' }, n])];
}

/**
 * Why a correction of `source` cannot stand, or null: it must keep each
 * marked piece's tag once (a lost tag would lose a quote's provenance) and
 * hold no other markup than those tags and line breaks.
 */
export function correctionProblem(source: string, corrected: string): string | null {
  const tags = (text: string) => [...text.matchAll(/<x(\d+)>/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  const want = tags(source);
  const got = tags(corrected);
  if (want.join() !== got.join())
    return `keep each marked piece (quote) in its tag, once: ${want.map((k) => `<x${k}>…</x${k}>`).join(' ')}`;
  for (const k of want)
    if (!new RegExp(`<x${k}>[^<]*</x${k}>`).test(corrected)) return `<x${k}> must be closed by </x${k}>`;
  if (/[<>]/.test(corrected.replace(/<\/?x\d+>|<br\s*\/?>/g, '')))
    return 'write < and > as &lt; and &gt; (no other markup than the tags)';
  return null;
}

const hasInline = (node: SynthesisNode) =>
  (node.content ?? []).some((c) => c.type === 'text' || c.type === 'hardBreak');

function walkDoc(doc: SynthesisDoc, visit: (node: SynthesisNode) => void) {
  const walk = (node: SynthesisNode) => {
    if (hasInline(node)) visit(node);
    else for (const child of node.content ?? []) walk(child);
  };
  for (const node of doc.content) walk(node);
}

/** Every unit of an edition: titles and blocks, in reading order, each once. */
export function translationUnits(input: ProceedingsInput): Unit[] {
  const units = new Map<string, Unit>();
  const add = (text: string) => {
    if (!text.trim()) return;
    const hash = unitHash(input.language, text);
    if (!units.has(hash)) units.set(hash, { hash, text });
  };
  const addText = (t: ProceedingsText) => {
    add(escape(t.title));
    walkDoc(t.doc, (node) => add(serializeInline(node.content ?? []).text));
  };
  add(escape(input.event.title));
  add(escape(input.event.place));
  add(escape(input.titlePage.title));
  if (input.titlePage.subtitle) add(escape(input.titlePage.subtitle));
  if (input.foreword) addText(input.foreword);
  if (input.closing) addText(input.closing);
  for (const day of input.days)
    for (const session of day.sessions) {
      add(escape(session.title));
      for (const question of session.questions) {
        add(escape(question.title));
        question.syntheses.forEach(addText);
      }
    }
  for (const tag of input.tags) add(escape(tag.label));
  return [...units.values()];
}

/**
 * The units of an edition grouped as a reader meets them, for the screen
 * where a person corrects a machine edition: the titles (event, title page,
 * sessions, questions), the foreword, each synthesis (its title and blocks),
 * the closing remarks and the index of tags. A section's origin in a
 * language follows from its units (any corrected: human-corrected), as in
 * translateEdition.
 */
export function editionSections(input: ProceedingsInput): EditionSectionUnits[] {
  const sections: EditionSectionUnits[] = [];
  const hashOf = (text: string) => unitHash(input.language, text);
  const section = (kind: EditionSectionUnits['kind'], title: string, texts: string[]) => {
    const hashes = [...new Set(texts.filter((t) => t.trim()).map(hashOf))];
    if (hashes.length) sections.push({ kind, title, hashes });
  };
  const textUnits = (t: ProceedingsText) => {
    const texts = [escape(t.title)];
    walkDoc(t.doc, (node) => texts.push(serializeInline(node.content ?? []).text));
    return texts;
  };
  const sessions = input.days.flatMap((day) => day.sessions);
  section('titles', input.titlePage.title, [
    escape(input.event.title),
    escape(input.event.place),
    escape(input.titlePage.title),
    ...(input.titlePage.subtitle ? [escape(input.titlePage.subtitle)] : []),
    ...sessions.flatMap((s) => [escape(s.title), ...s.questions.map((q) => escape(q.title))]),
  ]);
  if (input.foreword) section('foreword', input.foreword.title, textUnits(input.foreword));
  for (const session of sessions)
    for (const question of session.questions)
      for (const synthesis of question.syntheses) section('synthesis', synthesis.title, textUnits(synthesis));
  if (input.closing) section('closing', input.closing.title, textUnits(input.closing));
  section(
    'index',
    '',
    input.tags.map((t) => escape(t.label)),
  );
  return sections;
}

export interface EditionSectionUnits {
  kind: 'titles' | 'foreword' | 'synthesis' | 'closing' | 'index';
  /** The section's title in the edition's own language ('' for the index). */
  title: string;
  hashes: string[];
}

/**
 * A quote's words in a version of its contribution in another language: the
 * passage that stands for the quote there (shared/anchoring/corresponding-quote.ts),
 * with what that version is. Found when an edition is published and kept
 * with it, per target language and `quoteKey`.
 */
export interface QuoteVersion {
  text: string;
  origin: TextOrigin;
  engine: string | null;
  /** The version of the original the version was made from. */
  sourceVersion: number;
  /** The hash of the version's whole text (hashText), as a citation keeps it. */
  textHash: string;
}

/** A quote of an edition: which contribution's version, and its words. */
export interface EditionQuote {
  key: string;
  contributionId: string;
  language: Lang;
  words: string;
}

/** Names a quote by its contribution, its quoted version's language and its words. */
export function quoteKey(contributionId: string, language: Lang, words: string): string {
  return unitHash(language, `${contributionId}\u0000${words}`);
}

/** The words of one quote within a block (its pieces may be split by other marks). */
const quotedWords = (content: readonly SynthesisNode[], citationId: string) =>
  content
    .filter((c) => c.marks?.some((m) => m.type === 'citation' && m.attrs.citationId === citationId))
    .map((c) => c.text ?? '')
    .join('');

/** Every quote of an edition's texts, once each. */
export function editionQuotes(input: ProceedingsInput): EditionQuote[] {
  const quotes = new Map<string, EditionQuote>();
  const visit = (node: SynthesisNode) => {
    const content = node.content ?? [];
    for (const piece of content)
      for (const mark of piece.marks ?? []) {
        if (mark.type !== 'citation') continue;
        const { contributionId, language, citationId } = mark.attrs;
        const words = quotedWords(content, citationId);
        const key = quoteKey(contributionId, language, words);
        if (words.trim() && !quotes.has(key)) quotes.set(key, { key, contributionId, language, words });
      }
  };
  const texts = [
    input.foreword,
    input.closing,
    ...input.days
      .flatMap((d) => d.sessions)
      .flatMap((s) => s.questions)
      .flatMap((q) => q.syntheses),
  ];
  for (const text of texts) if (text) walkDoc(text.doc, visit);
  return [...quotes.values()];
}

/** A quote's provenance in an edition of another language (see the policy above). */
function citationIn(
  attrs: CitationAttrs,
  target: Lang,
  engine: string,
  translated: string,
  sourceWords: string,
  version: QuoteVersion | undefined,
): { attrs: CitationAttrs; text: string; whole: boolean } {
  if (target === attrs.language) return { attrs, text: sourceWords, whole: true };
  if (target === attrs.originalLanguage && (attrs.origin === 'original' || attrs.originalText !== null))
    return {
      attrs: { ...attrs, language: target, origin: 'original', engine: null, originalText: null },
      text: attrs.origin === 'original' ? sourceWords : attrs.originalText!,
      whole: true,
    };
  // The original's wording of the passage (the quoted words, when they were the original).
  const originalText = attrs.origin === 'original' ? sourceWords : attrs.originalText;
  if (version)
    return {
      attrs: {
        ...attrs,
        language: target,
        origin: version.origin,
        engine: version.origin === 'machine' ? version.engine : null,
        originalText: version.origin === 'original' ? null : originalText,
        textHash: version.textHash,
        sourceVersion: version.sourceVersion,
      },
      text: version.text,
      whole: true,
    };
  // Translated here: marked machine, with the original's wording.
  return {
    attrs: { ...attrs, language: target, origin: 'machine', engine, originalText },
    text: translated,
    whole: false,
  };
}

/**
 * The edition in `target`, from the translations of its units (`lookup`
 * gives a unit's translated text by hash); null while some are missing.
 * `quoteVersion` gives a quote's passage in the contribution's own version
 * in `target`, by `quoteKey`, when it has one.
 */
export function translateEdition(
  input: ProceedingsInput,
  target: Lang,
  engine: string,
  lookup: (hash: string) => string | undefined,
  corrected: (hash: string) => boolean = () => false,
  quoteVersion: (key: string) => QuoteVersion | undefined = () => undefined,
): ProceedingsInput | null {
  const source = input.language;
  let missing = false;
  // Whether the section being built has a unit a person corrected: it then says so (reviewed, not machine).
  let sectionCorrected = false;
  const find = (hash: string) => {
    if (corrected(hash)) sectionCorrected = true;
    return lookup(hash);
  };
  const tr = (text: string): string => {
    if (!text.trim()) return text;
    const found = find(unitHash(source, escape(text)));
    if (found === undefined) missing = true;
    return found === undefined ? text : unescape(found.replace(/<[^>]*>/g, ''));
  };
  const block = (node: SynthesisNode): SynthesisNode => {
    if (!hasInline(node)) return { ...node, ...(node.content ? { content: node.content.map(block) } : {}) };
    const { text, marks } = serializeInline(node.content ?? []);
    const found = text.trim() ? find(unitHash(source, text)) : text;
    if (found === undefined) {
      missing = true;
      return node;
    }
    const placed = new Set<string>();
    const content = parseInline(found, marks, node.content ?? []).flatMap((n) => {
      const citation = n.marks?.find((m) => m.type === 'citation');
      if (!citation || n.type !== 'text') return [n];
      const { contributionId, language, citationId } = citation.attrs;
      const sourceWords = quotedWords(node.content ?? [], citationId);
      const version = quoteVersion(quoteKey(contributionId, language, sourceWords));
      const quoted = citationIn(citation.attrs, target, engine, n.text ?? '', sourceWords, version);
      // A quote in pieces (another mark on some of its words) replaced by whole words: those words once.
      if (quoted.whole && placed.has(citationId)) return [];
      placed.add(citationId);
      return [
        {
          ...n,
          text: quoted.text,
          marks: n.marks!.map((m) => (m.type === 'citation' ? { ...m, attrs: quoted.attrs } : m)),
        },
      ];
    });
    return { ...node, content };
  };
  const text = <T extends ProceedingsText>(t: T): T => {
    sectionCorrected = false;
    const title = tr(t.title);
    const doc: SynthesisDoc = { type: 'doc', content: t.doc.content.map(block) };
    const origin: SectionOrigin = { kind: sectionCorrected ? 'human-corrected' : 'machine', from: source, engine };
    return { ...t, title, doc, origin };
  };
  const out: ProceedingsInput = {
    ...input,
    language: target,
    event: { ...input.event, title: tr(input.event.title), place: tr(input.event.place) },
    titlePage: {
      ...input.titlePage,
      title: tr(input.titlePage.title),
      ...(input.titlePage.subtitle ? { subtitle: tr(input.titlePage.subtitle) } : {}),
    },
    foreword: input.foreword ? text(input.foreword) : null,
    closing: input.closing ? text(input.closing) : null,
    days: input.days.map((day) => ({
      ...day,
      sessions: day.sessions.map((session) => ({
        ...session,
        title: tr(session.title),
        questions: session.questions.map((q) => ({ ...q, title: tr(q.title), syntheses: q.syntheses.map(text) })),
      })),
    })),
    tags: input.tags.map((t) => ({ ...t, label: tr(t.label) })),
  };
  if (missing) return null;
  return { ...out, edition: { ...out.edition, contentHash: contentHashOf(out) } };
}
