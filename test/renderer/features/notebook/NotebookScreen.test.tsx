import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { hashText } from '../../../../shared/anchoring/index.js';
import type { AnnotationId, TagId } from '../../../../shared/model/annotations.js';
import type { ContributionId, ParticipantId } from '../../../../shared/model/entities.js';
import type { AnnotationRow, SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };
const FRENCH = 'Premier paragraphe en français.\n\nSecond paragraphe.';
const ENGLISH = 'First paragraph in English.\n\nSecond paragraph.';

function note(id: string, overrides: Partial<AnnotationRow>, language: 'fr' | 'en', exact: string, start: number) {
  const text = language === 'fr' ? FRENCH : ENGLISH;
  return {
    id: id as AnnotationId,
    authorId: ME.id,
    authorName: ME.name,
    contributionId: 'c-1' as ContributionId,
    target: {
      contributionId: 'c-1' as ContributionId,
      language,
      sourceVersion: 1,
      textHash: hashText(text),
      quote: { exact, prefix: '', suffix: '' },
      position: { start, end: start + exact.length },
    },
    note: `note ${id}`,
    tags: [] as TagId[],
    visibility: 'private' as const,
    createdAt: '2017-02-01T10:00:00.000Z',
    updatedAt: `2017-02-01T10:00:0${id.length % 10}.000Z`,
    version: 1,
    deleted: false,
    pending: 0 as const,
    ...overrides,
  } satisfies AnnotationRow;
}

let current: SeminarDb;
const withdraw = (id: string) =>
  current.contributions.update(id as ContributionId, { status: 'withdrawn', withdrawnReason: 'duplicate' });

async function openNotebook() {
  const db: SeminarDb = freshDb();
  current = db;
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  await db.tags.put({
    id: 'attribution' as TagId,
    label: { en: 'Attribution' },
    color: '#d62728',
    status: 'active',
    proposedBy: null,
    order: 1,
    version: 1,
    pending: 0,
  });
  await db.annotations.bulkPut([
    note('mine-fr', { tags: ['attribution' as TagId] }, 'fr', 'paragraphe en français', 8),
    note('mine-orphan', { visibility: 'seminar' }, 'en', 'a sentence that is gone', 3),
    note(
      'theirs',
      { authorId: 'p-2' as ParticipantId, authorName: 'Omar Haddad', visibility: 'seminar' },
      'en',
      'Second paragraph',
      29,
    ),
    note('deleted', { deleted: true }, 'en', 'First', 0),
  ]);
  const view = await renderApp(db, { hash: '#/notebook' });
  await screen.findByTestId('notebook');
  return view;
}

const ids = () =>
  screen
    .getAllByTestId('annotation-card')
    .map((card) => card.getAttribute('data-annotation-id'))
    .sort();

