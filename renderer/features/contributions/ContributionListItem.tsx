import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../shared/languages.js';
import type { ContributionRow, ReadStateRow } from '../../db/database.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { formatDate, languageName } from '../../i18n/format.js';
import { Name } from '../../app/Name.js';

export function ContributionListItem({
  row,
  mark,
  current = false,
  answers = 0,
  answer = false,
}: {
  row: ContributionRow;
  mark: ReadStateRow | undefined;
  current?: boolean;
  /** How many answers it has (threads view). */
  answers?: number;
  /** Shown as an answer, under what it answers (threads view). */
  answer?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useUiLang();
  const unread = !mark?.read;
  return (
    <a
      className={`contribution-item${unread ? ' unread' : ''}`}
      href={href({ name: 'contribution', id: row.id })}
      data-testid="contribution-item"
      aria-current={current ? 'page' : undefined}
      data-contribution-id={row.id}
    >
      <span className="contribution-head">
        {unread ? (
          <span className="marker unread-marker" data-testid="unread-marker">
            {t('contributions.unread')}
          </span>
        ) : null}
        {mark?.starred ? (
          <span className="marker star-marker" data-testid="starred-marker" aria-label={t('contributions.starred')}>
            ★
          </span>
        ) : null}
        <Name className="author" text={row.author.name} />
        <span className="meta">
          {t(`authorKind.${row.authorKind}`)} · {languageName(lang, row.language)} ·{' '}
          <time dateTime={row.createdAt}>{formatDate(lang, row.createdAt)}</time>
          {answer ? ` · ${t('threads.anAnswer')}` : ''}
          {answers > 0 ? ` · ${t('threads.answerCount', { count: answers })}` : ''}
        </span>
      </span>
      <span className="excerpt" lang={row.language} dir={textDirection(row.language)}>
        {row.excerpt}
      </span>
    </a>
  );
}
