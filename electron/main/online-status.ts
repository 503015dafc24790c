import { BRIDGE_CHANNELS } from '../../shared/bridge.js';

export interface OnlineDeps {
  isOnline(): boolean;
  /** powerMonitor: wake from sleep is when the network most often changes. */
  onResume(listener: () => void): void;
  send(channel: string, online: boolean): void;
  intervalMs?: number;
}

/** Polls `net.isOnline()` and pushes `onlineChanged` to the renderer on each change. */
export function watchOnlineStatus(deps: OnlineDeps): { current(): boolean; stop(): void } {
  let last = deps.isOnline();
  const check = (): void => {
    const now = deps.isOnline();
    if (now !== last) {
      last = now;
      deps.send(BRIDGE_CHANNELS.onlineChanged, now);
    }
  };
  deps.onResume(check);
  const timer = setInterval(check, deps.intervalMs ?? 5_000);
  timer.unref?.();
  return {
    current: () => {
      check();
      return last;
    },
    stop: () => clearInterval(timer),
  };
}
