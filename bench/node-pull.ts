import type { PullPage } from '../shared/protocol/pull.js';

export interface PullTiming {
  seconds: number;
  /** Decompressed JSON bytes received. */
  bytes: number;
  records: number;
  pages: number;
}

/** Pulls every page from `since = 0` the way a client does, and parses each. */
export async function pullEverything(baseUrl: string, token: string, limit: number): Promise<PullTiming> {
  const start = performance.now();
  let since = 0;
  let bytes = 0;
  let records = 0;
  let pages = 0;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/changes?since=${since}&limit=${limit}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const text = await response.text();
    const page = JSON.parse(text) as PullPage;
    bytes += Buffer.byteLength(text);
    records += page.changes.length;
    pages += 1;
    since = page.checkpoint;
    if (!page.hasMore) break;
  }
  return { seconds: (performance.now() - start) / 1000, bytes, records, pages };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
