import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import type { PullCompression, PullEncoding } from './pull-answer.js';

/**
 * A body made of a long part compressed once and kept (a cached page's
 * changes) and a short part written for each request (that participant's
 * head and remaining count), without compressing the long part again:
 *
 * - gzip: the kept part is a gzip stream ended by a sync flush (byte-aligned,
 *   not final); the request's part is a raw deflate stream of its own, final,
 *   then the gzip trailer (the CRC-32 continued from the kept part's, and the
 *   whole length). One gzip member: every decoder reads it.
 * - brotli: the kept part is a brotli stream ended by a flush (byte-aligned);
 *   the request's part is one uncompressed meta-block and the last, empty one
 *   (RFC 7932, section 9.2).
 * - zstd: two frames, which RFC 8878 allows in one stream (Chromium reads both).
 * - none: the two parts one after the other.
 *
 * So the kept part never references the request's, and the request's never
 * needs the kept part's compressor state.
 */

export interface OpenBody {
  encoding?: PullEncoding;
  /** The kept part as it goes on the wire. */
  bytes: Buffer;
  /** Its uncompressed length and CRC-32 (the gzip trailer covers both parts). */
  length: number;
  crc: number;
}

/** Writes `plain` into a streaming compressor and keeps what it gives up to `kind` of flush, leaving the stream open. */
function flushed(stream: Transform & { flush(kind: number, callback: () => void): void }, plain: Buffer, kind: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.write(plain);
    stream.flush(kind, () => {
      // The flush's output is emitted as 'data' before its callback; the stream is never ended, only dropped.
      resolve(Buffer.concat(chunks));
      stream.destroy();
    });
  });
}

const zstd = promisify(zlib.zstdCompress);

export async function openBody(plain: Buffer, compression: PullCompression | undefined): Promise<OpenBody> {
  const base = { length: plain.length, crc: 0 };
  if (!compression) return { ...base, bytes: plain };
  const { encoding, level } = compression;
  switch (encoding) {
    case 'gzip':
      return {
        encoding,
        length: plain.length,
        crc: zlib.crc32(plain),
        bytes: await flushed(zlib.createGzip({ level }), plain, zlib.constants.Z_SYNC_FLUSH),
      };
    case 'br':
      return {
        ...base,
        encoding,
        bytes: await flushed(
          zlib.createBrotliCompress({
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: level,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
            },
          }),
          plain,
          zlib.constants.BROTLI_OPERATION_FLUSH,
        ),
      };
    case 'zstd':
      return {
        ...base,
        encoding,
        bytes: await zstd(plain, {
          params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
          pledgedSrcSize: plain.length,
        }),
      };
  }
}

/** Brotli's longest uncompressed meta-block with a 4-nibble length; a request's part is a few hundred bytes. */
const BROTLI_RAW_MAX = 1 << 16;

/** The whole body: the kept part, then `tail` (small) closing the stream. */
export function closeBody(open: OpenBody, tail: Buffer): Buffer {
  switch (open.encoding) {
    case undefined:
      return Buffer.concat([open.bytes, tail]);
    case 'gzip': {
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(zlib.crc32(tail, open.crc) >>> 0, 0);
      trailer.writeUInt32LE((open.length + tail.length) >>> 0, 4);
      return Buffer.concat([open.bytes, zlib.deflateRawSync(tail), trailer]);
    }
    case 'br': {
      if (tail.length < 1 || tail.length > BROTLI_RAW_MAX) throw new Error('a brotli tail must be 1 B to 64 KiB');
      // ISLAST 0, MNIBBLES 0 (four nibbles), MLEN-1 in 16 bits, ISUNCOMPRESSED 1: 20 bits, padded to 3 bytes.
      const header = (0 << 0) | (0 << 1) | ((tail.length - 1) << 3) | (1 << 19);
      const last = 0b11; // ISLAST 1, ISLASTEMPTY 1
      return Buffer.concat([
        open.bytes,
        Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]),
        tail,
        Buffer.from([last]),
      ]);
    }
    case 'zstd':
      return Buffer.concat([open.bytes, zlib.zstdCompressSync(tail)]);
  }
}
