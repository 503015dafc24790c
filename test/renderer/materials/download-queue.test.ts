import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../../shared/bridge.js';
import type { MaterialId } from '../../../shared/model/material.js';
import { openSeminarDb, type SeminarDb } from '../../../renderer/db/database.js';
import { createApiClient } from '../../../renderer/sync/api-client.js';
import { pullAll } from '../../../renderer/sync/pull-engine.js';
import { memoryFiles } from './memory-files.js';
import {
  setBudget,
  setKeepOffline,
  startMaterialDownloads,
  type MaterialDownloads,
} from '../../../renderer/materials/download-queue.js';
import { importLines } from '../../../server/import/import-jsonl.js';
import { startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../../server/push-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** fetch whose answers for material files break after a random number of bytes (a cut connection). */
function cuttingFetch(random: () => number, stats: { bytes: number; requests: number }, corrupt = false) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/content') || !response.body) return response;
    stats.requests += 1;
    let budget = Math.floor(random() * 2.5 * MATERIAL_CHUNK_BYTES);
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const bytes = corrupt ? value.map((b, i) => (i === 7 ? b ^ 1 : b)) : value;
        if (bytes.length > budget) {
          controller.enqueue(bytes.subarray(0, budget));
          stats.bytes += budget;
          await reader.cancel();
          controller.error(new TypeError('network error: connection reset'));
          return;
        }
        budget -= bytes.length;
        stats.bytes += bytes.length;
        controller.enqueue(bytes);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let expert: Awaited<ReturnType<typeof server.signIn>>;
const video = randomBytes(Math.round(3.4 * MATERIAL_CHUNK_BYTES));
const pdf = randomBytes(200_000);
let n = 0;

async function addMaterial(
  secretariat: Awaited<ReturnType<typeof server.signIn>>,
  id: string,
  bytes: Buffer,
  mediaType: string,
) {
  const put = await fetch(`${server.url}/api/material-blobs/${sha256(bytes)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBeLessThan(300);
  const res = await secretariat.post('/api/materials', {
    id,
    owner: { kind: 'question', id: 'q1' },
    title: { en: id },
    mediaType,
    sha256: sha256(bytes),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
  await importLines(server.db, PUSH_CORPUS);
  const secretariat = await server.signIn({ id: 'sec', name: 'S', roles: ['secretariat'] });
  expert = await server.signIn({ id: 'exp', name: 'E', roles: ['expert'] });
  await addMaterial(secretariat, 'm-video', video, 'video/webm');
  await addMaterial(secretariat, 'm-pdf', pdf, 'application/pdf');
});
afterAll(() => server?.close());

async function device() {
  const db = openSeminarDb(`materials-${Date.now()}-${++n}`);
  return db;
}
const pull = (db: SeminarDb) => pullAll({ db, client: createApiClient({ baseUrl: server.url, token: expert.token }) });

describe('background download of materials', () => {
  it('waits for the corpus: nothing is fetched before the first pull has caught up', async () => {
    const db = await device();
    const stats = { bytes: 0, requests: 0 };
    const { files } = memoryFiles();
    const queue = startMaterialDownloads({
      db,
      files,
      baseUrl: server.url,
      token: expert.token,
      fetch: cuttingFetch(() => 1, stats),
    });
    queue.wake();
    await queue.idle();
    expect(stats.requests).toBe(0);
    expect(await db.materialFiles.count()).toBe(0);
    await pull(db);
    expect((await db.materials.toArray()).map((m) => m.id).sort()).toEqual(['m-pdf', 'm-video']);
    queue.wake();
    await queue.idle();
    expect(await db.materialFiles.get('m-pdf' as MaterialId)).toMatchObject({ status: 'done', received: pdf.length });
    await queue.stop();
  });

  it('resumes after downloads cut at random points and app restarts; the bytes hash to the material', async () => {
    for (const seed of [1, 2, 3]) {
      const db = await device();
      await pull(db);
      const store = memoryFiles();
      let state = seed;
      const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
      const stats = { bytes: 0, requests: 0 };
      let restarts = 0;
      let queue: MaterialDownloads | null = null;
      for (;;) {
        // Each turn is a fresh app start: a new queue over the same database and files.
        queue = startMaterialDownloads({
          db,
          files: store.files,
          baseUrl: server.url,
          token: expert.token,
          fetch: cuttingFetch(random, stats),
          retryMs: 0,
        });
        queue.wake();
        await queue.idle();
        await queue.stop();
        const rows = await db.materialFiles.toArray();
        if (rows.every((r) => r.status === 'done')) break;
        expect(rows.map((r) => r.status).every((s) => s === 'done' || s === 'waiting')).toBe(true);
        restarts += 1;
        expect(restarts).toBeLessThan(60);
      }
      expect(sha256(store.whole(sha256(video)))).toBe(sha256(video));
      expect(sha256(store.whole(sha256(pdf)))).toBe(sha256(pdf));
      // Resuming costs at most the chunk under way at each cut.
      expect(stats.bytes).toBeLessThanOrEqual(video.length + pdf.length + stats.requests * MATERIAL_CHUNK_BYTES);
      expect(restarts).toBeGreaterThan(0);
    }
  });

  it('finds bytes that are not the file, removes them and says why', async () => {
    const db = await device();
    await pull(db);
    const store = memoryFiles();
    const queue = startMaterialDownloads({
      db,
      files: store.files,
      baseUrl: server.url,
      token: expert.token,
      fetch: cuttingFetch(() => 0.99999, { bytes: 0, requests: 0 }, true),
      retryMs: 0,
    });
    queue.wake();
    await queue.idle();
    expect(await db.materialFiles.get('m-pdf' as MaterialId)).toMatchObject({
      status: 'failed',
      error: 'hash-mismatch',
      received: 0,
    });
    expect(store.whole(sha256(pdf)).length).toBe(0);
    await queue.stop();
  });

  it('reports a full disk on the row and stops, without failing; freed space lets it go on', async () => {
    const db = await device();
    await pull(db);
    let full = true;
    const store = memoryFiles({ full: () => full });
    const queue = startMaterialDownloads({ db, files: store.files, baseUrl: server.url, token: expert.token });
    queue.wake();
    await queue.idle();
    expect(await db.materialFiles.get('m-pdf' as MaterialId)).toMatchObject({ status: 'full', error: 'disk-full' });
    full = false;
    queue.wake();
    await queue.idle();
    expect((await db.materialFiles.toArray()).map((r) => r.status)).toEqual(['done', 'done']);
    await queue.stop();
  });

  it('keeps within the budget and frees what the user no longer keeps offline', async () => {
    const db = await device();
    await pull(db);
    const store = memoryFiles();
    await setBudget(db, MATERIAL_CHUNK_BYTES);
    const queue = startMaterialDownloads({ db, files: store.files, baseUrl: server.url, token: expert.token });
    queue.wake();
    await queue.idle();
    expect(await db.materialFiles.get('m-video' as MaterialId)).toMatchObject({ status: 'over-budget', received: 0 });
    expect(await db.materialFiles.get('m-pdf' as MaterialId)).toMatchObject({ status: 'done' });
    await setKeepOffline(db, 'm-pdf' as MaterialId, false);
    queue.wake();
    await queue.idle();
    expect(await db.materialFiles.get('m-pdf' as MaterialId)).toMatchObject({ status: 'paused', received: 0 });
    expect(store.chunks.size).toBe(0);
    await queue.stop();
  });
});
