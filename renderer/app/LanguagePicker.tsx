import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, NATIVE_NAMES, isLang } from '../../shared/languages.js';
import { changeLanguage, currentLang } from '../i18n/index.js';
import { useApp } from './AppContext.js';

/** Switches the UI language at once and remembers it in the shell's settings. */
export function LanguagePicker({ label }: { label?: string }) {
  const { t, i18n } = useTranslation();
  const { updateSettings } = useApp();
  const id = useId();
  const lang = currentLang(i18n);
  return (
    <div className="language-picker">
      <label htmlFor={id}>{label ?? t('language.label')}</label>
      <select
        id={id}
        data-testid="language-picker"
        value={lang}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLang(next)) return;
          void changeLanguage(next).then(() => updateSettings({ language: next }));
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NATIVE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
