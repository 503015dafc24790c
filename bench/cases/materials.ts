import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMaterialFiles } from '../../electron/main/material-files.js';
import { downloadMaterial, type MaterialFiles } from '../../renderer/materials/download-material.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { openPglite } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { addMaterial } from '../../server/materials/add-material.js';
import { openFileBlobStore } from '../../server/materials/file-blob-store.js';
import { startServer } from '../../server/start.js';
import type { BenchCase, BenchContext, Sample } from '../registry.js';

/** Writes `megabytes` of pseudo-random bytes (incompressible, like a video) without holding them in memory. */
async function writeFile(path: string, megabytes: number): Promise<void> {
  const handle = await open(path, 'w');
  let block = createHash('sha256').update('seed').digest();
  const chunk = Buffer.alloc(1024 * 1024);
  for (let m = 0; m < megabytes; m++) {
    for (let i = 0; i < chunk.length; i += 32) {
      block = createHash('sha256').update(block).digest();
      block.copy(chunk, i);
    }
    await handle.write(chunk);
  }
  await handle.close();
}

const sizeOf = (ctx: Pick<BenchContext, 'options'>) => (ctx.options.quick ? 64 : 500);
/** The emulated link of the issue: 10 Mbit/s, 150 ms round trips. A smaller file: 500 MB would take 7 minutes a run. */
const LINK = { bytesPerSecond: 10e6 / 8, rttMs: 150 };
const linkSizeOf = (ctx: Pick<BenchContext, 'options'>) => (ctx.options.quick ? 4 : 16);

/**
 * fetch through the emulated link: each request waits a round trip before
 * its answer, and the body arrives no faster than the link's rate. `onBytes`
 * sees every piece of body as it arrives (a test cuts the link from there).
 */
