import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request } from 'node:http';
import { currentHead } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { buildPullPage } from '../../server/pull/changes.js';
import { chooseCompression, decompressBody, PageBuildGate, type PullEncoding } from '../../server/pull/pull-answer.js';
import type { ParticipantId } from '../../shared/model/entities.js';
import type { PullPage } from '../../shared/protocol/pull.js';
import { pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';
import { expectFreshOrItsBeginning } from './fresh-page.js';

describe('chooseCompression', () => {
  it('takes the server’s first preference the client accepts', () => {
    expect(chooseCompression('gzip, deflate, br, zstd')?.encoding).toBe('zstd');
    expect(chooseCompression('gzip, br')?.encoding).toBe('br');
    expect(chooseCompression('gzip')?.encoding).toBe('gzip');
    expect(chooseCompression('GZIP;q=0.5')?.encoding).toBe('gzip');
  });

  it('sends plain JSON when nothing it offers is accepted', () => {
    expect(chooseCompression(undefined)).toBeUndefined();
    expect(chooseCompression('identity')).toBeUndefined();
    expect(chooseCompression('deflate')).toBeUndefined();
    expect(chooseCompression('zstd;q=0, br;q=0, gzip;q=0')).toBeUndefined();
  });

  it('reads a wildcard as accepting what is not refused by name', () => {
    expect(chooseCompression('*')?.encoding).toBe('zstd');
    expect(chooseCompression('zstd;q=0, *')?.encoding).toBe('br');
    expect(chooseCompression('*;q=0')).toBeUndefined();
  });
});

describe('PageBuildGate', () => {
  it('never runs more than its maximum at once, and starts the waiting in arrival order', async () => {
    const gate = new PageBuildGate(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const builds = Array.from({ length: 20 }, (_, i) =>
      gate.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)));
        running--;
        return i;
      }),
    );
    expect(await Promise.all(builds)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(gate.active).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('gives the slot of a failed build to the next one', async () => {
    const gate = new PageBuildGate(1);
    const failed = gate.run(async () => {
      throw new Error('boom');
    });
    const next = gate.run(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(gate.active).toBe(0);
  });
});

/** GET with a given Accept-Encoding, the body as it came over the wire (undecoded). */
function rawGet(url: string, token: string, acceptEncoding?: string) {
  return new Promise<{ status: number; encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers['content-encoding'],
          vary: res.headers.vary as string | undefined,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const CORPUS = [
  ...PUSH_CORPUS,
  ...Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      type: 'contribution',
      id: `x${i}`,
      questionId: 'q1',
      author: { name: 'B', kind: 'individual' },
      language: 'fr',
      createdAt: '2018-01-01T00:00:00Z',
      status: i % 7 === 3 ? 'withdrawn' : 'published',
      text: `Texte ${i} `.repeat(50 + i),
    }),
  ),
];

describe.each<Backend>(['pglite', 'postgres'])('pull answers on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { pull: { builds: 2 } });
    await importLines(server.db, CORPUS);
    // Another participant's private note: the tester's pages carry it hidden.
    const other = await server.signIn({ id: 'other', name: 'Other' });
    await pushMutations(other, [annotationPut({ note: 'private to other' })]);
  });
  afterAll(() => server?.close());

  const encodings: (PullEncoding | 'identity')[] = ['zstd', 'br', 'gzip', 'identity'];

  it.each(encodings)(
    'sends, as %s, the very bytes of the page built fresh, or of its beginning from the corpus cache',
    async (accept) => {
      const head = await currentHead(server.db, 'tester');
      let since = 0;
      let pages = 0;
      for (;;) {
        const res = await rawGet(`${server.url}/api/changes?since=${since}&limit=7`, server.token, accept);
        expect(res.status).toBe(200);
        expect(res.vary).toContain('accept-encoding');
        const json = accept === 'identity' ? res.body : decompressBody(res.body, accept);
        expect(res.encoding).toBe(accept === 'identity' ? undefined : accept);
        const page = JSON.parse(json.toString()) as PullPage;
        const fresh = await buildPullPage(server.db, {
          since,
          limit: 7,
          head,
          epoch: page.epoch,
          participantId: 'tester' as ParticipantId,
        });
        await expectFreshOrItsBeginning(server.db, json.toString(), fresh, { participantId: 'tester', leftEvents: [] });
        pages++;
        since = page.checkpoint;
        if (!page.hasMore) break;
      }
      expect(pages).toBeGreaterThan(3);
    },
  );

  it('answers many pulls at once, each its own page, through a gate of two', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rawGet(`${server.url}/api/changes?since=${i}&limit=5`, server.token, 'gzip'),
      ),
    );
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect((JSON.parse(decompressBody(res.body, 'gzip').toString()) as PullPage).since).toBe(i);
    });
  });

  it('still refuses a checkpoint ahead of the server, from inside the gate', async () => {
    const res = await rawGet(`${server.url}/api/changes?since=999999`, server.token, 'gzip');
    expect(res.status).toBe(409);
  });
});
