import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../shared/bridge.js';
import { watchOnlineStatus } from '../../electron/main/online-status.js';

describe('online status', () => {
  it('pushes onlineChanged only when the state changes, including on resume', () => {
    let online = true;
    let resume: () => void = () => undefined;
    const sent: [string, boolean][] = [];
    const watcher = watchOnlineStatus({
      isOnline: () => online,
      onResume: (listener) => (resume = listener),
      send: (channel, value) => sent.push([channel, value]),
      intervalMs: 60_000,
    });
    resume();
    expect(sent).toEqual([]);
    online = false;
    resume();
    expect(sent).toEqual([[BRIDGE_CHANNELS.onlineChanged, false]]);
    online = true;
    expect(watcher.current()).toBe(true);
    expect(sent).toHaveLength(2);
    watcher.stop();
  });
});
