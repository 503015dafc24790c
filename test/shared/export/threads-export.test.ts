import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toQdpx } from '../../../shared/export/refi-qda.js';
import { parseWebAnnotationCollection, toWebAnnotationCollection } from '../../../shared/export/web-annotation.js';
import { loadDemoCorpus } from './demo-corpus.js';

/**
 * Issue 23: exports keep the thread. The demo corpus has answers (demo-c-019
 * answers demo-c-017, demo-c-030 answers demo-c-028, …); the JSON-LD target of
 * a note on an answer names what it answers (schema:parentItem), the .qdpx
 * links the answer's source to the answered one (and says so in its
 * description). Validity against the W3C and REFI schemas is checked by the
 * conformance and XSD tests, which export the same corpus.
 */
const demo = loadDemoCorpus();
const base = {
  projectName: 'threads',
  exportedAt: '2017-02-02T18:00:00.000Z',
  tags: demo.tags,
  language: 'en' as const,
};

describe('threads in exports', () => {
  it('JSON-LD: the target of a note on an answer names the contribution it answers', () => {
    const collection = toWebAnnotationCollection(demo.annotations, { ...base, contributions: demo.contributions });
    const items = collection.first.items;
    const onAnswer = items.filter((a) => a.target.source.includes(':demo-c-019:'));
    expect(onAnswer.length).toBeGreaterThan(0);
    for (const a of onAnswer) expect(a.target['schema:parentItem']).toBe('urn:seminar-desk:contribution:demo-c-017');
    const onRoot = items.filter((a) => a.target.source.includes(':demo-c-017:'));
    expect(onRoot.every((a) => a.target['schema:parentItem'] === undefined)).toBe(true);
    // Still reads back as our own export.
    expect(parseWebAnnotationCollection(JSON.parse(JSON.stringify(collection))).ok).toBe(true);
  });

  it('.qdpx: a OneWay link from each answer source to the answered one, in the same language', () => {
    const xml = strFromU8(
      unzipSync(toQdpx(demo.annotations, { ...base, contributions: demo.contributions }))['project.qde']!,
    );
    const guidOf = (id: string, lang: string) => {
      const match = new RegExp(`<TextSource guid="([^"]+)" name="[^"]*${id} \\(${lang}[,)]`).exec(xml);
      return match?.[1];
    };
    const links = [
      ...xml.matchAll(
        /<Link guid="[^"]+" name="in answer to" direction="OneWay" originGUID="([^"]+)" targetGUID="([^"]+)"\/>/g,
      ),
    ];
    expect(links.length).toBe(5 * 10);
    const pairs = new Set(links.map((m) => `${m[1]}>${m[2]}`));
    for (const lang of ['en', 'ar', 'zh'])
      expect(pairs).toContain(`${guidOf('demo-c-019', lang)}>${guidOf('demo-c-017', lang)}`);
    expect(xml).toContain('In answer to contribution demo-c-017.');
  });
});
