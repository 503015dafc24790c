import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { pushMutations, startTestServer } from '../support/server-harness.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';

/**
 * A NUL or half a character (a lone surrogate) in any text a client writes
 * is refused, naming the field; nothing is stored, nothing rewritten. Every
 * text field of every write: the push's mutations and the secretariat's and
 * sign-in routes. (test/shared/text/storable-characters.test.ts walks every
 * field of every schema; this shows the server answers with them.)
 */
const BAD = { nul: 'before\u0000after', 'lone surrogate': 'half \ud83d of an emoji', 'low surrogate': '\ude00 alone' };

const base = annotationPut({ visibility: 'seminar' }) as Extract<Mutation, { kind: 'annotation-put' }>;
const note = (change: (a: typeof base.annotation) => typeof base.annotation): Mutation => ({
  ...base,
  id: randomUUID(),
  annotation: { ...change(structuredClone(base.annotation)), id: randomUUID() as typeof base.annotation.id },
});

/** Each text field a push carries: its path in the mutation, and a mutation with `bad` in it. */
const PUSHED: [string, (bad: string) => unknown][] = [
  ['annotation.note', (bad) => note((a) => ({ ...a, note: bad }))],
  [
    'annotation.target.quote.exact',
    (bad) => note((a) => ({ ...a, target: { ...a.target, quote: { ...a.target.quote, exact: bad } } })),
  ],
  [
    'annotation.target.quote.prefix',
    (bad) => note((a) => ({ ...a, target: { ...a.target, quote: { ...a.target.quote, prefix: bad } } })),
  ],
  [
    'annotation.target.quote.suffix',
    (bad) => note((a) => ({ ...a, target: { ...a.target, quote: { ...a.target.quote, suffix: bad } } })),
  ],
  ['annotation.target.textHash', (bad) => note((a) => ({ ...a, target: { ...a.target, textHash: bad } }))],
  [
    'tag.label.fr',
    (bad) => ({
      id: randomUUID(),
      kind: 'tag-propose',
      tag: { id: `t-${randomUUID()}`, label: { en: 'ok', fr: bad }, color: '#aabbcc' },
    }),
  ],
  [
    'contribution.text',
    (bad) => ({
      id: randomUUID(),
      kind: 'contribution-put',
      baseVersion: null,
      contribution: {
        id: `c-${randomUUID()}`,
        questionId: 'q1',
        language: 'en',
        text: `A contribution long enough: ${bad}`,
      },
    }),
  ],
  [
    'synthesis.title',
    (bad) => ({
      id: randomUUID(),
      kind: 'synthesis-create',
      synthesis: { id: `s-${randomUUID()}`, questionId: 'q1', title: bad, language: 'en' },
    }),
  ],
];

describe('bad characters in what clients write', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    secretariat = await server.signIn({
      id: 'sec',
      name: 'Secretariat',
      roles: ['secretariat', 'rapporteur', 'expert', 'delegate'],
    });
  });
  afterAll(() => server?.close());

  const stored = async () =>
    JSON.stringify(
      await server.db.query(
        `SELECT (SELECT COUNT(*) FROM annotations) a, (SELECT COUNT(*) FROM tags) t, (SELECT COUNT(*) FROM contributions) c,
           (SELECT COUNT(*) FROM syntheses) s, (SELECT string_agg(status, ',') FROM contributions) st, (SELECT last_value FROM change_seq) seq`,
      ),
    );

  it('refuses each text field of each pushed mutation, naming it, and stores nothing', async () => {
    const before = await stored();
    for (const [field, make] of PUSHED) {
      for (const [what, bad] of Object.entries(BAD)) {
        const [result] = await pushMutations(secretariat, [make(bad) as Mutation]);
        expect(result, `${field} with a ${what}`).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
        const message = (result as { message: string }).message;
        expect(message, `${field} with a ${what}`).toContain(field);
        if (field !== 'annotation.target.textHash') expect(message).toMatch(/NUL character|half of a character/);
      }
    }
    expect(await stored()).toBe(before);
    // The same mutations with whole characters apply: the refusal is the characters', not the fields'.
    for (const [field, make] of PUSHED.filter(([f]) => f !== 'annotation.target.textHash')) {
      const [result] = await pushMutations(secretariat, [make('whole characters 👍🏽 عربي 中文') as Mutation]);
      expect(result!.status, field).toBe('applied');
    }
  });

  const send = (method: string, path: string, body: unknown, token?: string) =>
    fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it.each([
    ['the withdrawal reason', 'POST', '/api/contributions/c1/withdraw', (bad: string) => ({ reason: bad }), 'reason'],
    ['a human translation', 'PUT', '/api/contributions/c1/translations/de', (bad: string) => ({ text: bad }), 'text'],
    [
      'the device name at sign-in',
      'POST',
      '/api/auth/redeem',
      (bad: string) => ({ code: 'ABCD', deviceName: bad }),
      'deviceName',
    ],
    ['the invitation code', 'POST', '/api/auth/redeem', (bad: string) => ({ code: bad }), 'code'],
  ] as const)('refuses them in %s, naming the field', async (_what, method, path, body, field) => {
    const before = await stored();
    for (const bad of Object.values(BAD)) {
      const res = await send(method, path, body(bad), path.startsWith('/api/auth') ? undefined : secretariat.token);
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, answer.error.message).toBe(400);
      expect(answer.error.code).toBe('validation-failed');
      expect(answer.error.message).toContain(`${field}: `);
      expect(answer.error.message).toMatch(/NUL character|half of a character/);
    }
    expect(await stored()).toBe(before);
  });
});
