import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContributionId } from '../../../../shared/model/entities.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const names = () =>
  screen.queryAllByTestId('contribution-item').map((item) => item.querySelector('.author')?.textContent);

describe('ContributionListScreen', () => {
  it('lists only published contributions and filters by original language and author kind', async () => {
    const db = freshDb();
    await seed(db);
    await db.readState.put({
      id: 'c-1' as ContributionId,
      read: true,
      starred: true,
      updatedAt: '2017-01-01T00:00:00Z',
    });
    await renderApp(db, { hash: '#/questions/legal-I-i' });

    await waitFor(() => expect(names()).toEqual(['Claire Dupont', 'Netzwerk e.V.', 'Jean Martin']));
    expect(screen.getByTestId('contribution-count').textContent).toBe('3 contributions');

    const claire = screen.getAllByTestId('contribution-item')[0]!;
    expect(claire.querySelector('[data-testid="starred-marker"]')).toBeTruthy();
    expect(claire.querySelector('[data-testid="unread-marker"]')).toBeNull();
    expect(screen.getAllByTestId('unread-marker')).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Original language'), { target: { value: 'fr' } });
    await waitFor(() => expect(names()).toEqual(['Claire Dupont', 'Jean Martin']));

    fireEvent.change(screen.getByLabelText('Author'), { target: { value: 'individual' } });
    await waitFor(() => expect(names()).toEqual(['Jean Martin']));
    expect(screen.getByTestId('contribution-count').textContent).toBe('1 contribution');

    fireEvent.change(screen.getByLabelText('Original language'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Author'), { target: { value: 'ngo' } });
    await waitFor(() => expect(names()).toEqual(['Netzwerk e.V.']));
  });

  it('renders only a window of a long list', async () => {
    const db = freshDb();
    await seed(db);
    const base = (await db.contributions.get('c-3' as ContributionId))!;
    await db.contributions.bulkPut(
      Array.from({ length: 2000 }, (_, i) => ({
        ...base,
        id: `bulk-${i}` as ContributionId,
        createdAt: `2018-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      })),
    );
    await renderApp(db, { hash: '#/questions/legal-I-i' });
    // The question's overview pane reads the same 2,003 rows at the same time, from fake-indexeddb.
    await waitFor(() => expect(screen.getByTestId('contribution-count').textContent).toBe('2,003 contributions'), {
      timeout: 5000,
    });
    const rendered = screen.getAllByTestId('contribution-item').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
  });
});
