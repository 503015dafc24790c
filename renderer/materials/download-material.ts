import { sha256 as sha256Hash } from '@noble/hashes/sha2';
import { MATERIAL_CHUNK_BYTES, type SeminarBridge } from '../../shared/bridge.js';

export type MaterialFiles = Pick<
  SeminarBridge,
  'materialChunkCount' | 'materialChunkPut' | 'materialChunkRead' | 'materialRemove'
>;

/** A download that cannot go on as asked; `code` is what the storage view shows. */
export class DownloadError extends Error {
  constructor(
    readonly code: 'hash-mismatch' | 'file-changed' | 'short-answer' | `http-${number}`,
    message: string,
  ) {
    super(message);
  }
}

export interface DownloadTarget {
  id: string;
  sha256: string;
  size: number;
}

const chunkCount = (size: number) => Math.ceil(size / MATERIAL_CHUNK_BYTES);

/**
 * Fetches what is missing of one material's file, from the first chunk not
 * stored: a Range request with If-Range (the hash as ETag), so bytes of
 * another file are never appended to these. Each whole chunk is stored as it
 * arrives and reported with `onProgress` (the caller saves it), so a cut
 * connection or a closed app loses at most the chunk under way. Once every
 * chunk is there, the file is hashed chunk by chunk; a wrong hash removes it
 * (DownloadError hash-mismatch) rather than keep bytes that are not the file.
 */
export async function downloadMaterial(options: {
  target: DownloadTarget;
  files: MaterialFiles;
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (received: number) => unknown;
}): Promise<void> {
  const { target, files, signal } = options;
  const doFetch = options.fetch ?? fetch;
  const total = chunkCount(target.size);
  let index = await files.materialChunkCount(target.sha256);
  const received = () => Math.min(index * MATERIAL_CHUNK_BYTES, target.size);
  await options.onProgress?.(received());
  while (index < total) {
    const first = index;
    const offset = index * MATERIAL_CHUNK_BYTES;
    const etag = `"${target.sha256}"`;
    const response = await doFetch(`${options.baseUrl}/api/materials/${encodeURIComponent(target.id)}/content`, {
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(offset > 0 ? { range: `bytes=${offset}-`, 'if-range': etag } : {}),
      },
      signal,
    });
    if (response.status !== 200 && response.status !== 206)
      throw new DownloadError(`http-${response.status}`, `the server answered ${response.status}`);
    if (response.headers.get('etag') !== etag)
      throw new DownloadError('file-changed', 'the server holds another file for this material');
    // 200 to a range request: the server sent the whole file; the bytes already stored are skipped.
    let skip = response.status === 200 ? offset : 0;
    const reader = response.body!.getReader();
    // The bytes of the chunk under way, as they came: joined once per chunk, not at every read.
    let parts: Uint8Array[] = [];
    let buffered = 0;
    const flush = async (chunk: Uint8Array) => {
      await files.materialChunkPut(target.sha256, index, chunk);
      index += 1;
      await options.onProgress?.(received());
    };
    const take = (length: number) => {
      const chunk = new Uint8Array(length);
      let at = 0;
      while (at < length) {
        const part = parts[0]!;
        const used = Math.min(part.length, length - at);
        chunk.set(part.subarray(0, used), at);
        at += used;
        if (used === part.length) parts.shift();
        else parts[0] = part.subarray(used);
      }
      buffered -= length;
      return chunk;
    };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let bytes = value;
      if (skip > 0) {
        const dropped = Math.min(skip, bytes.length);
        bytes = bytes.subarray(dropped);
        skip -= dropped;
      }
      if (!bytes.length) continue;
      parts.push(bytes);
      buffered += bytes.length;
      while (buffered >= MATERIAL_CHUNK_BYTES) await flush(take(MATERIAL_CHUNK_BYTES));
    }
    const pending = buffered ? take(buffered) : new Uint8Array(0);
    parts = [];
    // The last chunk is the only short one; an answer that ended early is asked again from the next missing chunk.
    if (pending.length && index === total - 1 && offsetOf(index) + pending.length === target.size) await flush(pending);
    if (index === first) throw new DownloadError('short-answer', 'the server ended the answer before a whole chunk');
  }
  const hash = sha256Hash.create();
  for (let i = 0; i < total; i += 1) hash.update(await files.materialChunkRead(target.sha256, i));
  const actual = [...hash.digest()].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (actual !== target.sha256) {
    await files.materialRemove(target.sha256);
    await options.onProgress?.(0);
    throw new DownloadError('hash-mismatch', `the bytes received hash to ${actual}, not ${target.sha256}`);
  }
}

const offsetOf = (index: number) => index * MATERIAL_CHUNK_BYTES;

/** The whole file for a viewer, read from its stored chunks. */
export async function readMaterialFile(
  files: MaterialFiles,
  target: Pick<DownloadTarget, 'sha256' | 'size'>,
  type: string,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < chunkCount(target.size); i += 1)
    parts.push((await files.materialChunkRead(target.sha256, i)) as Uint8Array<ArrayBuffer>);
  return new Blob(parts, { type });
}
