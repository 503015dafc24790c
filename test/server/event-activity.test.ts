import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { liveActivitySchema } from '../../shared/protocol/pull.js';
import { pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { annotationPut } from './push-fixtures.js';
import { APR, FEB, synthesisWithText, twoEvents } from './event-fixtures.js';

/** An open GET /api/events with every event read so far, raw and parsed. */
function openStream(device: { get: (path: string) => Promise<Response> }) {
  const controller = new AbortController();
  const events: { event: string; data: unknown }[] = [];
  let raw = '';
  const ready = device.get('/api/events').then((res) => {
    expect(res.status).toBe(200);
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          raw += value;
          text += value;
          for (const m of text.matchAll(/event: (\w+)\ndata: ([^\n]*)\n\n/g))
            events.push({ event: m[1]!, data: JSON.parse(m[2]!) as unknown });
          text = text.slice(text.lastIndexOf('\n\n') + 2);
        }
      } catch {
        /* aborted by the test */
      }
    })();
  });
  return {
    ready,
    events,
    get raw() {
      return raw;
    },
    activity: () => events.filter((e) => e.event === 'activity').map((e) => liveActivitySchema.parse(e.data)),
    close: () => controller.abort(),
  };
}

const until = async (condition: () => boolean, what: string, ms = 15_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each<Backend>(['pglite', 'postgres'])('the live channel hints at other events on %s (issue 18)', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    people = await twoEvents(server);
  });
  afterAll(() => server?.close());

  it('names the events of the listener that changed, and never an event the listener is not in', async () => {
    const { alice, bob, carol, dave } = people;
    const streams = {
      alice: openStream(alice),
      bob: openStream(bob),
      carol: openStream(carol),
      dave: openStream(dave),
    };
    await Promise.all(Object.values(streams).map((s) => s.ready));
    await until(() => Object.values(streams).every((s) => s.events.some((e) => e.event === 'hello')), 'hellos');

    // A note shared in April: Alice and Carol hear of April; Bob (February only) and Dave hear of no event.
    const applied = await pushMutations(carol, [
      annotationPut({ note: 'APRMARK news', visibility: 'seminar', eventId: APR }),
    ]);
    expect(applied[0]!.status).toBe('applied');
    await until(() => streams.alice.activity().length > 0 && streams.carol.activity().length > 0, 'April activity');
    expect(streams.alice.activity().at(-1)!.events).toEqual([APR]);
    expect(streams.carol.activity().at(-1)!.events).toEqual([APR]);
    // Everyone hears that changes exist (the shared head moved): after that, nobody else hears of April.
    await until(() => streams.bob.events.filter((e) => e.event === 'changes').length > 0, 'bob told of changes');
    await until(() => streams.dave.events.filter((e) => e.event === 'changes').length > 0, 'dave told of changes');
    for (const outsider of [streams.bob, streams.dave]) {
      expect(outsider.activity()).toEqual([]);
      expect(outsider.raw).not.toContain(APR);
    }

    // A February synthesis: Alice and Bob hear of February; Carol (April only) does not.
    const before = streams.carol.activity().length;
    for (const result of await pushMutations(alice, synthesisWithText('syn-feb-2', FEB, 'FEBMARK more')))
      expect(result.status).toBe('applied');
    await until(
      () =>
        streams.bob.activity().some((a) => a.events.includes(FEB)) &&
        streams.alice.activity().some((a) => a.events.includes(FEB)),
      'February activity',
    );
    await until(() => streams.carol.events.filter((e) => e.event === 'changes').length >= 2, 'carol told of changes');
    expect(streams.carol.activity()).toHaveLength(before);
    expect(streams.carol.raw).not.toContain(FEB);

    // A private note is no news for the others.
    const bobBefore = streams.bob.activity().length;
    await pushMutations(alice, [annotationPut({ note: 'FEBMARK mine', visibility: 'private', eventId: FEB })]);
    await until(() => streams.bob.events.filter((e) => e.event === 'changes').length >= 3, 'bob told of changes');
    expect(streams.bob.activity()).toHaveLength(bobBefore);
    Object.values(streams).forEach((s) => s.close());
  });
});
