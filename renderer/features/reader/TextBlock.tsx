import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextVersion } from '../../../shared/model/entities.js';
import { useUiLang } from '../../app/Localized.js';
import { languageName } from '../../i18n/format.js';
import { HighlightedText } from '../annotate/HighlightedText.js';

type AnnotationProps = Omit<ComponentProps<typeof HighlightedText>, 'text' | 'lang'>;

/** One language version of a contribution, with its provenance said plainly above it, and its highlights. */
export function TextBlock({
  version,
  contributionVersion,
  annotations = { highlights: [] },
}: {
  version: TextVersion;
  contributionVersion: number;
  annotations?: AnnotationProps;
}) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const stale = version.origin !== 'original' && version.sourceVersion < contributionVersion;
  return (
    <article className="text-block" data-testid="text-block" data-lang={version.language} data-origin={version.origin}>
      <header className="text-block-head">
        <span className="language">{languageName(uiLang, version.language)}</span>
        {version.origin === 'machine' ? (
          <span className="badge badge-machine" data-testid="machine-badge">
            {version.engine ? t('reader.machine', { engine: version.engine }) : t('reader.machineNoEngine')}
          </span>
        ) : version.origin === 'human' ? (
          <span className="badge">{t('reader.human')}</span>
        ) : (
          <span className="badge badge-original" data-testid="original-badge">
            {t('reader.original')}
          </span>
        )}
      </header>
      {stale ? (
        <p className="banner banner-warning" role="note" data-testid="stale-warning">
          {t('reader.stale')}
        </p>
      ) : null}
      <HighlightedText text={version.text} lang={version.language} {...annotations} />
    </article>
  );
}
