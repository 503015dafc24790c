import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLiveChannel, type LiveChannel } from '../../../renderer/sync/live-channel.js';

describe('the live channel client', () => {
  let channel: LiveChannel | undefined;
  afterEach(() => channel?.stop());

  it('takes a refused stream (429 too many streams) for no stream: it polls, never says live', async () => {
    const statuses: string[] = [];
    const refusal = () =>
      new Response(JSON.stringify({ error: { code: 'rate-limited', message: 'too many open event streams' } }), {
        status: 429,
        headers: { 'content-type': 'application/json' },
      });
    const request = vi.fn(async () => refusal());
    channel = startLiveChannel({
      client: { request },
      onChanges: () => undefined,
      onStatus: (status) => statuses.push(status),
      pollIntervalMs: 60_000,
    });
    await vi.waitFor(() => expect(statuses).toContain('polling'));
    expect(statuses).not.toContain('live');
  });
});
