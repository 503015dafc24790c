import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { writeTransaction } from '../../server/db/database.js';
import { publishEditionTx } from '../../server/proceedings/proceedings-store.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { FEB, twoEvents } from './event-fixtures.js';

/**
 * The foreword and closing remarks (issue 20): syntheses of no question, one
 * of each per event under one id, so two writers who start the foreword
 * offline write the same document; the edition carries them.
 */
const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });
const foreword = (id: string) =>
  m({
    kind: 'synthesis-create',
    synthesis: { id, questionId: null, part: 'foreword', title: 'Foreword', language: 'en', eventId: FEB },
  });

describe('the foreword and closing remarks', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;
  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null, demo: false });
    people = await twoEvents(server);
  });
  afterAll(() => server?.close());

  it('are one document per event, started by either writer, and published in the edition', async () => {
    const erin = await server.signIn({ id: 'erin', name: 'Erin', roles: ['rapporteur'], events: [FEB] });
    const id = `foreword-${FEB}`;
    expect((await pushMutations(people.alice, [foreword(id)]))[0]!.status).toBe('applied');
    // Erin started it offline too: the same id, the same document.
    expect((await pushMutations(erin, [foreword(id)]))[0]!.status).toBe('applied');
    // Under another id, or by someone who does not write, it is refused.
    expect(await pushMutations(people.alice, [foreword('foreword-other')])).toMatchObject([
      { reason: 'validation-failed' },
    ]);
    expect(await pushMutations(people.bob, [foreword(id)])).toMatchObject([{ reason: 'forbidden' }]);
    const text = yDocOf({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We thank the experts.' }] }],
    });
    expect(
      (
        await pushMutations(erin, [
          m({ kind: 'synthesis-update', synthesisId: id, update: b64(Y.encodeStateAsUpdate(text)) }),
        ])
      )[0]!.status,
    ).toBe('applied');
    const pulled = (await pullChanges(people.bob)).changes.find((c) => c.kind === 'synthesis' && c.record.id === id);
    expect(pulled && pulled.kind === 'synthesis' && pulled.record).toMatchObject({
      questionId: null,
      part: 'foreword',
    });

    const sam = { id: 'alice', name: 'Alice', roles: ['rapporteur'], language: 'fr' } as never;
    const published = await writeTransaction(server.db, (tx) => publishEditionTx(tx, sam, FEB));
    expect(published).toMatchObject({ number: 1 });
    const [row] = await server.db.query<{ input: string }>(
      'SELECT input FROM proceedings_editions WHERE event_id = $1',
      [FEB],
    );
    const input = JSON.parse(row!.input) as ProceedingsInput;
    expect(input.foreword).toMatchObject({ title: 'Foreword', authors: ['Alice', 'Erin'] });
    expect(JSON.stringify(input.foreword!.doc)).toContain('We thank the experts.');
    expect(input.closing).toBeNull();
    // The foreword is not a question's synthesis.
    expect(
      input.days.flatMap((d) => d.sessions.flatMap((s) => s.questions.flatMap((q) => q.syntheses.map((y) => y.id)))),
    ).toEqual(['syn-feb']);
  });
});
