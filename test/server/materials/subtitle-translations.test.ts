import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import type { Material } from '../../../shared/model/material.js';
import { importLines } from '../../../server/import/import-jsonl.js';
import { instantTranslator } from '../../support/instant-translator.js';
import { pullChanges, startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../push-fixtures.js';

/**
 * A video's missing subtitle languages through the translation queue: the
 * original's cue texts are sent (each distinct text once per language), the
 * timings kept, the tracks stored as machine ones and pulled with the
 * material; an uploaded track is never replaced by the machine, and replaces
 * a machine one.
 */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ORIGINAL = [
  'WEBVTT',
  '',
  '00:00.000 --> 00:02.000',
  'Due diligence.',
  '',
  '00:02.500 --> 00:04.000',
  '<v Chair>Attribution comes later.',
  '',
  '00:05.000 --> 00:06.000',
  'Due diligence.',
  '',
].join('\n');

describe.each(['pglite', 'postgres'] as const)('subtitles translated by the queue (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  let expert: Awaited<ReturnType<typeof server.signIn>>;
  const fake = instantTranslator();
  const video = randomBytes(1000);

  const putVtt = (path: string, body: string) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'text/vtt' },
      body,
    });
  /** The material as the expert's device last pulled it. */
  const pulled = async (id: string): Promise<Material> => {
    const { changes } = await pullChanges(expert);
    const last = changes.filter((c) => c.kind === 'material' && c.record.id === id).at(-1);
    if (last?.kind !== 'material') throw new Error(`no material ${id} pulled`);
    return last.record;
  };
  const tracksOf = (m: Material) => Object.fromEntries((m.subtitles ?? []).map((t) => [t.language, t]));
  const addVideo = (id: string) =>
    secretariat.post('/api/materials', {
      id,
      owner: { kind: 'question', id: 'q1' },
      title: { en: id },
      mediaType: 'video/webm',
      sha256: sha256(video),
    });

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), {
      translator: fake.translator,
      translationQueue: { pollMs: 20 },
    });
    await importLines(server.db, PUSH_CORPUS);
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    expert = await server.signIn({ id: 'exp', name: 'Expert', roles: ['expert'] });
    await fetch(`${server.url}/api/material-blobs/${sha256(video)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: video,
    });
  });
  afterAll(() => server?.close());

  it('makes the nine missing tracks from the original: cue texts translated once, timings kept, marked machine', async () => {
    await addVideo('v1');
    expect((await putVtt('/api/materials/v1/subtitles/en', ORIGINAL)).status).toBe(200);
    const material = await until(
      () => pulled('v1'),
      (m) => (m.subtitles ?? []).length === 10,
    );
    const tracks = tracksOf(material);
    expect(tracks.en).toMatchObject({ origin: 'original', engine: null });
    for (const lang of LANGUAGES.filter((l) => l !== 'en'))
      expect(tracks[lang]).toEqual({
        language: lang,
        origin: 'machine',
        engine: 'fake',
        cues: [
          { start: 0, end: 2, text: `[${lang}] Due diligence.` },
          { start: 2.5, end: 4, text: `[${lang}] Attribution comes later.` },
          { start: 5, end: 6, text: `[${lang}] Due diligence.` },
        ],
      });
    // Each distinct text once per language (the repeated cue is not sent twice), and nothing into English.
    expect(fake.calls).toHaveLength(2 * 9);
    expect(fake.calls.filter((c) => c.target === 'en')).toEqual([]);
    // Counted as subtitles in the cost table.
    const [usage] = await server.db.query<{ chars: string | number }>(
      `SELECT sum(chars) AS chars FROM translation_usage WHERE kind = 'subtitles'`,
    );
    expect(Number(usage!.chars)).toBe(9 * ('Due diligence.'.length + 'Attribution comes later.'.length));
  });

  it('never replaces an uploaded track; an upload replaces a machine one; a new original sends only new cues', async () => {
    await addVideo('v2');
    // A human French track first: French is not sent, and stays human.
    expect(
      (await putVtt('/api/materials/v2/subtitles/fr?origin=human', ORIGINAL.replace(/Due/g, 'Diligence'))).status,
    ).toBe(200);
    const before = fake.calls.length;
    await putVtt('/api/materials/v2/subtitles/en', ORIGINAL);
    // Every cue was translated for v1 already: the tracks are made at once, nothing is sent.
    const now = await pulled('v2');
    expect(fake.calls.length).toBe(before);
    expect(tracksOf(now).fr).toMatchObject({ origin: 'human', cues: [{ text: 'Diligence diligence.' }, {}, {}] });
    expect(Object.values(tracksOf(now)).filter((t) => t.origin === 'machine')).toHaveLength(8);

    // A human German upload replaces the machine track.
    await putVtt('/api/materials/v2/subtitles/de?origin=human', 'WEBVTT\n\n00:00.000 --> 00:02.000\nSorgfalt.\n');
    expect(tracksOf(await pulled('v2')).de).toMatchObject({ origin: 'human', engine: null });

    // A corrected original: only its new cue is sent, into the seven languages without an uploaded track.
    await putVtt('/api/materials/v2/subtitles/en', ORIGINAL.replace('Attribution comes later.', 'Countermeasures.'));
    const done = await until(
      () => pulled('v2'),
      (m) =>
        (m.subtitles ?? []).filter((t) => t.origin === 'machine' && t.cues[1]?.text.endsWith('Countermeasures.'))
          .length === 7,
    );
    const sent = fake.calls.slice(before);
    expect(sent.map((c) => c.text)).toEqual(Array(7).fill('Countermeasures.'));
    expect(sent.map((c) => c.target).sort()).toEqual(['ar', 'es', 'it', 'ko', 'pt', 'ru', 'zh']);
    const tracks = tracksOf(done);
    expect(tracks.fr?.origin).toBe('human');
    expect(tracks.de?.origin).toBe('human');
    expect(tracks.zh?.cues.map((c) => c.text)).toEqual([
      '[zh] Due diligence.',
      '[zh] Countermeasures.',
      '[zh] Due diligence.',
    ]);
  });
});

describe('queued cues no video needs', () => {
  // No provider: the jobs stay queued, so what an upload does to them can be seen.
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  const video = randomBytes(500);
  const putVtt = (path: string, body: string) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'text/vtt' },
      body,
    });
  const jobs = async () =>
    Object.fromEntries(
      (
        await server.db.query<{ target_language: string; status: string }>(
          `SELECT target_language, status FROM translation_jobs WHERE kind = 'subtitles' ORDER BY target_language`,
        )
      ).map((r) => [r.target_language, r.status]),
    );

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    await fetch(`${server.url}/api/material-blobs/${sha256(video)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: video,
    });
    for (const id of ['va', 'vb'])
      await secretariat.post('/api/materials', {
        id,
        owner: { kind: 'question', id: 'q1' },
        title: { en: id },
        mediaType: 'video/webm',
        sha256: sha256(video),
      });
  });
  afterAll(() => server?.close());

  it('are not sent once every video holding them has an uploaded track, and are queued again for a video that lacks one', async () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n';
    await putVtt('/api/materials/va/subtitles/en', vtt);
    expect(Object.values(await jobs())).toEqual(Array(9).fill('queued'));
    await putVtt('/api/materials/va/subtitles/fr?origin=human', vtt.replace('Hello', 'Bonjour'));
    expect(await jobs()).toMatchObject({ fr: 'superseded', de: 'queued' });
    // Another video with the same cue and no French track: French is needed again.
    await putVtt('/api/materials/vb/subtitles/en', vtt);
    expect(await jobs()).toMatchObject({ fr: 'queued', de: 'queued' });
    // German uploaded for one of the two videos only: the other still needs it.
    await putVtt('/api/materials/va/subtitles/de?origin=human', vtt.replace('Hello', 'Hallo'));
    expect(await jobs()).toMatchObject({ de: 'queued' });
    await putVtt('/api/materials/vb/subtitles/de?origin=human', vtt.replace('Hello', 'Hallo'));
    expect(await jobs()).toMatchObject({ de: 'superseded', fr: 'queued', ru: 'queued' });
  });
});
