import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { Change } from '../../shared/protocol/pull.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { compactSynthesis, storedUpdateCount } from '../../server/synthesis/synthesis-store.js';
import { pullChanges, pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { PUSH_CORPUS } from './push-fixtures.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const create = (id: string, title = 'Synthèse I.i'): Mutation =>
  mutationSchema.parse({
    id: randomUUID(),
    kind: 'synthesis-create',
    synthesis: { id, questionId: 'q1', title, language: 'fr' },
  });
const update = (synthesisId: string, bytes: Uint8Array): Mutation =>
  mutationSchema.parse({ id: randomUUID(), kind: 'synthesis-update', synthesisId, update: b64(bytes) });

/** A rapporteur's device: a Y.Doc shaped as TipTap's (a fragment of paragraphs), and what it has not pushed yet. */
function device() {
  const doc = new Y.Doc();
  const pending: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') pending.push(u);
  });
  return {
    doc,
    take: () => Y.mergeUpdates(pending.splice(0)),
    apply: (changes: Change[], id: string) => {
      for (const c of changes)
        if (c.kind === 'synthesis-update' && c.synthesisId === id)
          Y.applyUpdate(doc, Buffer.from(c.update, 'base64'), 'remote');
    },
    paragraph: (i: number) => doc.getXmlFragment('default').get(i) as Y.XmlElement,
    text: () =>
      doc
        .getXmlFragment('default')
        .toArray()
        .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString())
        .join('\n'),
  };
}

describe.each<Backend>(['pglite', 'postgres'])('syntheses on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Client = Awaited<ReturnType<typeof server.signIn>>;
  let anna: Client;
  let bruno: Client;
  let expert: Client;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    anna = await server.signIn({ id: 'anna', name: 'Anna', roles: ['rapporteur'] });
    bruno = await server.signIn({ id: 'bruno', name: 'Bruno', roles: ['rapporteur'] });
    expert = await server.signIn({ id: 'exp', name: 'Expert', roles: ['expert', 'delegate'] });
  });
  afterAll(() => server?.close());

  async function started(id: string) {
    const a = device();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('La diligence raisonnable est une obligation de comportement.')]);
    a.doc.getXmlFragment('default').insert(0, [paragraph]);
    const results = await pushMutations(anna, [create(id), update(id, a.take())]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const b = device();
    b.apply((await pullChanges(bruno)).changes, id);
    expect(b.text()).toBe(a.text());
    return { a, b };
  }

  it.each([
    ['Anna reconnects first', true],
    ['Bruno reconnects first', false],
  ])('two rapporteurs edit the same paragraph offline: %s, both end with both edits', async (_case, annaFirst) => {
    const id = `s-${randomUUID()}`;
    const { a, b } = await started(id);
    const { checkpoint } = await pullChanges(anna);
    // Offline: Anna adds at the end of the sentence, Bruno at its start.
    (a.paragraph(0).get(0) as Y.XmlText).insert(60, ' Elle ne garantit pas un résultat.');
    (b.paragraph(0).get(0) as Y.XmlText).insert(0, 'En droit international, ');
    const sends: [Client, ReturnType<typeof device>][] = annaFirst
      ? [
          [anna, a],
          [bruno, b],
        ]
      : [
          [bruno, b],
          [anna, a],
        ];
    for (const [client, d] of sends)
      expect((await pushMutations(client, [update(id, d.take())]))[0]!.status).toBe('applied');
    a.apply((await pullChanges(anna, checkpoint)).changes, id);
    b.apply((await pullChanges(bruno, checkpoint)).changes, id);
    expect(a.text()).toBe(b.text());
    expect(a.text()).toBe(
      'En droit international, La diligence raisonnable est une obligation de comportement. Elle ne garantit pas un résultat.',
    );
    // A reader pulls the same document.
    const reader = device();
    reader.apply((await pullChanges(expert)).changes, id);
    expect(reader.text()).toBe(a.text());
  });

  it('a reader role cannot create a synthesis nor push updates; a garbage update is refused', async () => {
    const id = `s-${randomUUID()}`;
    await started(id);
    const d = device();
    d.doc.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    const [createRes, updateRes] = await pushMutations(expert, [create(`s-${randomUUID()}`), update(id, d.take())]);
    expect(createRes).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect(updateRes).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    const [garbage] = await pushMutations(anna, [update(id, new Uint8Array([1, 2, 3, 250, 251]))]);
    expect(garbage).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
    const [unknown] = await pushMutations(anna, [update('s-unknown', d.take())]);
    expect(unknown).toMatchObject({ status: 'rejected', reason: 'not-found' });
    expect(await storedUpdateCount(server.db, id)).toBe(1);
  });

  it('compacts many updates into one that every client, old or new, applies to the same document; history survives', async () => {
    const id = `s-${randomUUID()}`;
    const { a } = await started(id);
    const old = device();
    old.apply((await pullChanges(expert)).changes, id);
    const { checkpoint } = await pullChanges(expert);
    const text = a.paragraph(0).get(0) as Y.XmlText;
    // 300 small edits, pushed one by one by two authors, as typing offline makes them.
    let pushed = 0;
    for (let i = 0; i < 300; i++) {
      text.insert(text.length, ` ${i}`);
      const bytes = a.take();
      pushed += bytes.byteLength;
      await pushMutations(i % 2 ? anna : bruno, [update(id, bytes)]);
    }
    // Past COMPACT_AFTER stored updates, the push compacted them in the background already.
    await expect.poll(() => storedUpdateCount(server.db, id)).toBeLessThan(301);
    const outcome = await compactSynthesis(server.db, id);
    expect(outcome.updates).toBeGreaterThan(1);
    expect(await storedUpdateCount(server.db, id)).toBe(1);
    console.log(`synthesis storage on ${backend}: ${pushed} bytes pushed in 300 updates, ${outcome.after} bytes after`);

    const fresh = device();
    fresh.apply((await pullChanges(expert)).changes, id);
    expect(fresh.text()).toBe(a.text());
    old.apply((await pullChanges(expert, checkpoint)).changes, id);
    expect(old.text()).toBe(a.text());

    const history = (await (await expert.get(`/api/syntheses/${id}/history`)).json()) as {
      history: { upTo: number; authors: string[]; updates: number }[];
    };
    expect(history.history.at(-1)!.authors.sort()).toEqual(['Anna', 'Bruno']);
    expect(history.history.reduce((n, e) => n + e.updates, 0)).toBe(301);
    // The state at the compaction point is the document as it stood then.
    const res = await expert.get(`/api/syntheses/${id}/history/${history.history.at(-1)!.upTo}/state`);
    const { state } = (await res.json()) as { state: string };
    const restored = device();
    Y.applyUpdate(restored.doc, Buffer.from(state, 'base64'), 'remote');
    expect(restored.text()).toBe(a.text());
    expect((await expert.get(`/api/syntheses/s-none/history`)).status).toBe(404);
  });
});
