import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLang, type Lang } from '../../../shared/languages.js';
import type { TextVersion } from '../../../shared/model/entities.js';
import { useUiLang } from '../../app/Localized.js';
import { languageName } from '../../i18n/format.js';

/** Picks among the language versions that exist, in the platform's language order. */
export function LanguageVersionSwitcher({
  versions,
  value,
  onChange,
}: {
  versions: TextVersion[];
  value: Lang;
  onChange(lang: Lang): void;
}) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const id = useId();
  const available = LANGUAGES.filter((code) => versions.some((version) => version.language === code));
  if (available.length < 2) return null;
  return (
    <span className="version-switcher">
      <label htmlFor={id}>{t('reader.versions')}</label>
      <select
        id={id}
        data-testid="version-switcher"
        value={value}
        onChange={(event) => {
          if (isLang(event.target.value)) onChange(event.target.value);
        }}
      >
        {available.map((code) => {
          const version = versions.find((candidate) => candidate.language === code);
          const origin = version?.origin === 'original' ? ` (${t('reader.original')})` : '';
          return (
            <option key={code} value={code}>
              {languageName(uiLang, code)}
              {origin}
            </option>
          );
        })}
      </select>
    </span>
  );
}
