import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../shared/protocol/mutations.js';
import { emptyProceedings, withPending } from '../../../renderer/db/proceedings.js';
import type { ParticipantId } from '../../../shared/model/entities.js';

const me = { id: 'alice' as ParticipantId, name: 'Alice' };
const row = (mutation: Record<string, unknown>, rejected: { reason: string; message: string } | null = null) => ({
  mutation: { id: crypto.randomUUID(), eventId: 'ev', ...mutation } as Mutation,
  rejected,
  createdAt: '2017-02-01T10:00:00.000Z',
});

describe('the proceedings shown: the server’s record with this device’s unsent changes over it', () => {
  it('shows moves, comments, resolutions and consent made offline, in order, and marks them as not sent', () => {
    const base = emptyProceedings('ev', 'en');
    const shown = withPending(
      base,
      [
        row({ kind: 'review-move', target: 'syn-1', from: 'draft', to: 'in-review' }),
        row({ kind: 'review-move', target: 'whole', from: 'draft', to: 'in-review' }),
        row({
          kind: 'review-comment-add',
          comment: { id: 'c1', synthesisId: 'syn-1', anchor: null, body: 'Why?', replyTo: null },
        }),
        row({ kind: 'review-comment-resolve', commentId: 'c1', resolved: true }),
        row({ kind: 'consent-put', consented: true }),
      ],
      me,
    );
    expect(shown.sections).toEqual({ 'syn-1': 'in-review' });
    expect(shown.state).toBe('in-review');
    expect(shown.comments).toMatchObject([{ id: 'c1', authorName: 'Alice', resolved: true, resolvedByName: 'Alice' }]);
    expect(shown.myConsent).toBe(true);
    expect(shown.named).toEqual(['Alice']);
    expect([...shown.pending].sort()).toEqual(['comment:c1', 'consent', 'move:syn-1', 'move:whole']);
    // The stored record is left as the server sent it.
    expect(base.state).toBe('draft');
  });

  it('leaves out rejected changes, other events’ changes and moves from a state the record has left', () => {
    const record = { ...emptyProceedings('ev', 'en'), state: 'approved' as const };
    const shown = withPending(
      record,
      [
        row({ kind: 'review-move', target: 'whole', from: 'draft', to: 'in-review' }),
        row({ kind: 'consent-put', consented: true }, { reason: 'forbidden', message: 'no' }),
        row({ kind: 'consent-put', eventId: 'other', consented: true }),
      ],
      me,
    );
    expect(shown.state).toBe('approved');
    expect(shown.myConsent).toBe(false);
    expect(shown.pending.size).toBe(0);
  });
});
