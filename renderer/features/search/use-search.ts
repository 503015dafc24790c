import { useCallback, useEffect, useState } from 'react';
import type { IndexStatus, ResultGroup, SearchRequest, SearchResponse } from '../../search/protocol.js';
import type { SearchClient } from '../../search/search-client.js';

export interface SearchState {
  /** The answer to the latest query answered (it may trail what is typed by a keystroke or two). */
  response: SearchResponse | null;
  /** Contributions of every page loaded so far. */
  groups: ResultGroup[];
  /** The query shown is not answered yet. */
  searching: boolean;
  failed: boolean;
  loadingMore: boolean;
  more(): void;
}

/**
 * Runs one task at a time; a task asked for meanwhile waits, replacing any
 * other waiting one. Searching as one types, the worker then never holds a
 * backlog of stale queries: at most the one running and the newest.
 */
class LatestOnly {
  private busy = false;
  private next: (() => Promise<void>) | null = null;

  run(task: () => Promise<void>): void {
    if (this.busy) {
      this.next = task;
      return;
    }
    this.busy = true;
    void task().finally(() => {
      this.busy = false;
      const next = this.next;
      this.next = null;
      if (next) this.run(next);
    });
  }
}

interface Answer {
  key: string;
  response: SearchResponse;
  groups: ResultGroup[];
}

/** Searches as the user types; answers are shown as they come, so results follow typing. */
export function useSearch(client: SearchClient | null, request: SearchRequest, delayMs = 60): SearchState {
  const key = JSON.stringify(request);
  const empty = request.query.trim() === '';
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [queue] = useState(() => new LatestOnly());

  useEffect(() => {
    if (empty || !client) return;
    const asked = JSON.parse(key) as SearchRequest;
    const timer = setTimeout(
      () =>
        queue.run(async () => {
          try {
            const response = await client.search(asked);
            setAnswer({ key, response, groups: response.groups });
          } catch {
            setFailedKey(key);
          }
        }),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [client, key, empty, delayMs, queue]);

  const shown = empty ? null : answer;
  const more = useCallback(() => {
    if (!client || !shown || shown.response.nextOffset === null || loadingMore) return;
    setLoadingMore(true);
    const asked = { ...(JSON.parse(shown.key) as SearchRequest), offset: shown.response.nextOffset };
    client
      .search(asked)
      .then((page) =>
        setAnswer((current) =>
          current && current.key === shown.key
            ? { key: current.key, response: page, groups: [...current.groups, ...page.groups] }
            : current,
        ),
      )
      .catch(() => setFailedKey(shown.key))
      .finally(() => setLoadingMore(false));
  }, [client, shown, loadingMore]);

  return {
    response: shown?.response ?? null,
    groups: shown?.groups ?? [],
    searching: !empty && answer?.key !== key && failedKey !== key,
    failed: !empty && failedKey === key,
    loadingMore,
    more,
  };
}

/** The index's state as the worker reports it. */
export function useIndexStatus(client: SearchClient | null): IndexStatus | null {
  const [status, setStatus] = useState<IndexStatus | null>(() => client?.status() ?? null);
  useEffect(() => client?.subscribe(setStatus), [client]);
  return status;
}
