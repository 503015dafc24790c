import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App.js';
import { applyPullPage } from '../../../../renderer/db/apply-page.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { SearchClientContext } from '../../../../renderer/features/search/search-context.js';
import { inProcessSearchClient } from '../../../../renderer/search/in-process-client.js';
import type { SearchClient } from '../../../../renderer/search/search-client.js';
import { SearchStore } from '../../../../renderer/search/search-store.js';
import { CONNECTED, fakeBridge, freshDb, questions } from '../../fixtures.js';
import { multilingual, ONLY } from '../../search/search-fixtures.js';
import { fakeChangeServer } from '../../sync/fake-change-server.js';

let db: SeminarDb;
let client: SearchClient;
let store: SearchStore;
let server: ReturnType<typeof fakeChangeServer>;

beforeEach(async () => {
  db = freshDb();
  server = fakeChangeServer([
    ...questions.map((record) => ({ kind: 'question' as const, record })),
    { kind: 'contribution', record: multilingual('c-multi') },
  ]);
  await applyPullPage(db, server.page(0, 100));
  store = new SearchStore(`search-screen-${Math.random().toString(36).slice(2)}`);
  client = inProcessSearchClient({ db, store, saveDelayMs: 10 });
  await client.flush();
});

afterEach(() => {
  client.stop();
  store.close();
});

async function renderSearch(hash = '#/search') {
  window.location.hash = hash;
  const bridge = fakeBridge(CONNECTED);
  const [settings, appInfo] = await Promise.all([bridge.getSettings(), bridge.getAppInfo()]);
  render(
    <SearchClientContext.Provider value={client}>
      <App db={db} bridge={bridge} appInfo={appInfo} initialSettings={settings} />
    </SearchClientContext.Provider>,
  );
  return (await screen.findByTestId('search-input')) as HTMLInputElement;
}

const type = (input: HTMLInputElement, value: string) => fireEvent.change(input, { target: { value } });
const hits = (element: HTMLElement) =>
  within(element)
    .queryAllByTestId('search-hit')
    .map((mark) => mark.textContent);

describe('SearchScreen', () => {
  it('shows each match with its language, its origin and the word highlighted', async () => {
    const input = await renderSearch();
    await type(input, 'takedown');
    const match = await screen.findByTestId('search-match');
    expect(match.getAttribute('data-lang')).toBe('en');
    expect(within(match).getByTestId('search-machine-badge').textContent).toBe('Machine translation · systran');
    expect(hits(match)).toEqual(['takedown']);
    expect(screen.getByTestId('search-count').textContent).toBe('1 contribution found');
    // The query is kept in the address, for "back" from the reader.
    expect(window.location.hash).toBe('#/search/takedown');
  });

  it('marks Arabic and Chinese passages with their own language and direction', async () => {
    const input = await renderSearch();
    await type(input, 'الدولة ');
    const arabic = await screen.findByTestId('search-match');
    const snippet = within(arabic).getByTestId('snippet');
    expect(snippet.getAttribute('lang')).toBe('ar');
    expect(snippet.getAttribute('dir')).toBe('auto');
    expect(hits(arabic)).toEqual(['الدَّوْلَةُ']);
    await type(input, '领土 ');
    await waitFor(() => expect(screen.getByTestId('search-match').getAttribute('data-lang')).toBe('zh'));
    expect(hits(screen.getByTestId('search-match'))).toEqual(['领土']);
  });

  it('opens the reader on the matching version, with the match marked', async () => {
    const input = await renderSearch();
    await type(input, 'осмотрительность ');
    const match = await screen.findByTestId('search-match');
    expect(match.getAttribute('href')).toMatch(/^#\/contributions\/c-multi\/at\/ru\/\d+-\d+$/);
    act(() => {
      window.location.hash = match.getAttribute('href')!;
    });
    const body = await screen.findByTestId('text-body');
    expect(body.getAttribute('lang')).toBe('ru');
    const mark = await waitFor(() => {
      const found = body.querySelector('[data-annotation-id~="search-match"]');
      if (!found) throw new Error('no search mark yet');
      return found;
    });
    expect(mark.textContent).toBe('осмотрительность');
    expect(ONLY.ru.text).toContain(mark.textContent!);
  });

  it('filters by the language that matched', async () => {
    const input = await renderSearch();
    await type(input, 'takedown ');
    await screen.findByTestId('search-match');
    fireEvent.change(screen.getByTestId('search-filter-matched'), { target: { value: 'ru' } });
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('No contribution matches.'));
    expect(screen.queryByTestId('search-result')).toBeNull();
    fireEvent.click(screen.getByTestId('search-clear-filters'));
    await screen.findByTestId('search-result');
  });

  it('says that what a sync brings is searchable once it is done (issue 19)', async () => {
    const input = await renderSearch();
    client.holdIndexing(true);
    const since = server.page(0, 100).checkpoint;
    server.add({ kind: 'contribution', record: multilingual('c-later') });
    await act(async () => void (await applyPullPage(db, server.page(since, 100))));
    const status = await screen.findByTestId('search-index-status');
    expect(status.getAttribute('data-phase')).toBe('waiting');
    expect(status.textContent).toBe('Search will include what the sync brings once it is done.');
    act(() => client.holdIndexing(false));
    await waitFor(() => expect(screen.queryByTestId('search-index-status')).toBeNull());
    await type(input, 'takedown');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toMatch(/^2 /));
  });

  it('says when search is not available', async () => {
    window.location.hash = '#/search';
    const bridge = fakeBridge(CONNECTED);
    const [settings, appInfo] = await Promise.all([bridge.getSettings(), bridge.getAppInfo()]);
    render(<App db={db} bridge={bridge} appInfo={appInfo} initialSettings={settings} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Search is not available.');
  });
});

describe('search in the current event or all of them (issue 18)', () => {
  it('searches the current event’s agenda by default, and every event when asked', async () => {
    const base = { kind: 'seminar', place: '', status: 'running', visibility: 'closed', roles: ['expert'], version: 1 };
    await db.events.bulkPut([
      {
        ...base,
        id: 'feb',
        title: { en: 'February seminar' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
        questionIds: ['legal-II-i'],
      },
      {
        ...base,
        id: 'apr',
        title: { en: 'April conference' },
        startsOn: '2017-04-06',
        endsOn: '2017-04-07',
        questionIds: ['legal-I-i'],
      },
    ] as never[]);
    await db.meta.put({ key: 'currentEvent', value: 'feb' });
    const input = await renderSearch();
    const scope = (await screen.findByTestId('search-scope')) as HTMLSelectElement;
    expect(scope.selectedOptions[0]!.textContent).toBe('This event: February seminar');
    // c-multi answers legal-I-i, on April's agenda only.
    type(input, ONLY.zh.only);
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('No contribution matches.'));
    fireEvent.change(scope, { target: { value: 'all' } });
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
    expect(scope.selectedOptions[0]!.textContent).toBe('All my events (2)');
  });
});
