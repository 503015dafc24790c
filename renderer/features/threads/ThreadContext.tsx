import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadData } from './use-thread.js';
import { ThreadNeighbourLink } from './ThreadNeighbourLink.js';
import './threads.css';

/**
 * Where a contribution stands in its thread: what it answers (or that it
 * answers a contribution withdrawn by the secretariat), above the text, and
 * its answers, below it.
 */
export function ThreadContext({ thread, part }: { thread: ThreadData | undefined; part: 'parent' | 'answers' }) {
  const { t } = useTranslation();
  const parentId = useId();
  const answersId = useId();
  if (!thread || (part === 'parent' ? thread.parent === null : thread.answers.length === 0)) return null;
  return (
    <div className="thread-context" data-testid={`thread-${part}-context`}>
      {part === 'parent' && thread.parent !== null ? (
        <section className="thread-parent" aria-labelledby={parentId}>
          <h3 id={parentId} className="thread-heading">
            {t('threads.inAnswerTo')}
          </h3>
          {thread.parent === 'withdrawn' ? (
            <p className="meta thread-withdrawn" data-testid="thread-parent-withdrawn">
              {t('threads.withdrawn')}
            </p>
          ) : (
            <ThreadNeighbourLink neighbour={thread.parent} testId="thread-parent" />
          )}
        </section>
      ) : null}
      {part === 'answers' ? (
        <section className="thread-answers" aria-labelledby={answersId}>
          <h3 id={answersId} className="thread-heading">
            {t('threads.answers', { count: thread.answers.length })}
          </h3>
          <ul>
            {thread.answers.map((answer) => (
              <li key={answer.row.id}>
                <ThreadNeighbourLink neighbour={answer} testId="thread-answer" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