function linkFetch(onBytes: (n: number) => void = () => {}): typeof fetch {
  return async (input, init) => {
    await new Promise((resolve) => setTimeout(resolve, LINK.rttMs));
    const response = await fetch(input, init);
    const reader = response.body!.getReader();
    const started = performance.now();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        sent += value.length;
        const due = started + (sent / LINK.bytesPerSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        controller.enqueue(value);
        onBytes(value.length);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

/**
 * Issue 21's download figures, on the loopback: a material of 500 MB (64 MB
 * with --quick) fetched by the app's downloader (renderer/materials) into the
 * desktop shell's chunk store (electron/main/material-files.ts, without the
 * IPC hop), hash check included; then the same file cut at half and resumed,
 * timing the resumption and counting the bytes fetched twice; then a smaller
 * file (16 MB, 4 MB with --quick) through an emulated 10 Mbit/s link with
 * 150 ms round trips, whole and cut past half then resumed.
 */
export function materialsCase(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const megabytes = sizeOf(ctx);
  const linkMegabytes = linkSizeOf(ctx);
  return {
    id: 'materials',
    backends: [],
    rows: [
      {
        id: 'materials.download',
        label: `Download a ${megabytes} MB material`,
        setting: 'loopback, 1 MiB chunks to disk, hash checked',
        unit: 's',
      },
      {
        id: 'materials.resume',
        label: `Resume it after a cut past half`,
        setting: 'Range from the last whole chunk, hash checked',
        unit: 's',
        note: (row) => `${Math.round((row.details.refetched ?? 0) / 1024)} KiB fetched twice`,
      },
      {
        id: 'materials.link-download',
        label: `Download a ${linkMegabytes} MB material on a 10 Mbit/s link`,
        setting: 'emulated: 10 Mbit/s, 150 ms RTT, 1 MiB chunks, hash checked',
        unit: 's',
        note: (row) => `${((row.megabytesPerSecond ?? 0) * 8).toFixed(1)} Mbit/s of the link's 10 used`,
      },
      {
        id: 'materials.link-resume',
        label: `Resume it on the link after a cut past half`,
        setting: 'Range from the last whole chunk',
        unit: 's',
        note: (row) => `${Math.round((row.details.refetched ?? 0) / 1024)} KiB fetched twice`,
      },
    ],
    async run() {
      const dir = await mkdtemp(join(tmpdir(), 'bench-materials-'));
      const db = await openPglite(undefined);
      const blobs = await openFileBlobStore(join(dir, 'server'));
      const server = await startServer({ port: 0, db, blobs, translator: null, logger: false });
      try {
        await importLines(db, [
          JSON.stringify({ type: 'theme', id: 't', track: 'legal', code: 'I', order: 1, title: { fr: 'T' } }),
          JSON.stringify({
            type: 'question',
            id: 'q',
            track: 'legal',
            theme: 'I',
            code: '1',
            order: 1,
            title: { fr: 'Q' },
          }),
        ]);
        const secretariat = await upsertParticipant(db, { id: 's', name: 'S', roles: ['secretariat'], language: 'en' });
        const file = join(dir, 'video.webm');
        await writeFile(file, megabytes);
        const added = await addMaterial(
          db,
          blobs,
          secretariat,
          { path: file },
          {
            id: 'big',
            owner: { kind: 'question', id: 'q' },
            title: { en: 'Big' },
            mediaType: 'video/webm',
          },
        );
        if (added.status !== 'applied') throw new Error('the bench material was not added');
        const target = added.record;
        const token = await issueToken(db, 's');
        const samples: Record<string, Sample> = {};

        const files: MaterialFiles = (() => {
          const store = createMaterialFiles(join(dir, 'device'));
          return {
            materialChunkCount: (sha) => store.count(sha),
            materialChunkPut: (sha, index, bytes) => store.put(sha, index, bytes),
            materialChunkRead: (sha, index) => store.read(sha, index),
            materialRemove: (sha) => store.remove(sha),
          };
        })();
        let t0 = performance.now();
        await downloadMaterial({ target, files, baseUrl: server.url, token });
        const whole = (performance.now() - t0) / 1000;
        samples['materials.download'] = { value: whole, bytes: target.size, seconds: whole };
        await files.materialRemove(target.sha256);

        // Cut at half: the connection drops once half of the bytes have come.
        const cut = new AbortController();
        let fetched = 0;
        const counting: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          const reader = response.body!.getReader();
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              const { done, value } = await reader.read();
              if (done) return controller.close();
              fetched += value.length;
              controller.enqueue(value);
              if (fetched >= target.size / 2 + 300_000 && !cut.signal.aborted) cut.abort();
            },
          });
          return new Response(body, { status: response.status, headers: response.headers });
        };
        await downloadMaterial({
          target,
          files,
          baseUrl: server.url,
          token,
          fetch: counting,
          signal: cut.signal,
        }).catch(() => undefined);
        const before = fetched;
        t0 = performance.now();
        await downloadMaterial({ target, files, baseUrl: server.url, token, fetch: counting });
        const resumed = (performance.now() - t0) / 1000;
        samples['materials.resume'] = {
          value: resumed,
          bytes: fetched - before,
          seconds: resumed,
          details: { refetched: fetched - target.size },
        };

        // The emulated link: a smaller file, whole, then cut past half and resumed.
        const small = join(dir, 'small.webm');
        await writeFile(small, linkMegabytes);
        const addedSmall = await addMaterial(
          db,
          blobs,
          secretariat,
          { path: small },
          {
            id: 'small',
            owner: { kind: 'question', id: 'q' },
            title: { en: 'Small' },
            mediaType: 'video/webm',
          },
        );
        if (addedSmall.status !== 'applied') throw new Error('the bench material was not added');
        const onLink = addedSmall.record;
        t0 = performance.now();
        await downloadMaterial({ target: onLink, files, baseUrl: server.url, token, fetch: linkFetch() });
        const linkWhole = (performance.now() - t0) / 1000;
        samples['materials.link-download'] = { value: linkWhole, bytes: onLink.size, seconds: linkWhole };
        await files.materialRemove(onLink.sha256);
        const linkCut = new AbortController();
        let linkFetched = 0;
        const counted = linkFetch((n) => {
          linkFetched += n;
          if (linkFetched >= onLink.size / 2 + 300_000 && !linkCut.signal.aborted) linkCut.abort();
        });
        await downloadMaterial({
          target: onLink,
          files,
          baseUrl: server.url,
          token,
          fetch: counted,
          signal: linkCut.signal,
        }).catch(() => undefined);
        const linkBefore = linkFetched;
        t0 = performance.now();
        await downloadMaterial({ target: onLink, files, baseUrl: server.url, token, fetch: counted });
        const linkResumed = (performance.now() - t0) / 1000;
        samples['materials.link-resume'] = {
          value: linkResumed,
          bytes: linkFetched - linkBefore,
          seconds: linkResumed,
          details: { refetched: linkFetched - onLink.size },
        };
        await files.materialRemove(onLink.sha256);
        return samples;
      } finally {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
