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

/**
 * Issue 21's download figures, on the loopback: a material of 500 MB (64 MB
 * with --quick) fetched by the app's downloader (renderer/materials) into the
 * desktop shell's chunk store (electron/main/material-files.ts, without the
 * IPC hop), hash check included; then the same file cut at half and resumed,
 * timing the resumption and counting the bytes fetched twice. Not measured:
 * the emulated 10 Mbit/s link of the issue.
 */
export function materialsCase(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const megabytes = sizeOf(ctx);
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
        return samples;
      } finally {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
