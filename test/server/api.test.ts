import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { healthSchema, pullPageSchema, type Change, type PullPage } from '../../shared/protocol/pull.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { startTestServer, type Backend } from '../support/server-harness.js';

const theme = { type: 'theme', id: 't1', track: 'legal', code: 'I', order: 1, title: { en: 'Theme' } };
const question = { type: 'question', id: 'q1', track: 'legal', theme: 'I', code: '1', order: 1, title: { en: 'Q' } };
const contribution = (id: string, text = `text of ${id}`, status = 'published') => ({
  type: 'contribution',
  id,
  questionId: 'q1',
  author: { name: 'A', kind: 'individual' },
  language: 'en',
  createdAt: '2017-01-01T00:00:00Z',
  status,
  text,
});
const translation = (id: string, language: string, text = `${language} ${id}`) => ({
  type: 'translation',
  contributionId: id,
  language,
  origin: 'machine',
  engine: 'mt',
  text,
});
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r));

describe.each<Backend>(['pglite', 'postgres'])('server on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
  });
  afterAll(() => server?.close());

  const pullAll = async (limit: number) => {
    const pages: PullPage[] = [];
    let since = 0;
    for (;;) {
      const res = await server.get(`/api/changes?since=${since}&limit=${limit}`);
      expect(res.status).toBe(200);
      const page = pullPageSchema.parse(await res.json());
      pages.push(page);
      since = page.checkpoint;
      if (!page.hasMore) return pages;
    }
  };

  it('answers health without a token', async () => {
    const res = await fetch(`${server.url}/api/health`);
    const body = await res.json();
    expect(body).toEqual({ ok: true, protocol: 2, version: '0.1.0', demo: false, storage: 'ok' });
    // The app's first-run screen parses this with the shared schema: a field it does not know refuses the server.
    expect(healthSchema.safeParse(body).success).toBe(true);
  });

  it('refuses missing, unknown and wrong-scheme tokens', async () => {
    for (const authorization of [undefined, 'Bearer abcdefghijklmnopqrstuvwxyz', `Basic ${server.token}`]) {
      const res = await fetch(`${server.url}/api/me`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    const me = await server.get('/api/me');
    expect((await me.json()).participant.name).toBe('Tester');
  });

  it('imports good lines, reports bad ones with numbers, and is idempotent', async () => {
    const records = lines([
      theme,
      question,
      contribution('c1'),
      contribution('c2'),
      translation('c1', 'fr'),
      translation('c1', 'en'),
      translation('nope', 'fr'),
      { ...contribution('c3'), questionId: 'nope' },
      { ...contribution('c4'), language: 'xx' },
    ]);
    records.push('{not json');
    const counts = await importLines(server.db, records);
    expect(counts).toMatchObject({ themes: 1, questions: 1, contributions: 2, translations: 1, unchanged: 0 });
    expect(counts.rejected.map((r) => r.line)).toEqual([6, 7, 8, 9, 10]);
    expect(counts.rejected[3]!.reason).toMatch(/unknown language/);
    const before = (await (await server.get('/api/changes?since=0')).json()) as PullPage;
    const again = await importLines(server.db, records);
    expect(again).toMatchObject({ themes: 0, questions: 0, contributions: 0, translations: 0, unchanged: 5 });
    const after = (await (await server.get('/api/changes?since=0')).json()) as PullPage;
    expect(after.head).toBe(before.head);
  });

  it('bumps the version on a changed original and keeps translations stale', async () => {
    await importLines(server.db, lines([contribution('c1', 'new text')]));
    const page = (await (await server.get('/api/changes?since=0&limit=1000')).json()) as PullPage;
    const c1 = page.changes.find((c) => c.kind === 'contribution' && c.record.id === 'c1') as Extract<
      Change,
      { kind: 'contribution' }
    >;
    expect(c1.record.version).toBe(2);
    expect(c1.record.versions.find((v) => v.language === 'fr')!.sourceVersion).toBe(1);
    expect(c1.record.versions.find((v) => v.language === 'en')!.text).toBe('new text');
  });

  it('pages with no gaps or duplicates from every checkpoint', async () => {
    const many = Array.from({ length: 30 }, (_, i) => contribution(`m${i}`));
    await importLines(server.db, lines([...many, contribution('m3', 'gone', 'withdrawn'), translation('m5', 'de')]));
    const whole = await pullAll(1000);
    expect(whole).toHaveLength(1);
    const paged = (await pullAll(7)).flatMap((p) => p.changes);
    expect(paged).toEqual(whole[0]!.changes);
    expect(paged.find((c) => c.kind === 'withdrawal')).toMatchObject({ id: 'm3' });
    for (const change of paged.slice(0, 10)) {
      const page = (await (await server.get(`/api/changes?since=${change.seq}&limit=1000`)).json()) as PullPage;
      expect(page.changes).toEqual(whole[0]!.changes.filter((c) => c.seq > change.seq));
      expect(page.remaining).toBe(0);
    }
  });

  it('stops a page at its size cap, whatever the page length asked', async () => {
    // Five contributions of 10 × 100,000 characters: 1 M each, so a 4 M page holds four.
    const big = (id: string, lang: string) => `${lang} ${id} `.repeat(20_000).slice(0, 100_000);
    const languages = ['de', 'ar', 'zh', 'ko', 'es', 'fr', 'it', 'pt', 'ru'];
    const records = ['big1', 'big2', 'big3', 'big4', 'big5'].flatMap((id) => [
      contribution(id, big(id, 'en')),
      ...languages.map((lang) => translation(id, lang, big(id, lang))),
    ]);
    const before = (await (await server.get('/api/changes?since=0&limit=1')).json()) as PullPage;
    expect((await importLines(server.db, lines(records))).rejected).toEqual([]);
    const first = pullPageSchema.parse(await (await server.get(`/api/changes?since=${before.head}&limit=1000`)).json());
    const bigOnes = (page: PullPage) =>
      page.changes.filter((c) => c.kind === 'contribution' && c.record.id.startsWith('big'));
    expect(bigOnes(first)).toHaveLength(4);
    expect(first.hasMore).toBe(true);
    const second = pullPageSchema.parse(
      await (await server.get(`/api/changes?since=${first.checkpoint}&limit=1000`)).json(),
    );
    expect(bigOnes(second)).toHaveLength(1);
    expect(second.hasMore).toBe(false);
  });

  it('rejects bad checkpoints', async () => {
    for (const q of ['since=abc', 'since=-1', 'since=1&limit=0', '']) {
      const res = await server.get(`/api/changes?${q}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid-checkpoint');
    }
    const ahead = await server.get('/api/changes?since=999999');
    expect(ahead.status).toBe(409);
    expect((await ahead.json()).error.code).toBe('checkpoint-ahead');
  });

  it('answers protocol mismatches, unknown routes, bad bodies', async () => {
    const mismatch = await server.get('/api/me', { 'x-protocol': '99' });
    expect(mismatch.status).toBe(409);
    expect((await mismatch.json()).error).toMatchObject({ code: 'protocol-mismatch', details: { server: 2 } });
    expect((await server.get('/api/nothing')).status).toBe(404);
    const post = (body: string) =>
      fetch(`${server.url}/api/demo/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const big = await post(JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload-too-large');
    const bad = await post('{oops');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('malformed-json');
    const noDemo = await post('{}');
    expect(noDemo.status).toBe(404);
  });

  it('compresses with gzip', async () => {
    const body = await new Promise<{ encoding?: string; data: Buffer }>((resolve, reject) => {
      const req = request(`${server.url}/api/changes?since=0`, {
        headers: { authorization: `Bearer ${server.token}`, 'accept-encoding': 'gzip' },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], data: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(body.data).toString()).protocol).toBe(2);
  });

  it('sends hello and a changes event after an import', async () => {
    const controller = new AbortController();
    const res = await server.get('/api/events');
    void controller;
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil('event: hello');
    await importLines(server.db, lines([contribution('sse1')]));
    await readUntil('event: changes');
    expect(text).toMatch(/event: changes\ndata: \{"head":\d+\}/);
    await reader.cancel();
  });
});

describe('demo mode', () => {
  it('hands out a demo session from loopback', async () => {
    const server = await startTestServer('pglite', inject('pgUrl'), { demo: true });
    try {
      const res = await fetch(`${server.url}/api/demo/session`, { method: 'POST' });
      expect(res.status).toBe(200);
      const session = await res.json();
      expect(session.participant.roles).toEqual(['expert', 'rapporteur', 'delegate']);
      const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${session.token}` } });
      expect(me.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
