import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  setPreferences,
  TEXT_SIZES,
  THEMES,
  usePreferences,
  type TextSize,
  type ThemeChoice,
} from '../../ui/preferences.js';

/** Theme (following the OS unless chosen) and the reading text size, for this device. */
export function AppearanceSettings() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const themeId = useId();
  const sizeId = useId();
  return (
    <section aria-labelledby={`${themeId}-title`} data-testid="appearance">
      <h3 id={`${themeId}-title`}>{t('ui.appearance.title')}</h3>
      <div className="choice-row">
        <div className="field">
          <label htmlFor={themeId}>{t('ui.appearance.theme')}</label>
          <select
            id={themeId}
            data-testid="theme-picker"
            value={prefs.theme}
            onChange={(event) => setPreferences({ theme: event.target.value as ThemeChoice })}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`ui.appearance.themes.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={sizeId}>{t('ui.appearance.textSize')}</label>
          <select
            id={sizeId}
            data-testid="text-size-picker"
            value={prefs.textSize}
            onChange={(event) => setPreferences({ textSize: event.target.value as TextSize })}
          >
            {TEXT_SIZES.map((size) => (
              <option key={size} value={size}>
                {t(`ui.appearance.sizes.${size}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}
