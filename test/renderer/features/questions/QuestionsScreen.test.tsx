import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

describe('QuestionsScreen', () => {
  it('groups both tracks by theme with context paragraphs and published-contribution counts', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/questions' });
    expect(await screen.findByRole('heading', { name: 'Legal experts' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'All contributors' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Governance and regulation' })).toBeTruthy();

    const items = screen.getAllByTestId('question-item');
    const first = items.find((item) => item.textContent?.includes('What place for private actors?'))!;
    // c-4 is withdrawn: three published contributions remain.
    expect(await within(first).findByText('3 contributions')).toBeTruthy();
    const paragraphs = within(first).getByTestId('question-context').querySelectorAll('p');
    expect([...paragraphs].map((p) => p.textContent)).toEqual([
      'First context paragraph.',
      'Second context paragraph.',
    ]);

    const attribution = items.find((item) => item.textContent?.includes('How to attribute'))!;
    expect(within(attribution).getByText('1 contribution')).toBeTruthy();
    const pub = items.find((item) => item.textContent?.includes('secure cyberspace'))!;
    expect(within(pub).getByText('0 contributions')).toBeTruthy();
  });
});
