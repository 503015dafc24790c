import { pathToFileURL } from 'node:url';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage } from '../shared/protocol/pull.js';
import { runChild } from './child.js';

export interface PullTiming {
  seconds: number;
  /** Decompressed JSON bytes received. */
  bytes: number;
  records: number;
  pages: number;
}

/**
 * Pulls every page from `since = 0` as the app's client does (same headers,
 * gzip), parses each and stores nothing: the server's throughput as a client
 * on loopback sees it. Stops after `maxPages` whatever the server says.
 */
export async function pullEverything(
  baseUrl: string,
  token: string,
  limit: number,
  maxPages: number,
): Promise<PullTiming> {
  const start = performance.now();
  let since = 0;
  let bytes = 0;
  let records = 0;
  let pages = 0;
  for (; pages < maxPages;) {
    const response = await fetch(`${baseUrl}/api/changes?since=${since}&limit=${limit}`, {
      headers: {
        authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        'accept-encoding': 'gzip',
      },
    });
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const text = await response.text();
    const page = JSON.parse(text) as PullPage;
    bytes += Buffer.byteLength(text);
    records += page.changes.length;
    pages += 1;
    since = page.checkpoint;
    if (!page.hasMore) return { seconds: (performance.now() - start) / 1000, bytes, records, pages };
  }
  throw new Error(`pull did not end within ${maxPages} pages`);
}

const SELF = new URL(import.meta.url);

/**
 * The same pull in a child process, so the client's decompression and parsing
 * do not share a process with the server or with the bench's harness.
 */
export async function pullInChildProcess(
  baseUrl: string,
  token: string,
  limit: number,
  maxPages: number,
): Promise<PullTiming> {
  const repo = new URL('..', SELF).pathname;
  const out = await runChild(
    process.execPath,
    ['--import', 'tsx', SELF.pathname, baseUrl, token, String(limit), String(maxPages)],
    { cwd: repo, timeoutMs: 10 * 60_000 },
  );
  return JSON.parse(out) as PullTiming;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === SELF.href) {
  const [baseUrl, token, limit, maxPages] = process.argv.slice(2);
  if (!baseUrl || !token) throw new Error('usage: node-pull.ts BASE_URL TOKEN [LIMIT] [MAX_PAGES]');
  const timing = await pullEverything(baseUrl, token, Number(limit ?? 500), Number(maxPages ?? 100_000));
  process.stdout.write(JSON.stringify(timing));
}
