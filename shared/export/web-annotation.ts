import { z } from 'zod';
import { isLang, type Lang } from '../languages.js';
import {
  VISIBILITIES,
  type Annotation,
  type AnnotationId,
  type TagId,
  type TextPositionSelector,
  type TextQuoteSelector,
  type Visibility,
} from '../model/annotations.js';
import type { ContributionId, ParticipantId, TextOrigin } from '../model/entities.js';
import { utf16RangeToCodePoints } from './code-points.js';
import {
  indexContext,
  liveAnnotations,
  verifiedPosition,
  type ExportContext,
  type ExportIndex,
} from './export-context.js';
import { UUID_PATTERN, stableGuid } from './stable-uuid.js';

/**
 * Annotations as a W3C Web Annotation collection (JSON-LD), for other
 * annotation tools and for archiving. Only the Web Annotation context is
 * declared; the few facts it has no term for (which text a translation was made
 * from, by which engine, from which version) use schema.org terms, whose
 * `schema:` prefix that context already defines. Positions are counted in
 * Unicode code points, as the model requires, not in the app's UTF-16 units.
 */

export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The note. */
export interface WaTextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  language?: Lang;
  purpose: 'commenting';
}

/**
 * A tag, as the model's "semantic tag": a SpecificResource whose source is the
 * tag itself, named by its IRI (`urn:seminar-desk:tag:<id>`) and labelled.
 * Not a TextualBody with an `id`: the Working Group's assertions read an
 * object with an `id` as an External Web Resource, which may not have a
 * purpose; and without the `id` the tag's identity would be lost.
 */
export interface WaTagBody {
  type: 'SpecificResource';
  source: { id: string; label: string; language?: Lang };
  purpose: 'tagging';
}

export type WaBody = WaTextualBody | WaTagBody;

export interface WaTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface WaTextPositionSelector {
  type: 'TextPositionSelector';
  /** Code points, end exclusive. */
  start: number;
  end: number;
}

export interface WaTarget {
  type: 'SpecificResource';
  /** `urn:seminar-desk:contribution:<id>:<lang>`: one language version of one contribution. */
  source: string;
  selector: Array<WaTextQuoteSelector | WaTextPositionSelector>;
  /** The version of the original text the annotated version was made from. */
  'schema:version': number;
  /** Present on translations: the IRI of the original-language version. */
  'schema:translationOfWork'?: string;
  /** The machine-translation marker: present when the version is a machine translation. */
  'schema:translator'?: { type: 'schema:SoftwareApplication'; 'schema:name'?: string };
  /**
   * Present when the contribution answers another (a forum thread): the IRI of
   * the contribution it answers, as a whole (`urn:seminar-desk:contribution:<id>`).
   */
  'schema:parentItem'?: string;
}

export interface WaAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'tagging' | 'highlighting';
  created: string;
  modified: string;
  creator: { id: string; type: 'Person'; name: string };
  /** Who the annotation was written for: only its author ("private") or the whole seminar. */
  audience: { type: 'schema:Audience'; 'schema:audienceType': Visibility };
  body?: WaBody[];
  target: WaTarget;
}

export interface WaAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: 0;
  items: WaAnnotation[];
}

export interface WaAnnotationCollection {
  '@context': typeof WEB_ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: WaAnnotationPage;
}

export interface WebAnnotationExportContext extends ExportContext {
  /** IRI of the collection; by default a name-based urn:uuid of the exported annotation ids. */
  collectionId?: string;
  label?: string;
  /** The language a note is written in, when known (the app does not record it). */
  noteLanguage?: (annotation: Annotation) => Lang | undefined;
}

const IRI_PREFIX = 'urn:seminar-desk:';

/** `urn:seminar-desk:<kind>:<part>:<part>`, each part percent-encoded so ":" in an id stays unambiguous. */
export function seminarIri(kind: 'contribution' | 'tag' | 'participant' | 'annotation', ...parts: string[]): string {
  return `${IRI_PREFIX}${kind}:${parts.map(encodeURIComponent).join(':')}`;
}

