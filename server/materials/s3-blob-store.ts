import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDiskFull, StorageFullError } from '../db/storage-guard.js';
import { hashMismatch, tooLarge, type BlobStore } from './blob-store.js';
import { EMPTY_SHA256, signS3Request, type S3Credentials } from './s3-signature.js';

export interface S3Options extends S3Credentials {
  /** The store's address, e.g. https://s3.eu-west-3.amazonaws.com or http://127.0.0.1:9000 (path-style requests). */
  endpoint: string;
  bucket: string;
  /** Put before every object's key, e.g. `seminar-desk/`. */
  prefix: string;
}

/** Thrown when the store answers something other than what S3 documents for the request. */
export class S3Error extends Error {}

/**
 * Materials in an S3-compatible object store, under `PREFIX sha256/ab/abc…`.
 * An upload is first spooled to a temporary file while it is hashed and
 * counted (a wrong hash or an oversized body stops there, and nothing reaches
 * the store); the PUT then names the hash in x-amz-content-sha256, which the
 * store checks again against what it receives.
 */
export function openS3BlobStore(options: S3Options): BlobStore {
  const base = new URL(options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
  const urlOf = (sha256: string) =>
    new URL(`${encodeURIComponent(options.bucket)}/${options.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`, base);

  const send = (
    method: 'GET' | 'HEAD' | 'PUT',
    url: URL,
    extra: { headers?: Record<string, string>; payloadSha256?: string; body?: Readable; length?: number } = {},
  ) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const headers = signS3Request({
        method,
        url,
        headers: {
          ...extra.headers,
          ...(extra.length !== undefined ? { 'content-length': String(extra.length) } : {}),
        },
        payloadSha256: extra.payloadSha256 ?? EMPTY_SHA256,
        credentials: options,
      });
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers }, resolve);
      req.on('error', reject);
      if (extra.body) extra.body.on('error', reject).pipe(req);
      else req.end();
    });

  const failure = async (what: string, response: IncomingMessage) => {
    let body = '';
    for await (const chunk of response) if (body.length < 2_000) body += String(chunk);
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
    return new S3Error(`object store: ${what} answered ${response.statusCode}${code ? ` ${code}` : ''}`);
  };

  return {
    kind: 's3',
    async stat(sha256) {
      const response = await send('HEAD', urlOf(sha256));
      response.resume();
      if (response.statusCode === 404) return null;
      if (response.statusCode !== 200) throw await failure('HEAD', response);
      return { size: Number(response.headers['content-length']) };
    },
    async put(source, expected) {
      const dir = await mkdtemp(join(tmpdir(), 'seminar-material-'));
      const spool = join(dir, randomBytes(8).toString('hex'));
      try {
        const hash = createHash('sha256');
        let size = 0;
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              size += chunk.byteLength;
              if (size > expected.maxBytes) throw tooLarge(expected.maxBytes);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(spool),
        );
        const actual = hash.digest('hex');
        if (actual !== expected.sha256) throw hashMismatch(expected.sha256, actual);
        const response = await send('PUT', urlOf(actual), {
          headers: { 'content-type': 'application/octet-stream' },
          payloadSha256: actual,
          body: createReadStream(spool),
          length: size,
        });
        if (response.statusCode !== 200) throw await failure('PUT', response);
        response.resume();
        return { size };
      } catch (error) {
        if (isDiskFull(error)) throw new StorageFullError('no space left to receive the material (nothing was stored)');
        throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async read(sha256, range) {
      const response = await send('GET', urlOf(sha256), {
        headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
      });
      if (response.statusCode !== (range ? 206 : 200)) throw await failure('GET', response);
      return response;
    },
  };
}
