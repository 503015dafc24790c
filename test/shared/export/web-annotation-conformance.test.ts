import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import {
  WEB_ANNOTATION_CONTEXT,
  toWebAnnotationCollection,
  type WaAnnotationCollection,
} from '../../../shared/export/web-annotation.js';
import { loadDemoCorpus } from './demo-corpus.js';
import { annotations, contributions, tags } from './export-fixtures.js';
import { STANDARD_DIR, failures, loadAssertions } from './web-annotation-assertions.js';

/**
 * Every exported annotation checked against the Web Annotation Working
 * Group's MUST assertions, and every key written checked to mean something to
 * a JSON-LD processor using the published context.
 */

const demo = loadDemoCorpus();
const exports: Array<[string, WaAnnotationCollection]> = [
  ['fixtures', toWebAnnotationCollection(annotations, { contributions, tags, language: 'en' })],
  ...(['en', 'ar', 'zh'] as const).map((language): [string, WaAnnotationCollection] => [
    `demo corpus (${language})`,
    toWebAnnotationCollection(demo.annotations, {
      contributions: demo.contributions,
      tags: demo.tags,
      language,
      noteLanguage: (a) => a.target.language,
    }),
  ]),
];

const annotationMusts = loadAssertions('annotations/annotationMusts.test', [
  'bodiesTargets/3.3.5-bodyEWRNoPurpose.json',
  'bodiesTargets/3.3.5-targEWRNoPurpose.json',
]);

/** The collection's ten MUSTs and the page's fifteen (our page is embedded as the collection's `first`). */
const collectionMusts = loadAssertions('collections/collectionMusts.test');
const pageMusts = loadAssertions('collections/pages/pageMusts.test');

/** The collection as a reader receives it (JSON, not the TypeScript object). */
const asJson = (collection: WaAnnotationCollection): unknown => JSON.parse(JSON.stringify(collection));

/** Each annotation as a document of its own: the collection's context is what it is read in. */
const standalone = (collection: WaAnnotationCollection) =>
  collection.first.items.map((item) => ({
    name: item.id,
    json: JSON.parse(JSON.stringify({ '@context': collection['@context'], ...item })) as unknown,
  }));

describe('W3C Web Annotation conformance assertions', () => {
  it('loads the 14 MUSTs of annotationMusts.test and the two 3.3.5 purpose MUSTs', () => {
    expect(annotationMusts).toHaveLength(16);
  });

  it('exports from real data carry tags, notes in several languages and bare highlights', () => {
    const items = exports[1]![1].first.items;
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(items.filter((i) => i.motivation === 'highlighting').length).toBeGreaterThan(0);
    const tagBodies = items.flatMap((i) => i.body ?? []).filter((b) => b.purpose === 'tagging');
    expect(tagBodies.length).toBeGreaterThan(100);
    const noteLanguages = new Set(
      items.flatMap((i) => i.body ?? []).map((b) => b.purpose === 'commenting' && b.language),
    );
    expect(noteLanguages.size).toBeGreaterThanOrEqual(10);
  });

  it('writes each tag as a SpecificResource naming the tag by its IRI, with no body both identified and valued', () => {
    const bodies = exports.flatMap(([, c]) => c.first.items.flatMap((i) => i.body ?? []));
    const tagBodies = bodies.filter((b) => b.purpose === 'tagging');
    expect(tagBodies.length).toBeGreaterThan(0);
    for (const body of tagBodies) {
      expect(body).toMatchObject({
        type: 'SpecificResource',
        source: { id: expect.stringMatching(/^urn:seminar-desk:tag:/) },
      });
    }
    // An object with an id is an External Web Resource to the WG's assertions; a value makes it a TextualBody too.
    expect(bodies.filter((b) => 'id' in b && 'value' in b)).toEqual([]);
  });

  it.each(exports)('every annotation of the %s export passes every MUST', (_name, collection) => {
    expect(failures(annotationMusts, standalone(collection))).toEqual([]);
  });

  it('loads the 10 collection MUSTs of collectionMusts.test and the 15 page MUSTs of pageMusts.test', () => {
    expect(collectionMusts).toHaveLength(10);
    expect(pageMusts).toHaveLength(15);
  });

  it.each(exports)('the %s export passes every collection and page MUST', (name, collection) => {
    const subject = [{ name, json: asJson(collection) }];
    expect(failures([...collectionMusts, ...pageMusts], subject)).toEqual([]);
  });

  it('the collection and page assertions do catch a broken collection', () => {
    const good = asJson(exports[0]![1]) as Record<string, unknown> & { first: Record<string, unknown> };
    const broken = (name: string, json: unknown) => failures([...collectionMusts, ...pageMusts], [{ name, json }]);
    expect(broken('no context', { ...good, '@context': 'http://example.org/other.jsonld' })).toEqual([
      '5.1-collectionContextValidated.json: no context',
      '5.2-pageContextValidated.json: no context',
    ]);
    expect(broken('negative total', { ...good, total: -1 })).toEqual([
      '5.1-collectionTotalValidated.json: negative total',
    ]);
    expect(broken('no first', { ...good, first: undefined })).toContain('5.1-collectionFirstValidated.json: no first');
    expect(broken('page id', { ...good, first: { ...good.first, id: 'not a uri' } })).toContain(
      '5.2-pageIdValidated.json: page id',
    );
    expect(broken('items', { ...good, first: { ...good.first, items: [{ id: 'urn:x:1' }] } })).toContain(
      '5.2-pageItemsValidated.json: items',
    );
    expect(broken('created', { ...good, created: 'yesterday' })).toEqual([
      '3.3.1-collectionCreatedValidated.json: created',
    ]);
  });

  it('the assertions do catch a tag body written as an External Web Resource with a purpose', () => {
    const item = exports[0]![1].first.items.find((i) => i.body?.some((b) => b.purpose === 'tagging'))!;
    const broken = {
      '@context': WEB_ANNOTATION_CONTEXT,
      ...item,
      body: [{ id: 'urn:seminar-desk:tag:t-gov', purpose: 'tagging' }],
    };
    expect(failures(annotationMusts, [{ name: 'broken', json: broken }])).toEqual([
      '3.3.5-bodyEWRNoPurpose.json: broken',
    ]);
  });
});

