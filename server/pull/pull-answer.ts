import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { PullPage } from '../../shared/protocol/pull.js';

/**
 * How a pull page travels: serialized once, compressed once as a whole buffer
 * (in libuv's thread pool, so the event loop keeps answering others), sent
 * with its length. The route (app.ts) builds the page through a PageBuildGate.
 */

export type PullEncoding = 'zstd' | 'br' | 'gzip';

export interface PullCompression {
  encoding: PullEncoding;
  level: number;
}

/**
 * The server's order of preference, the first one the client accepts wins.
 * Chosen by measurement (BENCHMARKS.md, the compression rows): per request,
 * zstd level 3 costs the CPU of gzip level 1 and sends 0.6× its bytes;
 * brotli 4 sends 0.5× for twice the CPU. Chromium (and so Electron) accepts
 * all three, also over plain http; Node's fetch only gzip and brotli.
 */
export const PULL_COMPRESSION: readonly PullCompression[] = [
  { encoding: 'zstd', level: 3 },
  { encoding: 'br', level: 4 },
  { encoding: 'gzip', level: 1 },
];

/** The entries of an Accept-Encoding header with their weights ("q=0" refuses). */
function acceptedEncodings(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const [key, value] = p.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  return accepted;
}

/**
 * The compression for a request: the first of `preference` the client
 * accepts with a weight above zero (a `*` counts for those it does not name);
 * undefined sends the page uncompressed.
 */
export function chooseCompression(
  acceptEncoding: string | undefined,
  preference: readonly PullCompression[] = PULL_COMPRESSION,
): PullCompression | undefined {
  const accepted = acceptedEncodings(acceptEncoding);
  const star = accepted.get('*') ?? 0;
  return preference.find((c) => (accepted.get(c.encoding) ?? star) > 0);
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const zstd = promisify(zlib.zstdCompress);

/** One body compressed whole; the size hint lets brotli and zstd size their window to it. */
export function compressBody(body: Buffer, { encoding, level }: PullCompression): Promise<Buffer> {
  switch (encoding) {
    case 'gzip':
      return gzip(body, { level });
    case 'br':
      return brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: level,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
    case 'zstd':
      return zstd(body, {
        params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
        pledgedSrcSize: body.length,
      });
  }
}

/** The inverse, for tests and the bench's static files. */
export function decompressBody(body: Buffer, encoding: PullEncoding): Buffer {
  switch (encoding) {
    case 'gzip':
      return zlib.gunzipSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    case 'zstd':
      return zlib.zstdDecompressSync(body);
  }
}

/** A page as it goes on the wire: its bytes, and the Content-Encoding they carry (none: plain JSON). */
export interface PageBody {
  body: Buffer;
  encoding?: PullEncoding;
}

export async function encodePage(page: PullPage, compression: PullCompression | undefined): Promise<PageBody> {
  const json = Buffer.from(JSON.stringify(page));
  if (!compression) return { body: json };
  return { body: await compressBody(json, compression), encoding: compression.encoding };
}

/**
 * At most `max` pages built (queried, serialized, compressed) at once; the
 * others wait their turn in arrival order. Each build holds its rows, the
 * objects made of them, the JSON and the compressed copy, several times the
 * page's 4 M characters: 200 first syncs building at once held 3.5 GB. With
 * a few at a time, memory is bounded and each page is done sooner, so the
 * waiting ones do not wait longer in total either.
 */
export class PageBuildGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** `max` may be a function, read at each build: the benchmarks compare settings on one running server. */
  constructor(private readonly limit: number | (() => number)) {
    void this.max;
  }

  get max(): number {
    const max = typeof this.limit === 'function' ? this.limit() : this.limit;
    if (!(Number.isInteger(max) || max === Infinity) || max < 1)
      throw new Error('the page build gate needs a whole number ≥ 1');
    return max;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(build: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await build();
    } finally {
      // The slot passes straight to the next in line, so `running` never dips and rises again.
      const next = this.running <= this.max ? this.waiting.shift() : undefined;
      if (next) next();
      else this.running--;
    }
  }
}