function parseSeminarIri(iri: string, kind: string, partCount: number): string[] | null {
  const head = `${IRI_PREFIX}${kind}:`;
  if (!iri.startsWith(head)) return null;
  const parts = iri.slice(head.length).split(':');
  if (parts.length !== partCount || parts.some((p) => p === '')) return null;
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** Ids made by the app are UUIDs, which have a standard URN; anything else gets ours. */
export function annotationIri(id: string): string {
  return UUID_PATTERN.test(id) ? `urn:uuid:${id}` : seminarIri('annotation', id);
}

function annotationIdFromIri(iri: string): string | null {
  if (iri.startsWith('urn:uuid:')) {
    const id = iri.slice('urn:uuid:'.length);
    return UUID_PATTERN.test(id) ? id : null;
  }
  return parseSeminarIri(iri, 'annotation', 1)?.[0] ?? null;
}

export function toWebAnnotationCollection(
  annotations: Iterable<Annotation>,
  context: WebAnnotationExportContext,
): WaAnnotationCollection {
  const index = indexContext(context);
  const items = liveAnnotations(annotations).map((annotation): WaAnnotation => ({
    id: annotationIri(annotation.id),
    type: 'Annotation',
    motivation: annotation.note !== '' ? 'commenting' : annotation.tags.length > 0 ? 'tagging' : 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { id: seminarIri('participant', annotation.authorId), type: 'Person', name: annotation.authorName },
    audience: { type: 'schema:Audience', 'schema:audienceType': annotation.visibility },
    ...bodies(annotation, index, context.noteLanguage?.(annotation)),
    target: waTarget(annotation, index),
  }));
  const collectionId = context.collectionId ?? `urn:uuid:${stableGuid('collection', ...items.map((i) => i.id))}`;
  return {
    '@context': WEB_ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    ...(context.label !== undefined ? { label: context.label } : {}),
    total: items.length,
    first: { id: `urn:uuid:${stableGuid('page', collectionId, '0')}`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** The note, then one body per tag; none at all for a bare highlight. */
function bodies(annotation: Annotation, index: ExportIndex, noteLanguage: Lang | undefined): { body?: WaBody[] } {
  const body: WaBody[] = [];
  if (annotation.note !== '') {
    body.push({
      type: 'TextualBody',
      value: annotation.note,
      format: 'text/plain',
      ...(noteLanguage ? { language: noteLanguage } : {}),
      purpose: 'commenting',
    });
  }
  for (const tagId of annotation.tags) {
    const label = index.tagLabel(tagId);
    body.push({
      type: 'SpecificResource',
      source: { id: seminarIri('tag', tagId), label: label.text, ...(label.lang ? { language: label.lang } : {}) },
      purpose: 'tagging',
    });
  }
  return body.length > 0 ? { body } : {};
}

function waTarget(annotation: Annotation, index: ExportIndex): WaTarget {
  const { target } = annotation;
  const contribution = index.contribution(target.contributionId);
  const version = index.version(target.contributionId, target.language);
  const selector: WaTarget['selector'] = [{ type: 'TextQuoteSelector', ...nonEmptyContext(target.quote) }];
  // A position is only meaningful against the text it was taken from: when the
  // quote is no longer there, the quote selector alone says what was meant.
  const position = version ? verifiedPosition(annotation, version.text) : null;
  if (version && position) {
    selector.push({ type: 'TextPositionSelector', ...utf16RangeToCodePoints(version.text, position) });
  }
  const result: WaTarget = {
    type: 'SpecificResource',
    source: seminarIri('contribution', target.contributionId, target.language),
    selector,
    'schema:version': target.sourceVersion,
  };
  if (contribution && version && version.origin !== 'original') {
    result['schema:translationOfWork'] = seminarIri('contribution', contribution.id, contribution.language);
  }
  if (contribution?.replyTo) result['schema:parentItem'] = seminarIri('contribution', contribution.replyTo);
  if (version?.origin === 'machine') {
    result['schema:translator'] = {
      type: 'schema:SoftwareApplication',
      ...(version.engine ? { 'schema:name': version.engine } : {}),
    };
  }
  return result;
}

function nonEmptyContext(quote: TextQuoteSelector): Omit<WaTextQuoteSelector, 'type'> {
  return {
    exact: quote.exact,
    ...(quote.prefix !== '' ? { prefix: quote.prefix } : {}),
    ...(quote.suffix !== '' ? { suffix: quote.suffix } : {}),
  };
}

// ---- Reading a collection back ----

/** One annotation read from a collection: what the collection carries, typed. */
export interface ParsedWebAnnotation {
  id: AnnotationId;
  created: string | null;
  modified: string | null;
  creator: { id: ParticipantId | null; name: string | null };
  visibility: Visibility | null;
  note: string;
  noteLanguage: Lang | null;
  /** `id` is null for a tag body that did not come from a Seminar Desk codebook. */
  tags: Array<{ id: TagId | null; label: string; language: Lang | null }>;
  target: {
    contributionId: ContributionId;
    language: Lang;
    sourceVersion: number | null;
    /** "original" when the target carries no translation marker. */
    origin: TextOrigin;
    engine: string | null;
    quote: TextQuoteSelector;
    /** In code points, as in the file: convert with `codePointRangeToUtf16` and the version's text. */
    codePointPosition: TextPositionSelector | null;
  };
}

export type WebAnnotationParseResult = { ok: true; annotations: ParsedWebAnnotation[] } | { ok: false; error: string };

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const langField = z
  .string()
  .optional()
  .transform((v) => (isLang(v) ? v : null));

const textualBodySchema = z.looseObject({
  type: z.literal('TextualBody'),
  id: z.string().optional(),
  value: z.string(),
  language: langField,
  purpose: z.string().optional(),
});

/** A tag as we write it (and as the model's semantic tags are): a SpecificResource naming the tag. */
const tagResourceSchema = z.looseObject({
  type: z.literal('SpecificResource'),
  source: z.union([z.string(), z.looseObject({ id: z.string(), label: z.string().optional(), language: langField })]),
  purpose: oneOrMany(z.string()).optional(),
});

const quoteSelectorSchema = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

const positionSelectorSchema = z.looseObject({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

const selectorSchema = z.union([
  quoteSelectorSchema,
  positionSelectorSchema,
  // Other selector kinds (XPath, CSS...) are alternatives we cannot use: skipped, not refused.
  z
    .looseObject({ type: z.string() })
    .refine((s) => s.type !== 'TextQuoteSelector' && s.type !== 'TextPositionSelector', 'malformed selector'),
]);

const targetSchema = z.looseObject({
  type: z.literal('SpecificResource'),
  source: z.string(),
  selector: oneOrMany(selectorSchema),
  'schema:version': z.number().int().min(1).optional(),
  'schema:translationOfWork': z.string().optional(),
  'schema:translator': z.looseObject({ 'schema:name': z.string().optional() }).optional(),
});

const annotationSchema = z.looseObject({
  id: z.string(),
  type: z.literal('Annotation'),
  created: z.iso.datetime({ offset: true }).optional(),
  modified: z.iso.datetime({ offset: true }).optional(),
  creator: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
  audience: z.looseObject({ 'schema:audienceType': z.enum(VISIBILITIES).optional() }).optional(),
  // Bodies of other kinds (links, images) are not ours to read: keep only textual ones.
  body: oneOrMany(
    z.union([
      textualBodySchema,
      tagResourceSchema,
      z.looseObject({ type: z.unknown() }).refine((b) => b.type !== 'TextualBody', 'malformed TextualBody'),
    ]),
  ).optional(),
  target: targetSchema,
});

const collectionSchema = z.looseObject({
  '@context': z.union([
    z.literal(WEB_ANNOTATION_CONTEXT),
    z.array(z.unknown()).refine((c) => c.includes(WEB_ANNOTATION_CONTEXT), 'the Web Annotation context is missing'),
  ]),
  type: z.literal('AnnotationCollection'),
  total: z.number().int().min(0).optional(),
  first: z.looseObject({
    type: z.literal('AnnotationPage'),
    items: z.array(annotationSchema),
  }),
});

type ParsedBody = NonNullable<z.output<typeof annotationSchema>['body']>[number];
type ParsedSelector = z.output<typeof selectorSchema>;
// The catch-all branches above refuse these type names, so the type alone tells the branches apart.
const isTextualBody = (b: ParsedBody): b is z.output<typeof textualBodySchema> => b.type === 'TextualBody';
/** The body as a tag, when it is one (a SpecificResource with the tagging purpose); null otherwise. */
function asTag(body: ParsedBody): z.output<typeof tagResourceSchema> | null {
  if (body.type !== 'SpecificResource') return null;
  const tag = tagResourceSchema.safeParse(body);
  return tag.success && tag.data.purpose?.includes('tagging') ? tag.data : null;
}
const isQuoteSelector = (s: ParsedSelector): s is z.output<typeof quoteSelectorSchema> =>
  s.type === 'TextQuoteSelector';
const isPositionSelector = (s: ParsedSelector): s is z.output<typeof positionSelectorSchema> =>
  s.type === 'TextPositionSelector';

/**
 * Reads a collection written by `toWebAnnotationCollection` (or a compatible
 * one with its first page embedded). Errors come back as data, with the path
 * of the first offending field.
 */
export function parseWebAnnotationCollection(json: unknown): WebAnnotationParseResult {
  const parsed = collectionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  const annotations: ParsedWebAnnotation[] = [];
  for (const [i, item] of parsed.data.first.items.entries()) {
    const read = readAnnotation(item);
    if (typeof read === 'string') return { ok: false, error: `first.items[${i}]: ${read}` };
    annotations.push(read);
  }
  return { ok: true, annotations };
}

function readAnnotation(item: z.output<typeof annotationSchema>): ParsedWebAnnotation | string {
  const id = annotationIdFromIri(item.id);
  if (id === null) return `id ${JSON.stringify(item.id)} is not an annotation IRI`;
  const source = parseSeminarIri(item.target.source, 'contribution', 2);
  const language = source?.[1];
  if (!source || !isLang(language))
    return `target.source ${JSON.stringify(item.target.source)} is not a contribution version`;

  let quote: TextQuoteSelector | null = null;
  let codePointPosition: TextPositionSelector | null = null;
  for (const selector of item.target.selector) {
    if (isQuoteSelector(selector)) {
      quote = { exact: selector.exact, prefix: selector.prefix ?? '', suffix: selector.suffix ?? '' };
    } else if (isPositionSelector(selector) && selector.end > selector.start) {
      codePointPosition = { start: selector.start, end: selector.end };
    }
  }
  if (!quote) return 'target has no TextQuoteSelector';

  const notes: string[] = [];
  let noteLanguage: Lang | null = null;
  const tags: ParsedWebAnnotation['tags'] = [];
  for (const body of item.body ?? []) {
    const tag = asTag(body);
    if (tag) {
      const source = typeof tag.source === 'string' ? { id: tag.source, label: '', language: null } : tag.source;
      const tagId = parseSeminarIri(source.id, 'tag', 1)?.[0];
      tags.push({ id: (tagId ?? null) as TagId | null, label: source.label ?? '', language: source.language });
      continue;
    }
    if (!isTextualBody(body)) continue;
    // Tags as TextualBody: how other tools (and our exports before 2026-12) write them.
    if (body.purpose === 'tagging') {
      const tagId = body.id ? parseSeminarIri(body.id, 'tag', 1)?.[0] : undefined;
      tags.push({ id: (tagId ?? null) as TagId | null, label: body.value, language: body.language });
    } else if (body.purpose === undefined || body.purpose === 'commenting') {
      notes.push(body.value);
      noteLanguage ??= body.language;
    }
  }

  const translator = item.target['schema:translator'];
  const creatorId = item.creator?.id ? parseSeminarIri(item.creator.id, 'participant', 1)?.[0] : undefined;
  return {
    id: id as AnnotationId,
    created: item.created ?? null,
    modified: item.modified ?? null,
    creator: { id: (creatorId ?? null) as ParticipantId | null, name: item.creator?.name ?? null },
    visibility: item.audience?.['schema:audienceType'] ?? null,
    note: notes.join('\n\n'),
    noteLanguage,
    tags,
    target: {
      contributionId: source[0] as ContributionId,
      language,
      sourceVersion: item.target['schema:version'] ?? null,
      origin: translator ? 'machine' : item.target['schema:translationOfWork'] ? 'human' : 'original',
      engine: translator?.['schema:name'] ?? null,
      quote,
      codePointPosition,
    },
  };
}
