import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../../../shared/anchoring/index.js';
import type { AnnotationId, TagId } from '../../../../shared/model/annotations.js';
import type { ContributionId, ParticipantId } from '../../../../shared/model/entities.js';
import type { AnnotationRow, SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };
const TEXT = 'First paragraph in English.\n\nSecond paragraph.';

function conflicted(id: string, deleted: boolean, authorId = ME.id): AnnotationRow {
  const exact = 'First paragraph';
  return {
    id: id as AnnotationId,
    authorId,
    authorName: ME.name,
    contributionId: 'c-1' as ContributionId,
    target: {
      contributionId: 'c-1' as ContributionId,
      language: 'en',
      sourceVersion: 1,
      textHash: hashText(TEXT),
      quote: { exact, prefix: '', suffix: '' },
      position: { start: 0, end: exact.length },
    },
    note: `server text of ${id}`,
    tags: [] as TagId[],
    visibility: 'private',
    createdAt: '2017-02-01T10:00:00.000Z',
    updatedAt: '2017-02-01T10:00:00.000Z',
    version: 4,
    deleted,
    pending: 1,
    conflict: { base: 'base', local: `my text of ${id}`, server: `server text of ${id}`, serverVersion: 4 },
  };
}

describe('Outbox: notes waiting for a decision', () => {
  it('lists my conflicted notes, deleted ones included, and resolving a deleted one keeps it deleted', async () => {
    const db: SeminarDb = freshDb();
    await seed(db);
    await db.meta.put({ key: 'me', value: ME });
    await db.annotations.bulkPut([
      conflicted('live', false),
      conflicted('gone', true),
      conflicted('theirs', false, 'p-2' as ParticipantId),
    ]);
    await renderApp(db, { hash: '#/outbox' });

    const items = await screen.findAllByTestId('open-conflict');
    expect(items.map((li) => li.getAttribute('data-deleted'))).toEqual(['true', 'false']);
    expect(screen.getByTestId('open-conflicts').querySelector('h3')?.textContent).toBe(
      '2 notes waiting for your decision',
    );
    const gone = items[0]!;
    expect(within(gone).getByTestId('conflict-local').textContent).toBe('my text of gone');
    expect(within(gone).getByTestId('conflict-server').textContent).toBe('server text of gone');

    fireEvent.click(within(gone).getByTestId('keep-local'));
    await waitFor(() => expect(screen.getAllByTestId('open-conflict')).toHaveLength(1));
    const row = await db.annotations.get('gone' as AnnotationId);
    expect(row).toMatchObject({ note: 'my text of gone', deleted: true, conflict: null, pending: 1 });
    // The chosen text goes to the server's tombstone: put on the conflict's version, then the deletion.
    const queued = (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.mutation);
    expect(queued.map((m) => m.kind)).toEqual(['annotation-put', 'annotation-delete']);
    expect(queued[0]).toMatchObject({ baseVersion: 4, annotation: { id: 'gone', note: 'my text of gone' } });
  });
});
