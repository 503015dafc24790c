import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { ContributionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Name } from '../../app/Name.js';
import { href } from '../../app/routes.js';

/**
 * One line of thread context where a contribution appears out of its list
 * (a search result, a notebook entry): "In answer to <author>", a link to
 * it, or to a contribution withdrawn by the secretariat. Nothing for a
 * contribution that answers the question itself.
 */
export function InAnswerToLine({ contributionId }: { contributionId: ContributionId }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const parent = useLiveQuery(async () => {
    const replyTo = (await db.contributions.get(contributionId))?.replyTo;
    if (!replyTo) return null;
    const row = await db.contributions.get(replyTo);
    return { id: replyTo, row: row?.status === 'published' ? row : null };
  }, [db, contributionId]);
  if (!parent) return null;
  return (
    <span className="meta thread-line" data-testid="in-answer-to">
      {t('threads.inAnswerTo')}{' '}
      {parent.row ? (
        <a href={href({ name: 'contribution', id: parent.id })}>
          <Name text={parent.row.author.name} />
        </a>
      ) : (
        <span className="thread-withdrawn">{t('threads.withdrawn')}</span>
      )}
    </span>
  );
}