// ---- JSON-LD: nothing written is silently dropped ----

const context = JSON.parse(readFileSync(join(STANDARD_DIR, 'anno.jsonld'), 'utf8')) as unknown;

/** Offline: the published context from the repository, and nothing else. */
const documentLoader = (url: string) => {
  if (url !== WEB_ANNOTATION_CONTEXT) throw new Error(`no network: refused to load ${url}`);
  return Promise.resolve({ contextUrl: undefined, documentUrl: url, document: context });
};

/** The context's aliases of JSON-LD keywords ("id" for @id, "type" for @type). */
const KEYWORD_ALIASES = new Set(
  Object.entries((context as { '@context': Record<string, unknown> })['@context'])
    .filter(([, d]) => typeof d === 'object' && d !== null && String((d as { '@id'?: string })['@id']).startsWith('@'))
    .map(([term]) => term),
);

/** Every key at every depth of a compact document, except JSON-LD keywords and their aliases. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!key.startsWith('@') && !KEYWORD_ALIASES.has(key)) into.add(key);
      keysOf(v, into);
    }
  }
  return into;
}

/** Every property IRI of an expanded document. */
function expandedProperties(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) expandedProperties(v, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!key.startsWith('@')) into.add(key);
      expandedProperties(v, into);
    }
  }
  return into;
}

describe('W3C Web Annotation JSON-LD expansion (jsonld.js, anno.jsonld kept offline)', () => {
  it.each(exports)('the %s export expands in safe mode, every key to an absolute IRI', async (_name, collection) => {
    const doc = JSON.parse(JSON.stringify(collection)) as Record<string, unknown>;
    // Safe mode turns every lossy step (a key the context does not define, a
    // relative IRI, a dropped value) into an error instead of a silent drop.
    const expanded = await jsonld.expand(doc, { documentLoader, safe: true } as jsonld.Options.Expand);
    const properties = expandedProperties(expanded);
    for (const iri of properties) expect(iri).toMatch(/^(http|https):\/\//);
    // One expanded property per distinct compact key: none vanished, none merged.
    expect(properties.size).toBe(keysOf(doc).size);
  });

  it('refuses a key the context does not define (the check can fail)', async () => {
    const doc = { ...JSON.parse(JSON.stringify(exports[0]![1])), tagLabel: 'dropped' } as Record<string, unknown>;
    await expect(jsonld.expand(doc, { documentLoader, safe: true } as jsonld.Options.Expand)).rejects.toThrow();
  });
});
