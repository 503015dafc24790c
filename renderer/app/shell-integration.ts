import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeminarBridge } from '../../shared/bridge.js';
import { currentLang } from '../i18n/index.js';
import { runCommand } from './commands.js';

/**
 * The page's side of the desktop shell: the shell's menu commands are carried
 * out here, and the shell is told the UI language so its menus speak it. In
 * the web mode both are no-ops of the browser bridge.
 */
export function useShellIntegration(bridge: SeminarBridge): void {
  const { i18n } = useTranslation();
  const lang = currentLang(i18n);
  useEffect(() => bridge.onCommand((command) => void runCommand(command)), [bridge]);
  useEffect(() => {
    // The menus staying in the former language is no reason to trouble the user.
    bridge.setUiLanguage(lang).catch((error: unknown) => console.warn('[shell] setUiLanguage failed', error));
  }, [bridge, lang]);
}
