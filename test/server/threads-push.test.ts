import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { FRENCH } from './contribution-fixtures.js';
import { PUSH_CORPUS } from './push-fixtures.js';

/**
 * Issue 23: an answer written in the app names what it answers; the server
 * checks that it exists and is of the same question, keeps the link fixed,
 * and every participant pulls it.
 */
const answer = (
  replyTo: string | null,
  fields: { id?: string; questionId?: string; text?: string } = {},
  base: number | null = null,
): Mutation =>
  mutationSchema.parse({
    id: randomUUID(),
    kind: 'contribution-put',
    baseVersion: base,
    contribution: {
      id: fields.id ?? `c-${randomUUID()}`,
      questionId: fields.questionId ?? 'q1',
      language: 'fr',
      text: fields.text ?? FRENCH,
      ...(replyTo ? { replyTo } : {}),
    },
  });
const statusOf = (results: Awaited<ReturnType<typeof pushMutations>>) =>
  results.map((r) => (r.status === 'rejected' ? `${r.status}: ${r.reason}: ${r.message}` : r.status));

describe('answers pushed from the app', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let delegate: Awaited<ReturnType<typeof server.signIn>>;
  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    const other = { type: 'question', id: 'q2', track: 'legal', theme: 'I', code: '2', order: 2, title: { en: 'Q2' } };
    expect((await importLines(server.db, [...PUSH_CORPUS, JSON.stringify(other)])).rejected).toEqual([]);
    delegate = await server.signIn({ id: 'del', name: 'Delegate', roles: ['delegate'] });
  });
  afterAll(() => server?.close());

  it('refuses an answer to an unknown contribution or to another question’s', async () => {
    expect(statusOf(await pushMutations(delegate, [answer('nowhere'), answer('c1', { questionId: 'q2' })]))).toEqual([
      'rejected: validation-failed: no contribution "nowhere" to answer',
      'rejected: validation-failed: an answer belongs to the question of what it answers',
    ]);
  });

  it('stores a valid answer, pulled with its link by everyone; the link cannot change afterwards', async () => {
    const put = answer('c1');
    const id = put.kind === 'contribution-put' ? put.contribution.id : '';
    expect(statusOf(await pushMutations(delegate, [put]))).toEqual(['applied']);
    const reader = await server.signIn({ id: 'exp', name: 'Expert', roles: ['expert'] });
    const { changes } = await pullChanges(reader);
    const pulled = changes.find((c) => c.kind === 'contribution' && c.record.id === id);
    expect(pulled?.kind === 'contribution' ? pulled.record.replyTo : undefined).toBe('c1');
    const moved = answer('c2', { id, text: `${FRENCH} Modifié.` }, 1);
    expect(statusOf(await pushMutations(delegate, [moved]))).toEqual([
      'rejected: validation-failed: the contribution an answer answers cannot change',
    ]);
    // An edit that leaves the link out keeps it.
    const edited = answer(null, { id, text: `${FRENCH} Modifié.` }, 1);
    expect(statusOf(await pushMutations(delegate, [edited]))).toEqual(['applied']);
    const [row] = await server.db.query<{ reply_to: string }>('SELECT reply_to FROM contributions WHERE id=$1', [id]);
    expect(row?.reply_to).toBe('c1');
  });

  it('accepts an answer to a contribution withdrawn since (written offline before the withdrawal)', async () => {
    await server.db.query(`UPDATE contributions SET status='withdrawn' WHERE id='c2'`);
    expect(statusOf(await pushMutations(delegate, [answer('c2')]))).toEqual(['applied']);
  });
});
