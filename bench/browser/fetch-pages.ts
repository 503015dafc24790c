import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage } from '../../shared/protocol/pull.js';
import type { FirstSyncArgs } from './protocol.js';

export interface FetchedPage {
  page: PullPage;
  bytes: number;
}

const decoder = new TextDecoder();

/** One page as the app asks for it (same headers), read whole, then JSON.parse: no schema validation. */
export async function fetchPage(args: FirstSyncArgs, since: number): Promise<FetchedPage> {
  const response = await fetch(`${args.baseUrl}/api/changes?since=${since}&limit=${args.limit}`, {
    headers: { Authorization: `Bearer ${args.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
  if (!response.ok) throw new Error(`pull failed: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  return { page: JSON.parse(decoder.decode(body)) as PullPage, bytes: body.byteLength };
}

/**
 * Every page from 0, handing each to `onPage`. As pullAll does, the next page
 * is requested as soon as the current one is parsed, so it downloads while
 * `onPage` writes (with no `onPage`, that is plain fetch-then-parse).
 */
export async function forEachPage(
  args: FirstSyncArgs,
  onPage?: (page: PullPage) => Promise<void>,
): Promise<{ records: number; bytes: number; pages: number }> {
  let records = 0;
  let bytes = 0;
  let pending = fetchPage(args, 0);
  for (let pages = 1; pages <= args.maxPages; pages++) {
    const fetched = await pending;
    records += fetched.page.changes.length;
    bytes += fetched.bytes;
    const { page } = fetched;
    if (page.hasMore) {
      pending = fetchPage(args, page.checkpoint);
      pending.catch(() => undefined); // surfaces when awaited
    }
    await onPage?.(page);
    if (!page.hasMore) return { records, bytes, pages };
  }
  throw new Error(`pull did not end within ${args.maxPages} pages`);
}
