import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_STUDY_ID, DEMO_VIDEO_ID, demoStudyPdf } from '../../../server/demo/demo-materials.js';
import { instantTranslator } from '../../support/instant-translator.js';
import { pullChanges, startTestServer } from '../../support/server-harness.js';

describe('demo materials', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // With a provider, as a secretariat would run it: the demo's own tracks must still be the ones served.
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: instantTranslator().translator,
      demo: true,
    });
  });
  afterAll(() => server?.close());

  it('generates a sample PDF at seed time, labelled as a sample in the ten languages, served like any material', async () => {
    const { changes } = await pullChanges(server);
    const study = changes.find((c) => c.kind === 'material' && c.record.id === DEMO_STUDY_ID);
    expect(study?.kind).toBe('material');
    if (study?.kind !== 'material') return;
    expect(Object.keys(study.record.title).sort()).toEqual([
      'ar',
      'de',
      'en',
      'es',
      'fr',
      'it',
      'ko',
      'pt',
      'ru',
      'zh',
    ]);
    expect(study.record.title.en).toContain('generated for the demo');
    const res = await server.get(`/api/materials/${DEMO_STUDY_ID}/content`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(study.record.sha256);
    // Deterministic: the next start finds the same file and changes nothing.
    expect(createHash('sha256').update(demoStudyPdf()).digest('hex')).toBe(study.record.sha256);
    const text = bytes.toString('latin1');
    expect(text).toContain('(Sample material - generated for the demo \\(page 1 of 4\\)) Tj');
    // A reader finds every object where the cross-reference table says it is.
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(4);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
  });

  it('adds a generated sample video with ten subtitle tracks, the English one the original, none left to the machine', async () => {
    const { changes } = await pullChanges(server);
    const video = changes.findLast((c) => c.kind === 'material' && c.record.id === DEMO_VIDEO_ID);
    if (video?.kind !== 'material') throw new Error('no demo video pulled');
    expect(video.record.mediaType).toBe('video/webm');
    expect(video.record.title.en).toContain('generated for the demo');
    const tracks = video.record.subtitles ?? [];
    expect(tracks.map((t) => t.language).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'ko', 'pt', 'ru', 'zh']);
    expect(tracks.find((t) => t.language === 'en')).toMatchObject({ origin: 'original', cues: { length: 3 } });
    expect(tracks.filter((t) => t.origin === 'human')).toHaveLength(9);
    // Every language has an uploaded track: no cue of it is left to send, and no machine track will replace one.
    expect(
      await server.db.query(
        `SELECT target_language FROM translation_jobs WHERE kind = 'subtitles' AND status <> 'superseded'`,
      ),
    ).toEqual([]);
    const bytes = Buffer.from(await (await server.get(`/api/materials/${DEMO_VIDEO_ID}/content`)).arrayBuffer());
    // The WebM (EBML) signature, and the hash the material announces.
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(video.record.sha256);
  });
});
