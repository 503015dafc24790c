import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
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

// jsdom has no CSS.escape, which React Aria's collections use (every browser has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

describe('AgendaScreen with several events (issue 18)', () => {
  it('shows the current event’s sessions only, and follows the event switcher, offline', async () => {
    const db = freshDb();
    await seed(db);
    const base = {
      kind: 'closed-seminar',
      place: 'Paris',
      status: 'running',
      visibility: 'closed',
      questionIds: [],
      roles: ['expert'],
      version: 1,
    } as const;
    await db.events.bulkPut([
      {
        ...base,
        id: 'feb',
        title: { en: 'February seminar' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
        status: 'closed',
      },
      {
        ...base,
        id: 'apr',
        kind: 'conference',
        title: { en: 'April conference' },
        startsOn: '2017-04-06',
        endsOn: '2017-04-07',
      },
    ] as never[]);
    // The fixture's sessions are February's; April has one panel.
    await db.sessions.toCollection().modify({ eventId: 'feb' });
    await db.sessions.put({
      id: 'apr-panel',
      eventId: 'apr',
      day: 1,
      date: '2017-04-06',
      order: 1,
      title: { en: 'Panel on due diligence' },
      questionIds: [],
      version: 1,
    });
    await renderApp(db, { hash: '#/agenda' });
    // The running event comes first.
    expect((await screen.findByTestId('agenda-event')).textContent).toContain('April conference');
    expect(await screen.findByText('Panel on due diligence')).toBeTruthy();
    expect(screen.queryAllByTestId('agenda-day')).toHaveLength(1);
    const switcher = screen.getByTestId('event-switcher-button');
    expect(switcher.textContent).toContain('April conference');
    // By keyboard, as in the app: open, move to February (the first, by date), choose.
    act(() => switcher.focus());
    fireEvent.keyDown(switcher, { key: 'ArrowDown' });
    fireEvent.keyUp(switcher, { key: 'ArrowDown' });
    const feb = await screen.findByTestId('event-option-feb');
    // The list opens on the chosen event (April); February is the one above it.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('event-option-apr'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement).toBe(feb));
    fireEvent.keyDown(feb, { key: 'Enter' });
    fireEvent.keyUp(feb, { key: 'Enter' });
    expect(await screen.findByText(/February seminar/, { selector: '[data-testid="agenda-event"] *' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Panel on due diligence')).toBeNull());
    expect(screen.getAllByTestId('agenda-day')).toHaveLength(2);
    expect((await db.meta.get('currentEvent'))?.value).toBe('feb');
  });
});

describe('a conference programme on the agenda (issue 18)', () => {
  it('marks panels and keynotes and lists their chair first, then the speakers, with affiliation and kind', async () => {
    const db = freshDb();
    await seed(db);
    await db.sessions.clear();
    await db.sessions.put({
      id: 'apr-panel',
      day: 1,
      date: '2017-04-06',
      order: 1,
      title: { en: 'Panel 1: due diligence' },
      questionIds: [],
      format: 'panel',
      speakers: [
        { name: 'Kim Min-jun', role: 'speaker', affiliation: 'Digital rights NGO', kind: 'ngo' },
        { name: 'Dr. Amina Diallo', role: 'chair', affiliation: 'Institute of law', kind: 'legal-expert' },
        { name: 'José Martins', role: 'speaker' },
      ],
      version: 1,
    } as never);
    await db.sessions.put({
      id: 'apr-day',
      day: 1,
      date: '2017-04-06',
      order: 2,
      title: { en: 'Working session' },
      questionIds: [],
      version: 1,
    } as never);
    await renderApp(db, { hash: '#/agenda' });
    expect((await screen.findByTestId('session-format')).textContent).toBe('Panel');
    expect(screen.getAllByTestId('session-format')).toHaveLength(1);
    const speakers = screen.getAllByTestId('speaker').map((li) => li.textContent);
    expect(speakers).toEqual([
      'Chair Dr. Amina Diallo · Institute of law · Legal expert',
      ' Kim Min-jun · Digital rights NGO · NGO',
      ' José Martins',
    ]);
    expect(screen.getAllByTestId('session-speakers')).toHaveLength(1);
  });
});
