import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { getMe } from '../../db/annotations.js';
import { formatDate, languageName } from '../../i18n/format.js';
import { useStartEdit } from './use-start-draft.js';

/**
 * What I write: drafts on this device (with their state: being written,
 * waiting to be sent, refused, in conflict) and my contributions the server
 * has, each one click from being edited.
 */
export function MyContributionsScreen() {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const startEdit = useStartEdit();
  const data = useLiveQuery(async () => {
    const me = await getMe(db);
    const drafts = await db.drafts.orderBy('updatedAt').reverse().toArray();
    const mine = me ? await db.contributions.filter((row) => row.authorId === me.id).toArray() : [];
    return { drafts, mine: mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) };
  }, [db]);
  if (!data) return <p role="status">{t('app.loading')}</p>;
  const drafting = new Set(data.drafts.map((d) => d.id));
  return (
    <section aria-labelledby="mine-title" data-testid="mine">
      <h2 id="mine-title">{t('compose.mineTitle')}</h2>
      <h3>{t('compose.drafts', { count: data.drafts.length })}</h3>
      {data.drafts.length === 0 ? <p>{t('compose.noDrafts')}</p> : null}
      <ol className="outbox-list">
        {data.drafts.map((draft) => (
          <li key={draft.id} data-testid="draft-item" data-status={draft.status}>
            <a href={href({ name: 'compose', id: draft.id })}>
              <span dir="auto" lang={draft.language}>
                {draft.text.trim().slice(0, 120) || t('compose.emptyDraft')}
              </span>
            </a>{' '}
            <span className="badge">{t(`compose.status.${draft.status}`)}</span>{' '}
            <span className="meta">
              {languageName(uiLang, draft.language)} · {formatDate(uiLang, draft.updatedAt)}
            </span>
          </li>
        ))}
      </ol>
      <h3>{t('compose.mineSubmitted', { count: data.mine.length })}</h3>
      <ol className="outbox-list">
        {data.mine.map((row) => (
          <li key={row.id} data-testid="my-contribution" data-status={row.status}>
            <a href={href({ name: 'contribution', id: row.id })}>
              <span dir="auto" lang={row.language}>
                {row.excerpt.slice(0, 120)}
              </span>
            </a>{' '}
            {row.status === 'withdrawn' ? (
              <span className="badge">{t('compose.withdrawnBadge')}</span>
            ) : drafting.has(row.id) ? null : (
              <button type="button" className="link-button" onClick={() => void startEdit(row.id)}>
                {t('compose.edit')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
