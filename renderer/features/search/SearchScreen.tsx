import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { useCommand } from '../../app/commands.js';
import { href } from '../../app/routes.js';
import type { IndexStatus, SearchFilters } from '../../search/protocol.js';
import { SearchFiltersForm } from './SearchFiltersForm.js';
import { SearchResultItem } from './SearchResultItem.js';
import { useSearchClient } from './search-context.js';
import { rememberAllEvents, rememberedAllEvents, rememberFilters, rememberedFilters } from './search-state.js';
import { eventScope, SearchScope } from './SearchScope.js';
import { useCurrentEvent } from '../events/use-current-event.js';
import { useIndexStatus, useSearch } from './use-search.js';
import './search.css';
import { MaterialSearchHits } from '../materials/MaterialSearchHits.js';

function IndexStatusLine({ status }: { status: IndexStatus | null }) {
  const { t } = useTranslation();
  if (!status || status.phase === 'ready') return null;
  const text =
    status.phase === 'failed'
      ? t('search.indexFailed')
      : status.phase === 'loading'
        ? t('search.indexLoading')
        : status.phase === 'waiting'
          ? t('search.indexWaiting')
          : t('search.indexing', { count: status.indexed });
  return (
    <p className="meta" role="status" data-testid="search-index-status" data-phase={status.phase}>
      {text}
    </p>
  );
}

/**
 * Full-text search over every language version of every contribution and the
 * notes on this device, offline. The index lives in a worker: typing only
 * sends the query there, so it stays fluid however large the corpus.
 */
export function SearchScreen({ initialQuery }: { initialQuery: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const client = useSearchClient();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useCommand('find', () => inputRef.current?.focus());
  const [query, setQuery] = useState(initialQuery);
  const [filters, setFilters] = useState<SearchFilters>(rememberedFilters);
  const [allEvents, setAllEvents] = useState(rememberedAllEvents);
  const events = useCurrentEvent();
  const questions = useLiveQuery(() => db.questions.orderBy('track').toArray(), [db], []);
  const tags = useLiveQuery(() => db.tags.orderBy('order').toArray(), [db], []);
  const byId = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  // The current event by default (issue 18): contributions to its agenda's questions, notes written in it.
  const scope = allEvents ? null : (events?.current ?? null);
  const request = useMemo(
    () => ({ query, filters: { ...filters, ...eventScope(scope) }, uiLang }),
    [query, filters, uiLang, scope],
  );
  const search = useSearch(client, request);
  const status = useIndexStatus(client);

  // The query lives in the address, so "back" from a result returns to it; replaced, not pushed, per keystroke.
  useEffect(() => {
    const target = href({ name: 'search', query });
    if (window.location.hash !== target) window.history.replaceState(null, '', target);
  }, [query]);
  useEffect(() => rememberFilters(filters), [filters]);
  useEffect(() => rememberAllEvents(allEvents), [allEvents]);

  const sortedQuestions = useMemo(
    () =>
      [...questions]
        .filter((q) => !scope?.questionIds.length || scope.questionIds.includes(q.id))
        .sort((a, b) => a.track.localeCompare(b.track) || a.order - b.order),
    [questions, scope],
  );
  const response = search.response;
  const hasQuery = query.trim() !== '';

  return (
    <section
      className="search"
      aria-labelledby="search-title"
      data-testid="search-screen"
      data-index-phase={status?.phase}
      data-index-from-disk={status ? String(status.fromDisk) : undefined}
    >
      <h2 id="search-title">{t('search.title')}</h2>
      <form className="search-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={inputId}>{t('search.label')}</label>
        <input
          id={inputId}
          type="search"
          dir="auto"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          ref={inputRef}
          data-testid="search-input"
          aria-describedby={`${inputId}-hint`}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="meta" id={`${inputId}-hint`}>
          {t('search.hint')}
        </p>
      </form>
      {events?.current ? (
        <SearchScope current={events.current} all={allEvents} count={events.events.length} onChange={setAllEvents} />
      ) : null}
      <SearchFiltersForm filters={filters} questions={sortedQuestions} tags={tags} onChange={setFilters} />
      {client ? <IndexStatusLine status={status} /> : <p role="alert">{t('search.unavailable')}</p>}
      {search.failed ? (
        <p className="banner banner-error" role="alert">
          {t('search.failed')}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="meta" data-testid="search-count" aria-busy={search.searching}>
        {!hasQuery || !response
          ? ''
          : response.total === 0
            ? t('search.none')
            : response.approximate
              ? t('search.countApproximate', { count: response.total })
              : t('search.count', { count: response.total })}
      </p>
      {hasQuery ? (
        <ol className="search-results" data-testid="search-results" aria-busy={search.searching}>
          {search.groups.map((group) => (
            <SearchResultItem key={group.contributionId} group={group} question={byId.get(group.questionId)} />
          ))}
        </ol>
      ) : null}
      {hasQuery ? <MaterialSearchHits query={query} /> : null}
      {hasQuery && response && response.nextOffset !== null ? (
        <button type="button" data-testid="search-more" disabled={search.loadingMore} onClick={search.more}>
          {t('search.more')}
        </button>
      ) : null}
    </section>
  );
}
