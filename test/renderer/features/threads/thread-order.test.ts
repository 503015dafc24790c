import { describe, expect, it } from 'vitest';
import type { ContributionId, QuestionId } from '../../../../shared/model/entities.js';
import type { ContributionRow } from '../../../../renderer/db/database.js';
import { threadEntries } from '../../../../renderer/features/threads/thread-order.js';

/** Issue 23: a question's list as threads; withdrawn contributions keep their place above their answers. */
let clock = 0;
function row(id: string, replyTo: string | null = null, extra: Partial<ContributionRow> = {}): ContributionRow {
  clock += 1;
  return {
    id: id as ContributionId,
    questionId: 'q' as QuestionId,
    author: { name: id, kind: 'individual' },
    authorKind: 'individual',
    language: 'fr',
    status: 'published',
    version: 1,
    createdAt: `2017-02-01T10:${String(clock).padStart(2, '0')}:00Z`,
    updatedAt: '2017-02-01T10:00:00Z',
    languages: ['fr'],
    machineLanguages: [],
    excerpt: '',
    replyTo: replyTo as ContributionId | null,
    ...extra,
  };
}
const shape = (entries: ReturnType<typeof threadEntries>) =>
  entries.map((e) => `${'  '.repeat(e.depth)}${e.kind === 'contribution' ? e.row.id : `[withdrawn ${e.id}]`}`);

describe('threads in a question’s list', () => {
  it('puts each answer under what it answers, oldest first at every level', () => {
    const rows = [row('a'), row('b'), row('c', 'a'), row('d', 'c'), row('e', 'a'), row('f', 'b')];
    expect(shape(threadEntries(rows, () => true))).toEqual(['a', '  c', '    d', '  e', 'b', '  f']);
  });

  it('keeps a withdrawn contribution (held or never pulled) as a placeholder above its answers only', () => {
    const rows = [
      row('a', null, { status: 'withdrawn' }),
      row('b', 'a'),
      row('x', null, { status: 'withdrawn' }),
      row('c', 'gone'),
    ];
    expect(shape(threadEntries(rows, () => true))).toEqual(['[withdrawn a]', '  b', '[withdrawn gone]', '  c']);
  });

  it('filters answers out but keeps the context of those shown, and survives a damaged cycle', () => {
    const rows = [row('a'), row('b', 'a', { language: 'en' }), row('c', 'b')];
    const filtered = threadEntries(rows, (r) => r.id !== 'b');
    expect(shape(filtered)).toEqual(['a', '  b', '    c']);
    expect(filtered.map((e) => e.kind === 'contribution' && e.context === true)).toEqual([false, true, false]);
    const cycle = [row('p', 'q'), row('q', 'p')];
    expect(threadEntries(cycle, () => true).length).toBe(2);
  });
});
