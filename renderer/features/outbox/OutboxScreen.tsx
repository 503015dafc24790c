import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Mutation } from '../../../shared/protocol/mutations.js';
import { NATIVE_NAMES } from '../../../shared/languages.js';
import { useSyncStatus } from '../../app/sync-status-store.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { errorMessage } from '../../i18n/errors.js';
import { formatDate, formatTime } from '../../i18n/format.js';
import { OpenConflicts } from './OpenConflicts.js';
import { describeMaterialTarget } from '../materials/material-note-label.js';

/** One line of what a mutation is about, in the user's language. */
function useDescribe() {
  const { t } = useTranslation();
  return (mutation: Mutation): string => {
    switch (mutation.kind) {
      case 'annotation-put':
        return t('reconcile.item.annotationPut', { quote: mutation.annotation.target.quote.exact.slice(0, 80) });
      case 'annotation-delete':
        return t('reconcile.item.annotationDelete');
      case 'tag-propose':
        return t('reconcile.item.tagPropose', { label: Object.values(mutation.tag.label)[0] ?? mutation.tag.id });
      case 'read-state':
        return t('reconcile.item.readState');
      case 'contribution-put':
        return t(mutation.baseVersion === null ? 'reconcile.item.contributionNew' : 'reconcile.item.contributionEdit', {
          excerpt: mutation.contribution.text.slice(0, 80),
        });
      case 'synthesis-create':
        return t('reconcile.item.synthesisCreate', { title: mutation.synthesis.title });
      case 'synthesis-update':
        return t('reconcile.item.synthesisUpdate');
      case 'material-note-put':
        return t('materials.notes.outboxPut', { quote: describeMaterialTarget(mutation.note.target) });
      case 'material-note-delete':
        return t('materials.notes.outboxDelete');
      case 'proceedings-put':
        return t('proceedings.outbox.front');
      case 'review-move':
        return t('proceedings.outbox.move', { state: t(`proceedings.state.${mutation.to}`) });
      case 'review-comment-add':
        return t('proceedings.outbox.comment', { excerpt: mutation.comment.body.slice(0, 80) });
      case 'review-comment-resolve':
        return t(mutation.resolved ? 'proceedings.outbox.resolve' : 'proceedings.outbox.reopen');
      case 'consent-put':
        return t(mutation.consented ? 'proceedings.outbox.consent' : 'proceedings.outbox.noConsent');
      case 'edition-correct':
        return t('proceedings.outbox.correction', { language: NATIVE_NAMES[mutation.lang], number: mutation.number });
    }
  };
}

/**
 * "What is not yet sent": before leaving a network, each pending change, and
 * each acknowledgement as it arrives. A rejected change stays here with the
 * server's reason until the user dismisses it: nothing disappears silently.
 */
export function OutboxScreen() {
  const { t } = useTranslation();
  const { db } = useApp();
  const syncStatus = useSyncStatus();
  const lang = useUiLang();
  const describe = useDescribe();
  const data = useLiveQuery(
    async () => ({
      pending: await db.outbox.orderBy('seq').toArray(),
      sent: await db.sent.orderBy('seq').reverse().limit(50).toArray(),
    }),
    [db],
  );
  if (!data) return <p role="status">{t('app.loading')}</p>;
  const waiting = data.pending.filter((row) => !row.rejected);
  const rejected = data.pending.filter((row) => row.rejected);
  return (
    <section aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title">{t('reconcile.title')}</h2>
      <p className="meta" data-testid="last-synced">
        {syncStatus?.lastSyncedAt
          ? t('reconcile.lastSynced', { when: formatTime(lang, syncStatus.lastSyncedAt) })
          : t('reconcile.neverSynced')}
      </p>
      <h3>{t('reconcile.pending', { count: waiting.length })}</h3>
      {waiting.length === 0 ? <p data-testid="all-sent">{t('reconcile.allSent')}</p> : null}
      <ol className="outbox-list">
        {waiting.map((row) => (
          <li key={row.mutationId} data-testid="pending-item" data-kind={row.kind}>
            <span dir="auto">{describe(row.mutation)}</span>{' '}
            <time className="meta" dateTime={row.createdAt}>
              {formatDate(lang, row.createdAt)}
            </time>
          </li>
        ))}
      </ol>
      <OpenConflicts />
      {rejected.length > 0 ? (
        <>
          <h3>{t('reconcile.rejected', { count: rejected.length })}</h3>
          <ol className="outbox-list">
            {rejected.map((row) => (
              <li key={row.mutationId} data-testid="rejected-item" className="banner banner-error">
                <span dir="auto">{describe(row.mutation)}</span>
                <br />
                {t('reconcile.reason', { message: errorMessage(t, row.rejected?.reason) })}{' '}
                <button
                  type="button"
                  className="link-button"
                  data-testid="dismiss-rejected"
                  onClick={() => void db.outbox.delete(row.seq!)}
                >
                  {t('reconcile.dismiss')}
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h3>{t('reconcile.recentlySent')}</h3>
      <ol className="outbox-list">
        {data.sent.map((row) => (
          <li key={row.mutationId} data-testid="sent-item">
            ✓ {t(`reconcile.kind.${row.kind}`)}{' '}
            <time className="meta" dateTime={row.ackedAt}>
              {formatDate(lang, row.ackedAt)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
