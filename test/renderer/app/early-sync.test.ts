import { describe, expect, it } from 'vitest';
import { startSyncEarly } from '../../../renderer/app/early-sync.js';
import type { StartSync, SyncHandle } from '../../../renderer/app/sync-types.js';

function fakeStarts() {
  const started: { options: { baseUrl: string; token: string }; handle: SyncHandle; stopped: boolean }[] = [];
  const start: StartSync = (options) => {
    const entry = {
      options,
      stopped: false,
      handle: {
        subscribe: () => () => undefined,
        pullNow: () => undefined,
        stop: () => void (entry.stopped = true),
      },
    };
    started.push(entry);
    return entry.handle;
  };
  return { start, started };
}

describe('the sync started before the first screen (issue 19)', () => {
  it('starts at once when signed in, and the app’s first start with the same server and token takes it over', () => {
    const { start, started } = fakeStarts();
    const startApp = startSyncEarly(start, { serverUrl: 'http://s', token: 't' });
    expect(started.map((s) => s.options)).toEqual([{ baseUrl: 'http://s', token: 't' }]);
    expect(startApp({ baseUrl: 'http://s', token: 't' })).toBe(started[0]!.handle);
    expect(started).toHaveLength(1);
    // Stopped by the app (sign-out, a new token) and started again: a new sync.
    startApp({ baseUrl: 'http://s', token: 't' });
    expect(started).toHaveLength(2);
  });

  it('stops the early sync when the app starts another (settings changed meanwhile)', () => {
    const { start, started } = fakeStarts();
    const startApp = startSyncEarly(start, { serverUrl: 'http://s', token: 't' });
    startApp({ baseUrl: 'http://s', token: 'new' });
    expect(started[0]!.stopped).toBe(true);
    expect(started[1]!.options).toEqual({ baseUrl: 'http://s', token: 'new' });
  });

  it('starts nothing before the app does when not signed in', () => {
    const { start, started } = fakeStarts();
    const startApp = startSyncEarly(start, { serverUrl: 'http://s', token: null });
    expect(started).toHaveLength(0);
    startApp({ baseUrl: 'http://s', token: 't' });
    expect(started).toHaveLength(1);
  });
});
