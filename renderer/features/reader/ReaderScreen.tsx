import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/languages.js';
import type { ContributionId, TextVersion } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { formatDate } from '../../i18n/format.js';
import { LanguageVersionSwitcher } from './LanguageVersionSwitcher.js';
import { TextBlock } from './TextBlock.js';
import { useReaderMarks } from './use-reader-marks.js';

/**
 * A contribution in the UI language when that version exists, else in its
 * original; the original is always one click away, or beside it.
 */
export function ReaderScreen({ contributionId }: { contributionId: ContributionId }) {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const [chosen, setChosen] = useState<Lang | null>(null);
  const [sideBySide, setSideBySide] = useState(false);
  const data = useLiveQuery(
    async () => {
      const [row, texts] = await Promise.all([db.contributions.get(contributionId), db.texts.get(contributionId)]);
      const question = row ? await db.questions.get(row.questionId) : undefined;
      return { row, texts, question };
    },
    [db, contributionId],
    null,
  );
  const marks = useReaderMarks(db, contributionId, reportStorageError);

  if (data === null) return <p role="status">{t('app.loading')}</p>;
  const { row, texts, question } = data;
  if (!row) return <p role="alert">{t('reader.notFound')}</p>;

  const versions = texts?.versions ?? [];
  const byLang = new Map<Lang, TextVersion>(versions.map((version) => [version.language, version]));
  const original = byLang.get(row.language);
  const lang = chosen && byLang.has(chosen) ? chosen : byLang.has(uiLang) ? uiLang : row.language;
  const shown = byLang.get(lang) ?? original;
  const showingOriginal = shown?.language === row.language;

  return (
    <article className="reader" aria-labelledby="reader-title" data-testid="reader">
      <p>
        <a href={href({ name: 'question', id: row.questionId })}>{t('reader.back')}</a>
      </p>
      {question ? (
        <p className="meta">
          <span className="code">{question.code}</span> <Localized text={question.title} />
        </p>
      ) : null}
      <h2 id="reader-title">
        <bdi>{row.author.name}</bdi>
      </h2>
      <p className="meta">
        {t(`authorKind.${row.authorKind}`)} · <time dateTime={row.createdAt}>{formatDate(uiLang, row.createdAt)}</time>
      </p>
      <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar')}>
        <button type="button" aria-pressed={marks.starred} data-testid="star-toggle" onClick={marks.toggleStar}>
          {marks.starred ? `★ ${t('reader.unstar')}` : `☆ ${t('reader.star')}`}
        </button>
        {!showingOriginal && original ? (
          <button type="button" data-testid="show-original" onClick={() => setChosen(row.language)}>
            {t('reader.showOriginal')}
          </button>
        ) : null}
        {showingOriginal && byLang.has(uiLang) && uiLang !== row.language ? (
          <button type="button" data-testid="show-translation" onClick={() => setChosen(uiLang)}>
            {t('reader.showUiLanguage')}
          </button>
        ) : null}
        <button
          type="button"
          aria-pressed={sideBySide}
          data-testid="side-by-side"
          onClick={() => setSideBySide((value) => !value)}
        >
          {t('reader.sideBySide')}
        </button>
        <LanguageVersionSwitcher versions={versions} value={lang} onChange={setChosen} />
      </div>
      {row.status === 'withdrawn' ? (
        <p className="banner banner-warning" role="note" data-testid="withdrawn">
          {t('reader.withdrawn')}
        </p>
      ) : null}
      {!shown ? (
        <p role="status">{t('reader.noText')}</p>
      ) : sideBySide && original ? (
        <div className="side-by-side" data-testid="side-by-side-view">
          <TextBlock version={original} contributionVersion={row.version} />
          <TextBlock
            version={shown.language === original.language ? (byLang.get(uiLang) ?? shown) : shown}
            contributionVersion={row.version}
          />
        </div>
      ) : (
        <TextBlock version={shown} contributionVersion={row.version} />
      )}
    </article>
  );
}
