import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../renderer/app/sync-types.js';
import { cacheFontsAfterSync } from '../../../renderer/app/fonts-after-sync.js';

afterEach(() => vi.unstubAllGlobals());

describe('the shell cache’s fonts (issue 19)', () => {
  it('are asked for once the sync is first up to date, not while it pulls', async () => {
    const posted: unknown[] = [];
    const active = { postMessage: (message: unknown) => posted.push(message) };
    vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({ active }) } });
    const listeners = new Set<(status: SyncStatus) => void>();
    const say = (phase: SyncStatus['phase']) => {
      for (const listener of listeners) listener({ phase, received: 0, remaining: 0 });
    };
    const start = cacheFontsAfterSync(() => ({
      subscribe(listener) {
        listeners.add(listener);
        listener({ phase: 'pulling', received: 0, remaining: 0 });
        return () => listeners.delete(listener);
      },
      pullNow: () => undefined,
      stop: () => undefined,
    }));
    const handle = start({ baseUrl: 'http://server', token: 't' });
    say('pulling');
    say('offline');
    await Promise.resolve();
    expect(posted).toEqual([]);
    say('live');
    say('pulling');
    say('live');
    await vi.waitFor(() => expect(posted).toEqual([{ type: 'cache-fonts' }]));
    void handle.stop();
    expect(listeners.size).toBe(0);
  });
});
