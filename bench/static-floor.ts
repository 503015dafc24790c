import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { compressBody, PULL_COMPRESSION, type PullCompression } from '../server/pull/pull-answer.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage } from '../shared/protocol/pull.js';
import { onCleanup, scratchDir } from './cleanup.js';

/**
 * The static floor (issue 19): the very pages the server answers, saved as
 * files, compressed once, and served by a plain file server with no database,
 * no JSON building and no compression per request. What is left is the
 * physical floor of this protocol here: sending the bytes, decompressing and
 * parsing them in the client.
 */

export interface SavedPages {
  dir: string;
  pages: number;
  /** Page bodies (JSON) in bytes. */
  bytes: number;
  /** The bodies as saved, compressed, in bytes. */
  wireBytes: number;
  compression: PullCompression;
  /** Milliseconds spent compressing them (one at a time, in the thread pool). */
  compressMs: number;
  remove(): Promise<void>;
}

const fileOf = (since: number, limit: number) => `changes-${since}-${limit}.json`;

/**
 * Every page from 0 as `token`'s client would get it right now (plain JSON,
 * the server compresses nothing), saved as `changes-SINCE-LIMIT.json` and,
 * compressed once, with its encoding's extension.
 */
export async function savePages(
  server: { url: string; token: string },
  limit: number,
  compression: PullCompression = PULL_COMPRESSION[0]!,
): Promise<SavedPages> {
  const scratch = scratchDir('static-pages');
  mkdirSync(scratch.dir, { recursive: true });
  let since = 0;
  let pages = 0;
  let bytes = 0;
  let wireBytes = 0;
  let compressMs = 0;
  for (;;) {
    const response = await fetch(`${server.url}/api/changes?since=${since}&limit=${limit}`, {
      headers: {
        authorization: `Bearer ${server.token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        'accept-encoding': 'identity',
      },
    });
    if (!response.ok) throw new Error(`saving pages: HTTP ${response.status} ${await response.text()}`);
    const body = Buffer.from(await response.arrayBuffer());
    const page = JSON.parse(body.toString()) as PullPage;
    const name = join(scratch.dir, fileOf(since, limit));
    const t0 = performance.now();
    const packed = await compressBody(body, compression);
    compressMs += performance.now() - t0;
    writeFileSync(name, body);
    writeFileSync(`${name}.${compression.encoding}`, packed);
    pages++;
    bytes += body.length;
    wireBytes += packed.length;
    if (!page.hasMore) break;
    if (pages > 1_000_000) throw new Error('saving pages: the pull does not end');
    since = page.checkpoint;
  }
  return { dir: scratch.dir, pages, bytes, wireBytes, compression, compressMs, remove: scratch.remove };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/**
 * A plain static file server on 127.0.0.1: `/api/changes?since=S&limit=L`
 * is the saved file for that page (its compressed copy when the client
 * accepts that encoding), anything else a file of `siteDir` (the bench page,
 * so the floor's worker fetches from its own origin, as on the real server).
 */
export async function serveStatic(
  pages: SavedPages,
  siteDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let file: string;
    let encoding: string | undefined;
    if (url.pathname === '/api/changes') {
      file = join(pages.dir, fileOf(Number(url.searchParams.get('since')), Number(url.searchParams.get('limit'))));
      const accepts = (request.headers['accept-encoding'] ?? '').split(',').map((e) => e.trim().split(';')[0]);
      if (accepts.includes(pages.compression.encoding)) encoding = pages.compression.encoding;
    } else {
      const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      file = join(siteDir, path.endsWith('/') ? `${path}index.html` : path);
    }
    const sent = encoding ? `${file}.${encoding}` : file;
    let size: number;
    try {
      const stat = statSync(sent);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
    });
    createReadStream(sent).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const cleanup = onCleanup('static floor server', close);
  return { url: `http://127.0.0.1:${port}`, close: () => cleanup.run() };
}
