import { describe, expect, it } from 'vitest';
import { codePointRangeToUtf16 } from '../../../shared/export/code-points.js';
import {
  parseWebAnnotationCollection,
  toWebAnnotationCollection,
  type WaAnnotation,
  type WaBody,
} from '../../../shared/export/web-annotation.js';
import { annotations, contributions, liveAnnotations, tags, textOf } from './export-fixtures.js';

const context = { contributions, tags, language: 'en' as const };
const collection = toWebAnnotationCollection(annotations, context);
const item = (id: string): WaAnnotation => {
  const found = collection.first.items.find((i) => i.id === `urn:uuid:${id}` || i.id.endsWith(encodeURIComponent(id)));
  if (!found) throw new Error(`no item for ${id}`);
  return found;
};
const [onMachineEnglish, onChinese, onArabic, orphan] = liveAnnotations;

describe('W3C Web Annotation export', () => {
  it('is an AnnotationCollection with its first page embedded, tombstones left out', () => {
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(4);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.items).toHaveLength(4);
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(toWebAnnotationCollection([...annotations].reverse().reverse(), context).id).toBe(collection.id);
  });

  it('writes each annotation with its creator, dates, note and tags', () => {
    const a = item(onMachineEnglish!.id);
    expect(a).toMatchObject({
      id: `urn:uuid:${onMachineEnglish!.id}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2017-02-01T10:00:00.000Z',
      modified: '2017-02-01T11:30:00.000Z',
      creator: { id: 'urn:seminar-desk:participant:p-1', type: 'Person', name: 'Prof. Kim Min-jun' },
      audience: { 'schema:audienceType': 'seminar' },
    });
    expect(a.body).toEqual<WaBody[]>([
      { type: 'TextualBody', value: onMachineEnglish!.note, format: 'text/plain', purpose: 'commenting' },
      // A tag is a SpecificResource naming the tag by its IRI, with its label.
      {
        type: 'SpecificResource',
        source: { id: 'urn:seminar-desk:tag:t-gov', label: 'Governance', language: 'en' },
        purpose: 'tagging',
      },
      // No English label: the French one, said to be French.
      {
        type: 'SpecificResource',
        source: { id: 'urn:seminar-desk:tag:t-norms', label: 'Normes & <règles>', language: 'fr' },
        purpose: 'tagging',
      },
    ]);
  });

  it('gives the note language when the caller knows it', () => {
    const withLanguage = toWebAnnotationCollection([onChinese!], { ...context, noteLanguage: () => 'ar' });
    expect(withLanguage.first.items[0]!.body?.[0]).toMatchObject({ purpose: 'commenting', language: 'ar' });
  });

  it('targets the language version by a stable IRI, with quote and code-point position selectors', () => {
    const { target } = item(onChinese!.id);
    expect(target.source).toBe('urn:seminar-desk:contribution:c%3A2:zh');
    expect(target.selector[0]).toEqual({
      type: 'TextQuoteSelector',
      exact: '国际法适用',
      prefix: '要共同规则。𠀁',
      suffix: '。',
    });
    // Two astral characters come before the quote: UTF-16 says 15, code points say 13.
    expect(onChinese!.target.position.start).toBe(15);
    expect(target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 13, end: 18 });
    expect([...textOf('c:2', 'zh')].slice(13, 18).join('')).toBe('国际法适用');
  });

  it('marks machine translations, and only them', () => {
    expect(item(onMachineEnglish!.id).target).toMatchObject({
      'schema:translationOfWork': 'urn:seminar-desk:contribution:c-1:fr',
      'schema:translator': { type: 'schema:SoftwareApplication', 'schema:name': 'systran' },
    });
    expect(item(onArabic!.id).target['schema:translator']).toBeDefined();
    expect(item(onChinese!.id).target).not.toHaveProperty('schema:translator');
    expect(item(onChinese!.id).target).not.toHaveProperty('schema:translationOfWork');
  });

  it('tells a human translation from a machine one and from an original', () => {
    const humanContributions = contributions.map((c) => ({
      ...c,
      versions: c.versions.map((v) => (v.language === 'en' ? { ...v, origin: 'human' as const, engine: null } : v)),
    }));
    const exported = toWebAnnotationCollection([onMachineEnglish!], { ...context, contributions: humanContributions });
    expect(exported.first.items[0]!.target['schema:translationOfWork']).toBe('urn:seminar-desk:contribution:c-1:fr');
    expect(exported.first.items[0]!.target).not.toHaveProperty('schema:translator');
    const read = parseWebAnnotationCollection(JSON.parse(JSON.stringify(exported)));
    expect(read.ok && read.annotations[0]!.target).toMatchObject({ origin: 'human', engine: null });
  });

  it('gives an orphan only its quote, and an id that is not a UUID a URN of ours', () => {
    expect(item(orphan!.id).target.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'un passage disparu' }]);
    expect(item(onArabic!.id).id).toBe('urn:seminar-desk:annotation:legacy%3Aa-3');
    expect(item(onArabic!.id).audience['schema:audienceType']).toBe('private');
  });

  it('reads back, through JSON text, every field it carries', () => {
    const result = parseWebAnnotationCollection(JSON.parse(JSON.stringify(collection)));
    if (!result.ok) throw new Error(result.error);
    expect(result.annotations).toHaveLength(liveAnnotations.length);
    for (const [i, original] of liveAnnotations.entries()) {
      const read = result.annotations[i]!;
      const version = contributions
        .find((c) => c.id === original.target.contributionId)!
        .versions.find((v) => v.language === original.target.language)!;
      expect(read).toMatchObject({
        id: original.id,
        created: original.createdAt,
        modified: original.updatedAt,
        creator: { id: original.authorId, name: original.authorName },
        visibility: original.visibility,
        note: original.note,
        target: {
          contributionId: original.target.contributionId,
          language: original.target.language,
          sourceVersion: original.target.sourceVersion,
          origin: version.origin,
          engine: version.engine,
          quote: original.target.quote,
        },
      });
      expect(read.tags.map((t) => t.id)).toEqual(original.tags);
      const position = read.target.codePointPosition;
      if (original === orphan) expect(position).toBeNull();
      else expect(codePointRangeToUtf16(version.text, position!)).toEqual(original.target.position);
    }
  });

  it.each<[string, (c: Record<string, unknown>) => unknown]>([
    ['no Web Annotation context', (c) => ({ ...c, '@context': 'http://schema.org/' })],
    ['another type', (c) => ({ ...c, type: 'AnnotationPage' })],
    ['a page not embedded', (c) => ({ ...c, first: 'urn:x' })],
    ['a target that is not a contribution version', (c) => withFirstTarget(c, { source: 'https://example.org/' })],
    [
      'a target without a quote',
      (c) => withFirstTarget(c, { selector: { type: 'TextPositionSelector', start: 0, end: 1 } }),
    ],
    ['a malformed quote selector', (c) => withFirstTarget(c, { selector: { type: 'TextQuoteSelector', exact: 5 } })],
    ['not an object', () => 'annotations'],
  ])('refuses %s, with an error as data', (_name, damage) => {
    const copy = JSON.parse(JSON.stringify(collection)) as Record<string, unknown>;
    const result = parseWebAnnotationCollection(damage(copy));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });

  it('reads a foreign annotation with single body and selector objects', () => {
    const result = parseWebAnnotationCollection({
      '@context': ['http://www.w3.org/ns/anno.jsonld', { ex: 'https://example.org/' }],
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            id: 'urn:uuid:4f1a7d52-9e6b-4a5f-9c2d-6e7f8091a2b3',
            type: 'Annotation',
            body: { type: 'TextualBody', value: 'A note', purpose: 'commenting', language: 'de' },
            target: {
              type: 'SpecificResource',
              source: 'urn:seminar-desk:contribution:c-1:fr',
              selector: { type: 'TextQuoteSelector', exact: 'exige' },
            },
          },
        ],
      },
    });
    expect(result).toMatchObject({
      ok: true,
      annotations: [
        {
          note: 'A note',
          noteLanguage: 'de',
          visibility: null,
          target: { contributionId: 'c-1', language: 'fr', quote: { exact: 'exige', prefix: '', suffix: '' } },
        },
      ],
    });
  });
});

describe('reading tags', () => {
  const withBodies = (body: unknown[]) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'urn:uuid:4f1a7d52-9e6b-4a5f-9c2d-6e7f8091a2b3',
          type: 'Annotation',
          body,
          target: { type: 'SpecificResource', source: 'urn:seminar-desk:contribution:c-1:fr', selector: [] },
        },
      ],
    },
  });

  it('reads tags as written before (TextualBody with an id), by other tools (no id) and as bare IRIs', () => {
    const withQuote = withBodies([
      { type: 'TextualBody', id: 'urn:seminar-desk:tag:t-old', value: 'Old', purpose: 'tagging', language: 'en' },
      { type: 'TextualBody', value: 'foreign', purpose: 'tagging' },
      { type: 'SpecificResource', source: 'urn:seminar-desk:tag:t-iri', purpose: ['tagging'] },
      { type: 'SpecificResource', source: 'https://example.org/x', purpose: 'linking' },
    ]);
    withQuote.first.items[0]!.target.selector = [{ type: 'TextQuoteSelector', exact: 'exige' }] as never[];
    const read = parseWebAnnotationCollection(withQuote);
    if (!read.ok) throw new Error(read.error);
    expect(read.annotations[0]!.tags).toEqual([
      { id: 't-old', label: 'Old', language: 'en' },
      { id: null, label: 'foreign', language: null },
      { id: 't-iri', label: '', language: null },
    ]);
  });
});

function withFirstTarget(collection: Record<string, unknown>, patch: Record<string, unknown>) {
  const first = collection.first as { items: Array<{ target: Record<string, unknown> }> };
  first.items[0]!.target = { ...first.items[0]!.target, ...patch };
  return collection;
}
