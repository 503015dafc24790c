import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { ListTree, PenLine } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContributionId, QuestionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { ContextText } from '../questions/ContextText.js';
import { ContributionFilters } from './ContributionFilters.js';
import { ContributionListItem } from './ContributionListItem.js';
import { useContributionList, type ListFilters } from './use-contribution-list.js';
import { useStartDraft } from '../compose/use-start-draft.js';
import { setPreferences, usePreferences } from '../../ui/preferences.js';
import '../threads/threads.css';

const ROW_ESTIMATE = 112;

/** A question and its published contributions, virtualised so 10,000 rows scroll smoothly. */
export function ContributionListScreen({
  questionId,
  current,
}: {
  questionId: QuestionId;
  /** The contribution open beside the list, marked in it. */
  current?: ContributionId;
}) {
  const startDraft = useStartDraft();
  const { t } = useTranslation();
  const { db } = useApp();
  const [filters, setFilters] = useState<ListFilters>({ language: 'all', authorKind: 'all' });
  const question = useLiveQuery(() => db.questions.get(questionId), [db, questionId], null);
  const { contributionLayout: layout } = usePreferences();
  const data = useContributionList(db, questionId, filters, layout);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = data?.rows ?? [];
  const entries = data?.entries ?? [];
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's own API, used as documented
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    getItemKey: (index) => {
      const entry = entries[index];
      return entry ? (entry.kind === 'contribution' ? entry.row.id : `withdrawn:${entry.id}`) : index;
    },
  });

  if (question === null) return <p role="status">{t('app.loading')}</p>;
  if (question === undefined) return <p role="alert">{t('contributions.questionNotFound')}</p>;
  return (
    <section className="contribution-screen" aria-labelledby="question-title" data-testid="question-screen">
      <p className="back-link">
        <a href={href({ name: 'questions' })}>{t('contributions.back')}</a>
      </p>
      <h2 id="question-title">
        <span className="code">{question.code}</span> <Localized text={question.title} />
      </h2>
      <p className="list-actions">
        <button type="button" data-testid="write-contribution" onClick={() => void startDraft(questionId)}>
          <PenLine className="icon" aria-hidden="true" />
          {t('compose.write')}
        </button>{' '}
        <button
          type="button"
          aria-pressed={layout === 'threads'}
          data-testid="threads-toggle"
          onClick={() => setPreferences({ contributionLayout: layout === 'threads' ? 'flat' : 'threads' })}
        >
          <ListTree className="icon" aria-hidden="true" />
          {t('threads.showThreads')}
        </button>
      </p>
      <details className="question-context">
        <summary>{t('questions.context')}</summary>
        <ContextText text={question.context} />
      </details>
      <ContributionFilters
        filters={filters}
        languages={data?.languages ?? []}
        authorKinds={data?.authorKinds ?? []}
        onChange={setFilters}
      />
      <p className="meta" role="status" data-testid="contribution-count">
        {data ? t('contributions.shown', { count: rows.length }) : t('app.loading')}
      </p>
      {data && rows.length === 0 ? <p className="empty-note">{t('contributions.empty')}</p> : null}
      <div
        ref={scrollRef}
        className={rows.length === 0 ? 'contribution-scroller contribution-scroller-empty' : 'contribution-scroller'}
        data-testid="contribution-list"
      >
        <ul
          className="contribution-list"
          aria-label={t('contributions.listLabel')}
          style={{ blockSize: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="contribution-row"
                data-depth={entry.depth}
                // The indent is a custom property: the stylesheet turns it into a logical margin (RTL mirrors it).
                style={{
                  transform: `translateY(${item.start}px)`,
                  ['--thread-depth' as string]: Math.min(entry.depth, 6),
                }}
              >
                {entry.kind === 'contribution' ? (
                  <ContributionListItem
                    row={entry.row}
                    mark={data?.marks.get(entry.row.id)}
                    current={entry.row.id === current}
                    answers={entry.answers}
                    answer={entry.depth > 0}
                  />
                ) : (
                  <p className="contribution-item thread-withdrawn" data-testid="thread-withdrawn-item">
                    {t('threads.withdrawn')}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
