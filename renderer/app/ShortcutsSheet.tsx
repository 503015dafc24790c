import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.js';
import { SHORTCUTS, shortcutLabel } from './shortcuts.js';

/** Every shortcut, from the same table the handler uses. */
export function ShortcutsSheet({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      title={t('ui.shortcuts.title')}
      closeLabel={t('ui.close')}
      testId="shortcuts-sheet"
      className="shortcuts-modal"
    >
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.id} className="shortcut-row">
            <dt>
              {shortcut.keys.split(' ').map((keys) => (
                <kbd key={keys} dir="ltr">
                  {shortcutLabel(keys)}
                </kbd>
              ))}
            </dt>
            <dd>{t(`ui.shortcuts.${shortcut.id}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="meta">{t('ui.shortcuts.hint')}</p>
    </Dialog>
  );
}
