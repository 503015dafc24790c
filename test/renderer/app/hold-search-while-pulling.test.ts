import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../renderer/app/sync-types.js';
import { holdIndexingWhilePulling } from '../../../renderer/app/hold-search-while-pulling.js';

describe('search indexing while a sync pulls (issue 19)', () => {
  it('is held from the pull’s start until it is live, offline or failed, and released when the sync stops', () => {
    const listeners = new Set<(status: SyncStatus) => void>();
    let stopped = false;
    const say = (phase: SyncStatus['phase']) => {
      for (const listener of listeners) listener({ phase, received: 0, remaining: 0 });
    };
    const start = holdIndexingWhilePulling(
      () => ({
        subscribe(listener) {
          listeners.add(listener);
          listener({ phase: 'pulling', received: 0, remaining: 0 });
          return () => listeners.delete(listener);
        },
        pullNow: () => undefined,
        stop: () => void (stopped = true),
      }),
      { holdIndexing: (held) => holds.push(held) },
    );
    const holds: boolean[] = [];
    const handle = start({ baseUrl: 'http://server', token: 't' });
    expect(holds).toEqual([true]);
    say('live');
    say('pulling');
    say('offline');
    say('pulling');
    say('error');
    expect(holds).toEqual([true, false, true, false, true, false]);
    const seen: string[] = [];
    handle.subscribe((status) => seen.push(status.phase));
    expect(seen).toEqual(['pulling']);
    say('pulling');
    void handle.stop();
    expect(stopped).toBe(true);
    expect(holds.at(-1)).toBe(false);
    expect(listeners.size).toBe(1); // only the screen's own subscription is left
  });
});
