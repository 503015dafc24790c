import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

describe('AgendaScreen', () => {
  it('lists the seminar days in order, each with its questions', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/agenda' });
    const days = await screen.findAllByTestId('agenda-day');
    expect(days).toHaveLength(2);
    expect(within(days[0]!).getByRole('heading', { level: 3 }).textContent).toMatch(/Day 1.*2017/);
    expect(within(days[0]!).getByRole('link', { name: /II\.i How to attribute an attack\?/ })).toBeTruthy();
    expect(
      within(days[1]!)
        .getByRole('link', { name: /I\.i What place for private actors\?/ })
        .getAttribute('href'),
    ).toBe('#/questions/legal-I-i');
  });

  it('says when the agenda is not synchronised yet', async () => {
    await renderApp(freshDb(), { hash: '#/agenda' });
    expect(await screen.findByText(/not on this device yet/)).toBeTruthy();
  });
});
