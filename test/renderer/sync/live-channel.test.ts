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

  it('hands the hints at other events to onActivity, and pulls on changes as before (issue 18)', async () => {
    const body = [
      'event: hello\ndata: {"head":3}\n\n',
      'event: activity\ndata: {"head":5,"events":["apr","feb"]}\n\n',
      'event: changes\ndata: {"head":5}\n\n',
      'event: activity\ndata: {"head":6,"events":"not a list"}\n\n',
    ].join('');
    const request = vi.fn(
      async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    );
    const heads: number[] = [];
    const activity: [string[], number][] = [];
    channel = startLiveChannel({
      client: { request },
      onChanges: (head) => heads.push(head),
      onActivity: (events, head) => activity.push([events, head]),
      pollIntervalMs: 60_000,
    });
    await vi.waitFor(() => expect(heads).toEqual(expect.arrayContaining([3, 5])));
    expect(activity).toEqual([[['apr', 'feb'], 5]]);
  });
});
