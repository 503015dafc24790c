import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getMe, resolveNoteConflict } from '../../db/annotations.js';
import { useApp } from '../../app/AppContext.js';
import { ConflictResolver } from '../annotate/ConflictResolver.js';

/**
 * Every note of mine whose text conflicts, in one place. The reader shows a
 * conflict beside its highlight, but a deleted note has no highlight any more
 * once its undo is gone: its two texts would wait where nobody sees them.
 */
export function OpenConflicts() {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const data = useLiveQuery(async () => {
    const me = await getMe(db);
    const rows = await db.annotations.filter((row) => !!row.conflict && row.authorId === me?.id).toArray();
    return { me, rows };
  }, [db]);
  if (!data?.me || data.rows.length === 0) return null;
  const me = data.me;
  return (
    <section aria-labelledby="open-conflicts-title" data-testid="open-conflicts">
      <h3 id="open-conflicts-title">{t('reconcile.openConflicts', { count: data.rows.length })}</h3>
      <ol className="outbox-list">
        {data.rows.map((row) => (
          <li key={row.id} data-testid="open-conflict" data-deleted={row.deleted ? 'true' : 'false'}>
            <blockquote dir="auto" lang={row.target.language}>
              {row.target.quote.exact.slice(0, 160)}
            </blockquote>
            {row.deleted ? <p className="meta">{t('reconcile.deletedNote')}</p> : null}
            <ConflictResolver
              conflict={row.conflict!}
              onResolve={(note) => void resolveNoteConflict(db, me, row.id, note).catch(reportStorageError)}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
