import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errors.js';
import { useApp } from './AppContext.js';

export function StorageBanner({ onDismiss }: { onDismiss(): void }) {
  const { t } = useTranslation();
  const { storageProblem } = useApp();
  if (!storageProblem) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="storage-banner">
      <p>{errorMessage(t, storageProblem)}</p>
      <button type="button" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
