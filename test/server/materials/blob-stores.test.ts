import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BlobStore } from '../../../server/materials/blob-store.js';
import { blobStoreFromEnv } from '../../../server/materials/blob-store-from-env.js';
import { openFileBlobStore } from '../../../server/materials/file-blob-store.js';
import { openS3BlobStore } from '../../../server/materials/s3-blob-store.js';
import { importLines } from '../../../server/import/import-jsonl.js';
import { startS3Server } from '../../support/s3-server.js';
import { startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../push-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const chunks = (bytes: Uint8Array) => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]);
const text = async (stream: AsyncIterable<Uint8Array>) => {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
};

let s3: Awaited<ReturnType<typeof startS3Server>>;
let folder: string;
beforeAll(async () => {
  s3 = await startS3Server();
  folder = await mkdtemp(join(tmpdir(), 'blobs-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
});

describe.each([
  ['folder', () => openFileBlobStore(folder)],
  ['s3', async () => openS3BlobStore(s3.options)],
] as const)('%s blob store', (_kind, open) => {
  let store: BlobStore;
  const bytes = randomBytes(50_000);
  const hash = sha256(bytes);
  beforeAll(async () => {
    store = await open();
  });

  it('keeps nothing whose hash is not the one announced, nor anything over the cap', async () => {
    await expect(store.put(chunks(bytes), { sha256: '1'.repeat(64), maxBytes: 1e9 })).rejects.toMatchObject({
      status: 400,
    });
    await expect(store.put(chunks(bytes), { sha256: hash, maxBytes: 49_999 })).rejects.toMatchObject({ status: 413 });
    expect(await store.stat(hash)).toBeNull();
    expect(await store.stat('1'.repeat(64))).toBeNull();
  });

  it('stores, sizes and reads back whole and by range', async () => {
    expect(await store.put(chunks(bytes), { sha256: hash, maxBytes: 1e9 })).toEqual({ size: bytes.length });
    expect(await store.stat(hash)).toEqual({ size: bytes.length });
    expect((await text(await store.read(hash))).equals(bytes)).toBe(true);
    expect((await text(await store.read(hash, { start: 100, end: 199 }))).equals(bytes.subarray(100, 200))).toBe(true);
    // The same bytes again: harmless.
    expect(await store.put(chunks(bytes), { sha256: hash, maxBytes: 1e9 })).toEqual({ size: bytes.length });
  });
});

it('leaves no temporary file behind a refused upload (folder)', async () => {
  const store = await openFileBlobStore(folder);
  await expect(store.put(chunks(randomBytes(10)), { sha256: '2'.repeat(64), maxBytes: 100 })).rejects.toThrow();
  expect(await readdir(join(folder, 'tmp'))).toEqual([]);
});

// s3rver checks the key id but not V4 signatures; the signature itself is checked against AWS's own example (s3-signature.test.ts).
it('the S3 store reports what the store refused, with its code', async () => {
  const store = openS3BlobStore({ ...s3.options, accessKeyId: 'UNKNOWN' });
  const bytes = randomBytes(100);
  await expect(store.put(chunks(bytes), { sha256: sha256(bytes), maxBytes: 1000 })).rejects.toThrow(
    /403 InvalidAccessKeyId/,
  );
});

it('chooses the store from the environment and names a missing variable', async () => {
  expect((await blobStoreFromEnv(folder, {})).kind).toBe('folder');
  const env = {
    MATERIALS_S3_BUCKET: s3.options.bucket,
    MATERIALS_S3_ENDPOINT: s3.options.endpoint,
    MATERIALS_S3_ACCESS_KEY_ID: 'S3RVER',
    MATERIALS_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  expect((await blobStoreFromEnv(folder, env)).kind).toBe('s3');
  await expect(blobStoreFromEnv(folder, { ...env, MATERIALS_S3_ENDPOINT: '' })).rejects.toThrow(
    'MATERIALS_S3_ENDPOINT',
  );
});

it('a server on the S3 store takes an upload and serves ranges of it', async () => {
  const server = await startTestServer('pglite', inject('pgUrl'), {
    translator: null,
    blobs: openS3BlobStore(s3.options),
  });
  try {
    await importLines(server.db, PUSH_CORPUS);
    const secretariat = await server.signIn({ id: 'sec', name: 'S', roles: ['secretariat'] });
    const video = randomBytes(70_000);
    const hash = sha256(video);
    const put = await fetch(`${server.url}/api/material-blobs/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: video,
    });
    expect(put.status).toBe(201);
    const material = {
      id: 'm-video',
      owner: { kind: 'question', id: 'q1' },
      title: { en: 'Presentation' },
      mediaType: 'video/webm',
      sha256: hash,
    };
    expect((await secretariat.post('/api/materials', material)).status).toBe(200);
    const part = await server.get('/api/materials/m-video/content', { range: 'bytes=69000-' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(69_000))).toBe(true);
  } finally {
    await server.close();
  }
});
