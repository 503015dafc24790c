import { liveActivitySchema, liveEventSchema } from '../../shared/protocol/pull.js';
import type { ApiClient } from './api-client.js';
import { createSseParser } from './sse-parser.js';

export interface LiveChannelOptions {
  client: Pick<ApiClient, 'request'>;
  onChanges: (head: number, epoch?: string) => void;
  /** The user's events that changed up to `head` (issue 18): hints, before the `changes` that pulls them. */
  onActivity?: (events: string[], head: number) => void;
  onStatus?: (status: 'live' | 'polling') => void;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

export interface LiveChannel {
  stop(): void;
}

/** Reads GET /api/events; while it is down, polls (calls onChanges(-1)) and reconnects with backoff. */
export function startLiveChannel(options: LiveChannelOptions): LiveChannel {
  const { client, onChanges, onActivity, onStatus, pollIntervalMs = 30_000, maxBackoffMs = 60_000 } = options;
  const controller = new AbortController();
  let pollTimer: ReturnType<typeof setInterval> | null = null;

  const startPolling = () => {
    if (pollTimer || controller.signal.aborted) return;
    onStatus?.('polling');
    pollTimer = setInterval(() => onChanges(-1), pollIntervalMs);
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };

  const run = async () => {
    let backoff = 1000;
    while (!controller.signal.aborted) {
      try {
        const res = await client.request('/api/events', controller.signal);
        // A refusal (too many streams, a revoked token) is no stream: poll until the retry.
        if (!res.ok || !res.body) throw new Error(`no stream (${res.status})`);
        stopPolling();
        onStatus?.('live');
        backoff = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = createSseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const ev of parser.push(value)) {
            if (ev.event === 'activity') {
              try {
                const parsed = liveActivitySchema.safeParse(JSON.parse(ev.data));
                if (parsed.success) onActivity?.(parsed.data.events, parsed.data.head);
              } catch {
                /* ignore a bad hint: the pull brings the data anyway */
              }
              continue;
            }
            if (ev.event !== 'changes' && ev.event !== 'hello') continue;
            try {
              const parsed = liveEventSchema.safeParse(JSON.parse(ev.data));
              if (parsed.success) onChanges(parsed.data.head, parsed.data.epoch);
            } catch {
              /* ignore a bad event */
            }
          }
        }
      } catch {
        /* fall through to polling + reconnect */
      }
      if (controller.signal.aborted) break;
      startPolling();
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  };
  void run();

  return {
    stop() {
      controller.abort();
      stopPolling();
    },
  };
}
