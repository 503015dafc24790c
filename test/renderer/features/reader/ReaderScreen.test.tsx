import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ContributionId } from '../../../../shared/model/entities.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

// A test double of renderer/db/queries.ts: the screen's contract is "call setRead/toggleStar".
vi.mock('../../../../renderer/db/queries.js', () => ({
  setRead: vi.fn(async (db: SeminarDb, id: ContributionId, read: boolean) => {
    const mark = await db.readState.get(id);
    await db.readState.put({ id, read, starred: mark?.starred ?? false, updatedAt: new Date().toISOString() });
  }),
  toggleStar: vi.fn(async (db: SeminarDb, id: ContributionId) => {
    const mark = await db.readState.get(id);
    await db.readState.put({
      id,
      read: mark?.read ?? false,
      starred: !mark?.starred,
      updatedAt: new Date().toISOString(),
    });
  }),
}));

async function openReader(id: string) {
  const db = freshDb();
  await seed(db);
  await renderApp(db, { hash: `#/contributions/${id}` });
  await screen.findByTestId('reader');
  return db;
}

const blocks = () => screen.getAllByTestId('text-block');

describe('ReaderScreen', () => {
  it('shows the UI-language version with the machine-translation badge and engine', async () => {
    await openReader('c-1');
    await waitFor(() => expect(blocks()).toHaveLength(1));
    const block = blocks()[0]!;
    expect(block.getAttribute('data-lang')).toBe('en');
    expect(within(block).getByTestId('machine-badge').textContent).toBe('Machine translation · systran');
    const body = within(block).getByTestId('text-body');
    expect(body.getAttribute('lang')).toBe('en');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'First paragraph in English.',
      'Second paragraph.',
    ]);
  });

  it('shows the original one click away', async () => {
    await openReader('c-1');
    fireEvent.click(await screen.findByRole('button', { name: 'Show original' }));
    await waitFor(() => expect(blocks()[0]!.getAttribute('data-lang')).toBe('fr'));
    expect(screen.getByText('Premier paragraphe en français.')).toBeTruthy();
    expect(screen.getByTestId('original-badge')).toBeTruthy();
    expect(screen.queryByTestId('machine-badge')).toBeNull();
  });

  it('shows original and translation side by side', async () => {
    await openReader('c-1');
    fireEvent.click(await screen.findByRole('button', { name: 'Side by side' }));
    const view = await screen.findByTestId('side-by-side-view');
    const langs = within(view)
      .getAllByTestId('text-block')
      .map((block) => block.getAttribute('data-lang'));
    expect(langs).toEqual(['fr', 'en']);
    expect(within(view).getByText('Premier paragraphe en français.')).toBeTruthy();
    expect(within(view).getByText('First paragraph in English.')).toBeTruthy();
  });

  it('switches among the available language versions', async () => {
    await openReader('c-1');
    fireEvent.change(await screen.findByLabelText('Language version'), { target: { value: 'ar' } });
    await waitFor(() => expect(blocks()[0]!.getAttribute('data-lang')).toBe('ar'));
    expect(within(blocks()[0]!).getByTestId('text-body').getAttribute('dir')).toBe('rtl');
  });

  it('warns when the translation was made from an older original', async () => {
    await openReader('c-2');
    expect(await screen.findByTestId('stale-warning')).toBeTruthy();
  });

  it('falls back to the original when the UI language has no version, and says when withdrawn', async () => {
    await openReader('c-4');
    await waitFor(() => expect(blocks()[0]!.getAttribute('data-lang')).toBe('fr'));
    expect(screen.getByTestId('withdrawn').textContent).toMatch(/withdrawn/);
  });

  it('marks the contribution read on open and toggles the star', async () => {
    const db = await openReader('c-1');
    await waitFor(async () => expect((await db.readState.get('c-1' as ContributionId))?.read).toBe(true));
    const star = screen.getByTestId('star-toggle');
    expect(star.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(star);
    await waitFor(() => expect(screen.getByTestId('star-toggle').getAttribute('aria-pressed')).toBe('true'));
  });

  it('in Arabic, turns the document right-to-left and shows the Arabic version with dir rtl', async () => {
    await openReader('c-1');
    fireEvent.change(screen.getByTestId('language-picker'), { target: { value: 'ar' } });
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(document.documentElement.lang).toBe('ar');
    await waitFor(() => expect(blocks()[0]!.getAttribute('data-lang')).toBe('ar'));
    const body = within(blocks()[0]!).getByTestId('text-body');
    expect(body.getAttribute('dir')).toBe('rtl');
    expect(body.getAttribute('lang')).toBe('ar');
    expect(within(blocks()[0]!).getByTestId('machine-badge').textContent).toBe('ترجمة آلية · systran');
    await act(async () => {});
  });
});
