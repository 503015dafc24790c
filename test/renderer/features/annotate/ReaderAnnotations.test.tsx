import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../../../shared/anchoring/index.js';
import type { AnnotationId, TagId } from '../../../../shared/model/annotations.js';
import type { ContributionId, ParticipantId } from '../../../../shared/model/entities.js';
import type { AnnotationRow, SeminarDb } from '../../../../renderer/db/database.js';
import { selectTextRange } from '../../../../renderer/features/annotate/selection-offsets.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };
const ENGLISH = 'First paragraph in English.\n\nSecond paragraph.';

async function openReader(setup?: (db: SeminarDb) => Promise<void>) {
  const db = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  await db.tags.bulkPut([
    {
      id: 'due-diligence' as TagId,
      label: { en: 'Due diligence', fr: 'Diligence raisonnable' },
      color: '#1f77b4',
      status: 'active',
      proposedBy: null,
      order: 1,
      version: 1,
      pending: 0,
    },
    {
      id: 'attribution' as TagId,
      label: { en: 'Attribution' },
      color: '#d62728',
      status: 'active',
      proposedBy: null,
      order: 2,
      version: 1,
      pending: 0,
    },
  ]);
  await setup?.(db);
  await renderApp(db, { hash: '#/contributions/c-1' });
  await screen.findByTestId('notes-panel');
  return db;
}

/** Selects [start, end) of the shown text the way a user's drag or Shift+arrows would. */
function select(start: number, end: number) {
  const body = screen.getByTestId('text-body');
  const range = selectTextRange(body, { start, end });
  if (!range) throw new Error('range not found');
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return body;
}

function otherAnnotation(overrides: Partial<AnnotationRow> = {}): AnnotationRow {
  const french = 'Premier paragraphe en français.\n\nSecond paragraphe.';
  return {
    id: 'a-other' as AnnotationId,
    authorId: 'p-2' as ParticipantId,
    authorName: 'Omar Haddad',
    contributionId: 'c-1' as ContributionId,
    target: {
      contributionId: 'c-1' as ContributionId,
      language: 'fr',
      sourceVersion: 1,
      textHash: hashText(french),
      quote: { exact: 'paragraphe en français', prefix: 'Premier ', suffix: '.\n\nSecond paragraphe.' },
      position: { start: 8, end: 30 },
    },
    note: 'Voir la doctrine.',
    tags: ['due-diligence' as TagId],
    visibility: 'seminar',
    createdAt: '2017-02-01T10:00:00.000Z',
    updatedAt: '2017-02-01T10:00:00.000Z',
    version: 3,
    deleted: false,
    pending: 0,
    ...overrides,
  };
}

