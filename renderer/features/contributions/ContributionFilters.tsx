import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../../shared/languages.js';
import { AUTHOR_KINDS, type AuthorKind } from '../../../shared/model/entities.js';
import { useUiLang } from '../../app/Localized.js';
import { languageName } from '../../i18n/format.js';
import type { ListFilters } from './use-contribution-list.js';

interface Props {
  filters: ListFilters;
  languages: Lang[];
  authorKinds: AuthorKind[];
  onChange(filters: ListFilters): void;
}

export function ContributionFilters({ filters, languages, authorKinds, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useUiLang();
  const languageId = useId();
  const kindId = useId();
  return (
    <div className="filters" role="group" aria-label={t('contributions.filters')}>
      <div className="field">
        <label htmlFor={languageId}>{t('contributions.filterLanguage')}</label>
        <select
          id={languageId}
          data-testid="filter-language"
          value={filters.language}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filters, language: isLang(value) ? value : 'all' });
          }}
        >
          <option value="all">{t('contributions.all')}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(lang, code)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={kindId}>{t('contributions.filterAuthor')}</label>
        <select
          id={kindId}
          data-testid="filter-author-kind"
          value={filters.authorKind}
          onChange={(event) => {
            const value = event.target.value as AuthorKind;
            onChange({ ...filters, authorKind: AUTHOR_KINDS.includes(value) ? value : 'all' });
          }}
        >
          <option value="all">{t('contributions.all')}</option>
          {authorKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`authorKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
