import { Command, Keyboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from './LanguagePicker.js';
import { SyncStatusView } from './SyncStatusView.js';
import { shortcutLabel } from './shortcuts.js';

/**
 * The window's foot: the sync state (a polite live region, SyncStatusView),
 * the UI language, and where the commands and shortcuts are. Settings has its
 * own language picker, so this one steps aside there.
 */
export function StatusBar({
  showLanguage,
  onOpenPalette,
  onOpenShortcuts,
}: {
  showLanguage: boolean;
  onOpenPalette(): void;
  onOpenShortcuts(): void;
}) {
  const { t } = useTranslation();
  return (
    <footer className="status-bar">
      <SyncStatusView />
      <div className="status-bar-end">
        {showLanguage ? <LanguagePicker /> : null}
        <button type="button" className="status-button" onClick={onOpenPalette} data-testid="open-palette">
          <Command className="icon" aria-hidden="true" />
          <span className="status-button-label">{t('ui.palette.open')}</span> <kbd>{shortcutLabel('mod+k')}</kbd>
        </button>
        <button type="button" className="status-button" onClick={onOpenShortcuts} data-testid="open-shortcuts">
          <Keyboard className="icon" aria-hidden="true" />
          <span className="status-button-label">{t('ui.shortcuts.title')}</span> <kbd>?</kbd>
        </button>
      </div>
    </footer>
  );
}