describe('annotating in the reader', () => {
  it('highlights a keyboard selection, saves note, tags and visibility with its outbox entry', async () => {
    const db = await openReader();
    const body = select(6, 26);
    fireEvent.keyUp(body, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(body, { key: 'Enter' });
    const editor = await screen.findByTestId('annotation-editor');
    expect(within(editor).getByText('paragraph in English')).toBeTruthy();
    fireEvent.change(within(editor).getByTestId('note-input'), { target: { value: 'Key passage on private actors.' } });
    fireEvent.click(within(editor).getAllByTestId('tag-choice')[1]!);
    fireEvent.click(within(editor).getByTestId('visibility-seminar'));
    fireEvent.click(within(editor).getByTestId('save-annotation'));

    await waitFor(() => expect(screen.queryByTestId('annotation-editor')).toBeNull());
    const [row] = await db.annotations.toArray();
    expect(row).toMatchObject({
      authorId: 'me-1',
      note: 'Key passage on private actors.',
      tags: ['attribution'],
      visibility: 'seminar',
      pending: 1,
      version: 0,
      target: {
        contributionId: 'c-1',
        language: 'en',
        textHash: hashText(ENGLISH),
        quote: { exact: 'paragraph in English', prefix: 'First ' },
        position: { start: 6, end: 26 },
      },
    });
    // Opening the contribution also queued its read state; the annotation follows it.
    const outbox = (await db.outbox.toArray()).filter((o) => o.kind !== 'read-state');
    expect(outbox.map((o) => o.mutation)).toEqual([
      expect.objectContaining({
        kind: 'annotation-put',
        baseVersion: null,
        annotation: expect.objectContaining({ id: row!.id }),
      }),
    ]);
    const mark = await screen.findByTestId('highlight');
    expect(mark.textContent).toBe('paragraph in English');
    expect(mark.getAttribute('data-annotation-id')).toBe(row!.id);
    const card = screen.getByTestId('annotation-card');
    expect(within(card).getByTestId('annotation-note').textContent).toBe('Key passage on private actors.');
    expect(within(card).getByTestId('visibility-badge').textContent).toBe('Shared');
  });

  it('disables “Highlight” until something is selected, and refuses a whitespace-only selection', async () => {
    await openReader();
    const button = screen.getByTestId('highlight-selection') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const body = select(27, 29); // the blank line between the paragraphs
    fireEvent.mouseUp(body);
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    expect((await screen.findByTestId('annotate-problem')).textContent).toBe(
      'The selection holds only spaces: select some words.',
    );
    expect(screen.queryByTestId('annotation-editor')).toBeNull();
  });

  it('edits, deletes and undoes the delete of my own note, each with an outbox entry', async () => {
    const db = await openReader(async (db) => {
      await db.annotations.put(
        otherAnnotation({ id: 'a-mine' as AnnotationId, authorId: ME.id, authorName: ME.name, visibility: 'private' }),
      );
    });
    const card = await screen.findByTestId('annotation-card');
    fireEvent.click(within(card).getByTestId('edit-annotation'));
    const editor = await screen.findByTestId('annotation-editor');
    fireEvent.change(within(editor).getByTestId('note-input'), { target: { value: 'Revised.' } });
    fireEvent.click(within(editor).getByTestId('save-annotation'));
    await waitFor(async () => expect((await db.annotations.get('a-mine' as AnnotationId))?.note).toBe('Revised.'));

    fireEvent.click(within(screen.getByTestId('annotation-card')).getByTestId('delete-annotation-card'));
    await waitFor(() => expect(screen.queryByTestId('annotation-card')).toBeNull());
    expect((await db.annotations.get('a-mine' as AnnotationId))?.deleted).toBe(true);
    fireEvent.click(within(screen.getByTestId('undo-delete')).getByRole('button', { name: 'Undo' }));
    await screen.findByTestId('annotation-card');
    expect((await db.annotations.get('a-mine' as AnnotationId))?.deleted).toBe(false);
    const kinds = (await db.outbox.toArray())
      .filter((o) => o.kind !== 'read-state')
      .map((o) => [o.mutation.kind, 'baseVersion' in o.mutation ? o.mutation.baseVersion : null]);
    expect(kinds).toEqual([
      ['annotation-put', 3],
      ['annotation-delete', 3],
      ['annotation-put', 3],
    ]);
  });

  it('lists another participant’s French note beside the English text and marks its paragraph', async () => {
    await openReader(async (db) => {
      await db.annotations.put(otherAnnotation());
    });
    const others = await screen.findByTestId('others-notes');
    const card = within(others).getByTestId('annotation-card');
    expect(card.getAttribute('data-lang')).toBe('fr');
    expect(card.textContent).toContain('Omar Haddad');
    expect(card.textContent).toContain('Due diligence');
    expect(within(card).queryByTestId('edit-annotation')).toBeNull();
    // Its highlight is on the French original; the English version marks the same paragraph.
    expect(screen.queryByTestId('highlight')).toBeNull();
    const paragraphs = screen.getByTestId('text-body').querySelectorAll('p');
    expect(paragraphs[0]!.getAttribute('data-noted')).toBe('true');
    expect(paragraphs[1]!.getAttribute('data-noted')).toBeNull();

    fireEvent.click(within(card).getByTestId('show-annotation'));
    await waitFor(() => expect(screen.getByTestId('text-block').getAttribute('data-lang')).toBe('fr'));
    expect((await screen.findByTestId('highlight')).textContent).toBe('paragraphe en français');
  });

  it('keeps an orphaned note listed with its quote and says so', async () => {
    await openReader(async (db) => {
      const orphan = otherAnnotation({ id: 'a-orphan' as AnnotationId, authorId: ME.id });
      orphan.target = {
        ...orphan.target,
        textHash: 'stale',
        quote: { exact: 'une phrase supprimée depuis longtemps', prefix: '', suffix: '' },
        position: { start: 2, end: 39 },
      };
      await db.annotations.put(orphan);
    });
    const card = await screen.findByTestId('annotation-card');
    expect(card.getAttribute('data-status')).toBe('orphan');
    expect(within(card).getByTestId('orphan-warning')).toBeTruthy();
    expect(card.textContent).toContain('une phrase supprimée depuis longtemps');
    await act(async () => {});
    expect(screen.queryByTestId('highlight')).toBeNull();
  });
});
