import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { recordEventActivity } from '../../../../renderer/db/events.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

// jsdom has no CSS.escape, which React Aria's collections use (every browser has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

describe('the event switcher’s counts and news (issue 18)', () => {
  it('shows each event’s unread contributions and marks news in another event until it is opened', async () => {
    const db = freshDb();
    await seed(db);
    const base = { kind: 'seminar', place: '', status: 'running', visibility: 'closed', roles: ['expert'], version: 1 };
    await db.events.bulkPut([
      // The fixture's question legal-I-i has four contributions, one withdrawn; legal-II-i one.
      {
        ...base,
        id: 'feb',
        title: { en: 'February seminar' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
        questionIds: ['legal-I-i'],
      },
      {
        ...base,
        id: 'apr',
        title: { en: 'April conference' },
        startsOn: '2017-04-06',
        endsOn: '2017-04-07',
        questionIds: ['legal-II-i'],
      },
    ] as never[]);
    await db.meta.put({ key: 'currentEvent', value: 'apr' });
    await db.readState.put({ id: 'c-1', read: true, starred: false } as never);
    await renderApp(db, { hash: '#/agenda' });
    const button = await screen.findByTestId('event-switcher-button');
    expect(screen.queryByTestId('event-news-elsewhere')).toBeNull();

    // The live channel hints at February (the sync worker records it).
    await act(() => recordEventActivity(db, ['feb', 'apr'], 42));
    const dot = await screen.findByTestId('event-news-elsewhere');
    expect(dot.getAttribute('aria-label')).toBe('New activity in another event');

    act(() => button.focus());
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    fireEvent.keyUp(button, { key: 'ArrowDown' });
    const feb = await screen.findByTestId('event-option-feb');
    const apr = screen.getByTestId('event-option-apr');
    await waitFor(() => expect(within(feb).getByTestId('event-unread').textContent).toBe('2 unread'));
    expect(within(apr).getByTestId('event-unread').textContent).toBe('1 unread');
    expect(within(feb).getByTestId('event-news').textContent).toBe('New activity');
    expect(within(apr).queryByTestId('event-news')).toBeNull();

    // Opening February is looking at its news.
    fireEvent.click(feb);
    await waitFor(() => expect(screen.queryByTestId('event-news-elsewhere')).toBeNull());
    expect((await db.meta.get('eventActivity'))?.value).toEqual({});
  });
});
