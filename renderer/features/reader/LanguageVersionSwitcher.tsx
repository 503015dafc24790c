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
  if (versions.length === 0) return null;
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
        {LANGUAGES.map((code) => {
          const version = versions.find((candidate) => candidate.language === code);
          // The languages still to come are listed too, so the reader knows they are on their way.
          const note = !version
            ? ` (${t('reader.awaiting')})`
            : version.origin === 'original'
              ? ` (${t('reader.original')})`
              : '';
          return (
            <option key={code} value={code} disabled={!available.includes(code)}>
              {languageName(uiLang, code)}
              {note}
            </option>
          );
        })}
      </select>
    </span>
  );
}
