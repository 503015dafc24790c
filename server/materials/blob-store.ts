import type { Readable } from 'node:stream';
import { ApiFailure } from '../api-failure.js';

/** A byte range of a stored file, both ends included (as in HTTP's Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where materials' bytes live, named by their SHA-256 (content-addressed: one
 * copy per content, a name that says whether the bytes are intact). The data
 * folder for one machine (file-blob-store.ts), an S3-compatible object store
 * when the server outgrows it (s3-blob-store.ts).
 */
export interface BlobStore {
  readonly kind: 'folder' | 's3';
  /** The stored size, or null when no file has this hash. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /**
   * Stores the bytes of `source` if their SHA-256 is `sha256` and they are at
   * most `maxBytes`; otherwise stores nothing and throws BlobRefused. Storing a
   * hash that is already there is harmless.
   */
  put(source: AsyncIterable<Uint8Array>, expected: { sha256: string; maxBytes: number }): Promise<{ size: number }>;
  /** The bytes (a range of them), streamed. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
}

/** Bytes the store will not keep, with the answer the upload route gives. */
export class BlobRefused extends ApiFailure {}

export const hashMismatch = (expected: string, actual: string) =>
  new BlobRefused(400, 'validation-failed', `the bytes' SHA-256 is ${actual}, not ${expected}: nothing was stored`, {
    expected,
    actual,
  });

export const tooLarge = (maxBytes: number) =>
  new BlobRefused(413, 'payload-too-large', `a material is at most ${maxBytes} bytes: nothing was stored`, {
    maxBytes,
  });