describe('NotebookScreen', () => {
  it('lists my notes, then the seminar’s too, and filters by language, tag and orphaned', async () => {
    await openNotebook();
    await waitFor(() => expect(ids()).toEqual(['mine-fr', 'mine-orphan']));
    fireEvent.click(screen.getByTestId('scope-seminar'));
    await waitFor(() => expect(ids()).toEqual(['mine-fr', 'mine-orphan', 'theirs']));
    fireEvent.change(screen.getByTestId('filter-language'), { target: { value: 'en' } });
    await waitFor(() => expect(ids()).toEqual(['mine-orphan', 'theirs']));
    fireEvent.click(screen.getByTestId('filter-orphans'));
    await waitFor(() => expect(ids()).toEqual(['mine-orphan']));
    expect(within(screen.getByTestId('annotation-card')).getByTestId('orphan-warning')).toBeTruthy();
    fireEvent.click(screen.getByTestId('filter-orphans'));
    fireEvent.change(screen.getByTestId('filter-language'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-tag'), { target: { value: 'attribution' } });
    await waitFor(() => expect(ids()).toEqual(['mine-fr']));
    expect(screen.getByTestId('notebook-count').textContent).toBe('1 note');
  });

  it('filters by event when the device holds several (issue 18): private notes are mine in every event', async () => {
    const db: SeminarDb = freshDb();
    await seed(db);
    await db.meta.put({ key: 'me', value: ME });
    const base = { kind: 'seminar', place: '', status: 'running', visibility: 'closed', roles: ['expert'], version: 1 };
    await db.events.bulkPut(
      [
        { ...base, id: 'feb', title: { en: 'February seminar' }, startsOn: '2017-02-01', endsOn: '2017-02-02' },
        { ...base, id: 'apr', title: { en: 'April conference' }, startsOn: '2017-04-06', endsOn: '2017-04-07' },
      ].map((e) => ({ ...e, questionIds: [] })) as never[],
    );
    await db.annotations.bulkPut([
      note('in-feb', { eventId: 'feb' }, 'fr', 'paragraphe en français', 8),
      note('in-apr', { eventId: 'apr', visibility: 'seminar' }, 'en', 'Second paragraph', 29),
      note('before-events', {}, 'en', 'First paragraph', 0),
    ]);
    await renderApp(db, { hash: '#/notebook' });
    await screen.findByTestId('notebook');
    await waitFor(() => expect(ids()).toEqual(['before-events', 'in-apr', 'in-feb']));
    const select = screen.getByTestId('filter-event') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'All events',
      'February seminar',
      'April conference',
    ]);
    fireEvent.change(select, { target: { value: 'feb' } });
    await waitFor(() => expect(ids()).toEqual(['in-feb']));
    fireEvent.change(select, { target: { value: 'apr' } });
    await waitFor(() => expect(ids()).toEqual(['in-apr']));
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(ids()).toEqual(['before-events', 'in-apr', 'in-feb']));
  });

  it('opens the contribution at the note', async () => {
    await openNotebook();
    await waitFor(() => expect(ids()).toContain('mine-fr'));
    const link = screen
      .getAllByTestId('open-annotation')
      .find((a) => a.getAttribute('href')?.endsWith('/notes/mine-fr'));
    expect(link?.getAttribute('href')).toBe('#/contributions/c-1/notes/mine-fr');
  });

  it('exports the notes shown as CSV with a BOM through the bridge', async () => {
    const { bridge } = await openNotebook();
    const save = vi.spyOn(bridge, 'saveFile');
    await waitFor(() => expect(ids()).toHaveLength(2));
    fireEvent.click(screen.getByTestId('export-csv'));
    await screen.findByTestId('export-saved');
    const [name, data, mime] = save.mock.calls[0]!;
    expect(name).toMatch(/^seminar-desk-notes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(mime).toBe('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('note mine-fr');
    expect(text).toContain('note mine-orphan');
    expect(text).not.toContain('note theirs');
    expect(text).toContain('Attribution');
  });

  it('marks notes on a withdrawn contribution and leaves them out of exports', async () => {
    const { bridge } = await openNotebook();
    await waitFor(() => expect(ids()).toHaveLength(2));
    expect(screen.queryByTestId('on-withdrawn')).toBeNull();
    await withdraw('c-1');
    await waitFor(() => expect(screen.getAllByTestId('on-withdrawn')).toHaveLength(2));
    expect(ids()).toEqual(['mine-fr', 'mine-orphan']);
    // The count says how many of them no export will hold.
    expect(screen.getByTestId('notebook-count').textContent).toBe(
      '2 notes, 2 on withdrawn contributions (not exported)',
    );
    const save = vi.spyOn(bridge, 'saveFile');
    fireEvent.click(screen.getByTestId('export-csv'));
    await screen.findByTestId('export-saved');
    const text = new TextDecoder().decode(save.mock.calls[0]![1]);
    expect(text).not.toContain('note mine-fr');
    expect(text).not.toContain('note mine-orphan');
  });

  it('says so when saving fails, in the user’s language', async () => {
    const { bridge } = await openNotebook();
    vi.spyOn(bridge, 'saveFile').mockRejectedValue(new Error('ENOSPC: no space left on device'));
    await waitFor(() => expect(ids()).toHaveLength(2));
    fireEvent.click(screen.getByTestId('export-jsonld'));
    const alert = await screen.findByTestId('export-failed');
    expect(alert.textContent).toContain('The storage of this device is full');
  });
});
