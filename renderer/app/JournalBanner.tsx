import { useTranslation } from 'react-i18next';

export type JournalNews = { kind: 'recovered'; count: number; wiped: boolean } | { kind: 'problem'; code: string };

/** What the journal did or could not do, said once. */
export function JournalBanner({ news, onDismiss }: { news: JournalNews; onDismiss(): void }) {
  const { t } = useTranslation();
  return (
    <p
      className={`banner ${news.kind === 'problem' ? 'banner-error' : 'banner-warning'}`}
      role={news.kind === 'problem' ? 'alert' : 'status'}
      data-testid="journal-banner"
    >
      {news.kind === 'recovered'
        ? `${news.wiped ? t('reconcile.databaseLost') : ''} ${t('reconcile.recovered', { count: news.count })}`.trim()
        : t(news.code === 'disk-full' ? 'reconcile.journalDiskFull' : 'reconcile.journalFailed')}{' '}
      <button type="button" className="link-button" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </p>
  );
}
