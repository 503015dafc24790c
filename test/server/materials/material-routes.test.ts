import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../../server/import/import-jsonl.js';
import { addMemberTx, upsertEventTx } from '../../../server/events/event-store.js';
import { pullChanges, startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../push-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(['pglite', 'postgres'] as const)('materials over HTTP (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  let expert: Awaited<ReturnType<typeof server.signIn>>;
  const file = randomBytes(300_000);
  const hash = sha256(file);

  const putBlob = (hashInUrl: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/material-blobs/${hashInUrl}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${secretariat.token}`,
        'content-type': 'application/octet-stream',
        ...headers,
      },
      body,
      duplex: 'half',
    } as RequestInit);

  const content = (id: string, headers: Record<string, string> = {}, who = expert) =>
    fetch(`${server.url}/api/materials/${id}/content`, {
      headers: { authorization: `Bearer ${who.token}`, 'accept-encoding': 'gzip', ...headers },
    });

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null, materialMaxBytes: 400_000 });
    await importLines(server.db, PUSH_CORPUS);
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    expert = await server.signIn({ id: 'exp', name: 'Expert', roles: ['expert'] });
  });
  afterAll(() => server?.close());

  it('stores a file only under the hash of its bytes, at most the size cap', async () => {
    const wrong = await putBlob('0'.repeat(64), file);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details.actual).toBe(hash);
    // Nothing was kept under either name.
    const early = await secretariat.post('/api/materials', {
      id: 'm-early',
      owner: { kind: 'question', id: 'q1' },
      title: { en: 'x' },
      mediaType: 'application/pdf',
      sha256: hash,
    });
    expect(early.status).toBe(400);
    const big = randomBytes(400_001);
    expect((await putBlob(sha256(big), big)).status).toBe(413);
    // Without a length announced, the cap is counted as the bytes arrive.
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(big.subarray(i * 80_001, (i + 1) * 80_001));
        controller.close();
      },
    });
    expect((await putBlob(sha256(big), streamed)).status).toBe(413);
    expect((await putBlob(hash, file, { 'content-encoding': 'gzip' })).status).toBe(415);

    const stored = await putBlob(hash, file);
    expect(stored.status).toBe(201);
    expect(await stored.json()).toEqual({ sha256: hash, size: file.length });
    expect((await putBlob(hash, file)).status).toBe(200);
  });

  it('refuses uploads and descriptions from anyone but the secretariat', async () => {
    const res = await fetch(`${server.url}/api/material-blobs/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${expert.token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(res.status).toBe(403);
    const post = await expert.post('/api/materials', {});
    expect(post.status).toBe(403);
  });

  it('describes a material, pulled by every participant, with clear errors for bad input', async () => {
    const base = {
      id: 'm-study',
      owner: { kind: 'question', id: 'q1' },
      title: { en: 'Preparatory study', fr: 'Étude préparatoire' },
      description: { en: 'The legal analysis' },
      mediaType: 'application/pdf',
      sha256: hash,
    };
    expect(
      (await secretariat.post('/api/materials', { ...base, owner: { kind: 'question', id: 'nope' } })).status,
    ).toBe(404);
    const noTitle = await secretariat.post('/api/materials', { ...base, title: { en: ' ' } });
    expect(noTitle.status).toBe(400);
    expect((await secretariat.post('/api/materials', { ...base, mediaType: 'text/html' })).status).toBe(400);
    expect((await secretariat.post('/api/materials', { ...base, title: { xx: 'a' } })).status).toBe(400);
    const created = await secretariat.post('/api/materials', base);
    expect(created.status).toBe(200);
    const { material } = await created.json();
    expect(material).toMatchObject({ id: 'm-study', size: file.length, sha256: hash, version: 1, deleted: false });
    // Sent again: the same version, no new change.
    expect((await (await secretariat.post('/api/materials', base)).json()).material.version).toBe(1);

    const { changes } = await pullChanges(expert);
    const pulled = changes.filter((c) => c.kind === 'material');
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toMatchObject({ kind: 'material', record: { id: 'm-study', title: base.title } });
  });

  it('serves the file whole, in ranges, with its hash as ETag, uncompressed', async () => {
    const whole = await content('m-study');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(`"${hash}"`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('content-encoding')).toBeNull();
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(hash);

    const part = await content('m-study', { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${file.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(file.subarray(1000, 2000))).toBe(true);

    const tail = await content('m-study', { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(file.subarray(file.length - 10))).toBe(true);

    const past = await content('m-study', { range: `bytes=${file.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${file.length}`);

    expect((await content('m-study', { 'if-none-match': `"${hash}"` })).status).toBe(304);
    const stale = await content('m-study', { range: 'bytes=10-', 'if-range': '"another-file"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(file.length);
    expect((await content('m-study', { range: 'bytes=10-', 'if-range': `"${hash}"` })).status).toBe(206);

    const head = await fetch(`${server.url}/api/materials/m-study/content`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${expert.token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(file.length));
    expect((await content('m-none')).status).toBe(404);
    expect((await fetch(`${server.url}/api/materials/m-study/content`)).status).toBe(401);
  });

  it('resumes a download cut at random points, and the bytes hash to the material', async () => {
    // Each attempt reads a random number of bytes, then drops the connection; the next asks for the rest.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const received: Uint8Array[] = [];
    let have = 0;
    let attempts = 0;
    while (have < file.length) {
      attempts += 1;
      const controller = new AbortController();
      const res = await fetch(`${server.url}/api/materials/m-study/content`, {
        headers: {
          authorization: `Bearer ${expert.token}`,
          ...(have ? { range: `bytes=${have}-`, 'if-range': `"${hash}"` } : {}),
        },
        signal: controller.signal,
      });
      expect(res.status).toBe(have ? 206 : 200);
      const budget = attempts > 8 ? Infinity : Math.floor(random() * 80_000);
      const reader = res.body!.getReader();
      let taken = 0;
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done || !value) break;
        const keep = value.subarray(0, Math.max(0, Math.min(value.length, budget - taken)));
        received.push(keep);
        taken += keep.length;
        have += keep.length;
        if (taken >= budget) {
          controller.abort();
          break;
        }
      }
    }
    expect(attempts).toBeGreaterThan(2);
    expect(sha256(Buffer.concat(received))).toBe(hash);
  });

  it("keeps an event's material to that event's members: nothing of it reaches others, not even its id", async () => {
    await server.db.transaction(async (tx) => {
      await upsertEventTx(tx, {
        id: 'seminar-2017-02',
        kind: 'closed-seminar',
        title: { en: 'Closed seminar' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
      });
      await addMemberTx(tx, 'seminar-2017-02', 'sec', ['secretariat']);
    });
    const other = randomBytes(1000);
    expect((await putBlob(sha256(other), other)).status).toBe(201);
    const created = await secretariat.post('/api/materials', {
      id: 'm-closed',
      owner: { kind: 'event', id: 'seminar-2017-02' },
      title: { en: 'Closed seminar briefing' },
      mediaType: 'video/webm',
      sha256: sha256(other),
    });
    expect(created.status).toBe(200);
    const seen = await pullChanges(expert);
    expect(seen.changes.filter((c) => c.kind.startsWith('material')).map((c) => c.kind)).toEqual(['material']);
    expect(JSON.stringify(seen)).not.toContain('m-closed');
    expect(JSON.stringify(seen)).not.toContain('Closed seminar briefing');
    expect((await content('m-closed')).status).toBe(404);
    expect((await content('m-closed', {}, secretariat)).status).toBe(200);
    const bySecretariat = (await pullChanges(secretariat)).changes.filter((c) => c.kind === 'material');
    expect(bySecretariat).toHaveLength(2);
  });

  it('takes a removed material off every device', async () => {
    const res = await fetch(`${server.url}/api/materials/m-closed`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${secretariat.token}` },
    });
    expect(res.status).toBe(200);
    const { changes } = await pullChanges(secretariat);
    const last = changes.filter((c) => c.kind === 'material').at(-1);
    expect(last).toMatchObject({ record: { id: 'm-closed', deleted: true } });
    expect((await content('m-closed', {}, secretariat)).status).toBe(404);
  });
});

describe('subtitles of a video material', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  let expert: Awaited<ReturnType<typeof server.signIn>>;
  const video = randomBytes(1000);

  const putVtt = (who: typeof secretariat, path: string, body: string) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/vtt' },
      body,
    });

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    expert = await server.signIn({ id: 'exp', name: 'Expert', roles: ['expert'] });
    await fetch(`${server.url}/api/material-blobs/${sha256(video)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: video,
    });
    for (const [id, mediaType] of [
      ['m-video', 'video/webm'],
      ['m-pdf', 'application/pdf'],
    ])
      await secretariat.post('/api/materials', {
        id,
        owner: { kind: 'question', id: 'q1' },
        title: { en: id },
        mediaType,
        sha256: sha256(video),
      });
  });
  afterAll(() => server?.close());

  it('stores a WebVTT track per language and carries it with the material to every device', async () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v A>Due diligence.\n';
    const res = await putVtt(secretariat, '/api/materials/m-video/subtitles/en', vtt);
    expect(res.status).toBe(200);
    const human = await putVtt(
      secretariat,
      '/api/materials/m-video/subtitles/fr?origin=human',
      vtt.replace('Due diligence', 'Diligence'),
    );
    expect((await human.json()).material).toMatchObject({ version: 3 });
    const { changes } = await pullChanges(expert);
    const last = changes.filter((c) => c.kind === 'material' && c.record.id === 'm-video').at(-1);
    expect(last).toMatchObject({
      record: {
        subtitles: [
          { language: 'en', origin: 'original', engine: null, cues: [{ start: 0, end: 2, text: 'Due diligence.' }] },
          { language: 'fr', origin: 'human', cues: [{ text: 'Diligence.' }] },
        ],
      },
    });
    // The same track again changes nothing.
    expect(
      (await (await putVtt(secretariat, '/api/materials/m-video/subtitles/en', vtt)).json()).material.version,
    ).toBe(3);
  });

  it('refuses a bad file with its line, another type, an unknown language, and anyone but the secretariat', async () => {
    const bad = await putVtt(
      secretariat,
      '/api/materials/m-video/subtitles/en',
      'WEBVTT\n\n00:05.000 --> 00:01.000\nx',
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('line 3');
    expect((await putVtt(secretariat, '/api/materials/m-pdf/subtitles/en', 'WEBVTT\n')).status).toBe(400);
    expect((await putVtt(secretariat, '/api/materials/m-none/subtitles/en', 'WEBVTT\n')).status).toBe(404);
    expect((await putVtt(secretariat, '/api/materials/m-video/subtitles/xx', 'WEBVTT\n')).status).toBe(400);
    expect((await putVtt(secretariat, '/api/materials/m-video/subtitles/en?origin=machine', 'WEBVTT\n')).status).toBe(
      400,
    );
    expect((await putVtt(expert, '/api/materials/m-video/subtitles/en', 'WEBVTT\n')).status).toBe(403);
  });
});
