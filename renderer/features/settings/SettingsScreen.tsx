import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { LanguagePicker } from '../../app/LanguagePicker.js';
import { useUiLang } from '../../app/Localized.js';
import { formatBytes } from '../../i18n/format.js';
import { SignOut } from './SignOut.js';
import { JoinEvent } from '../events/JoinEvent.js';
import { LeaveEvent } from '../events/LeaveEvent.js';
import { MaterialStorage } from '../materials/MaterialStorage.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { TranslationCostView } from '../costs/TranslationCostView.js';
import { getStorageStatus, requestPersistentStorage, type StorageStatus } from '../../platform/storage.js';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, appInfo, updateSettings } = useApp();
  const lang = useUiLang();
  const [storage, setStorage] = useState<StorageStatus | null>(null);

  useEffect(() => {
    let live = true;
    void getStorageStatus().then((status) => live && setStorage(status));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="settings-title" className="settings" data-testid="settings">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <section>
        <h3>{t('settings.language')}</h3>
        <LanguagePicker label={t('settings.language')} />
      </section>
      <AppearanceSettings />
      <section>
        <h3>{t('settings.server')}</h3>
        <p>
          {t('settings.serverUrl')}: <bdi dir="ltr">{settings.serverUrl ?? t('settings.notSet')}</bdi>
        </p>
        <button type="button" onClick={() => void updateSettings({ token: null })}>
          {t('settings.disconnect')}
        </button>
      </section>
      <section data-testid="storage-usage">
        <h3>{t('settings.storage')}</h3>
        {!storage ? (
          <p role="status">{t('app.loading')}</p>
        ) : storage.usage !== null && storage.quota !== null ? (
          <p>
            {t('settings.usage', { used: formatBytes(lang, storage.usage), quota: formatBytes(lang, storage.quota) })}
          </p>
        ) : (
          <p>{t('settings.usageUnknown')}</p>
        )}
        {storage?.persisted === true ? <p>{t('settings.persisted')}</p> : null}
        {storage?.persisted === false ? (
          <p>
            {t('settings.notPersisted')}{' '}
            <button
              type="button"
              onClick={() => void requestPersistentStorage().then(async () => setStorage(await getStorageStatus()))}
            >
              {t('settings.requestPersist')}
            </button>
          </p>
        ) : null}
      </section>
      <MaterialStorage />
      {settings.tokenStorage ? (
        <section data-testid="token-storage" data-kind={settings.tokenStorage}>
          <h3>{t('settings.tokenStorage')}</h3>
          <p>{t(`settings.tokenStorageKind.${settings.tokenStorage}`)}</p>
          {settings.tokenStorage === 'weak' ? (
            <label>
              <input
                type="checkbox"
                data-testid="allow-weak-token-storage"
                checked={settings.allowWeakTokenStorage === true}
                onChange={(event) => void updateSettings({ allowWeakTokenStorage: event.target.checked })}
              />{' '}
              {t('settings.allowWeak')}
            </label>
          ) : null}
        </section>
      ) : null}
      <TranslationCostView />
      <LeaveEvent />
      <JoinEvent />
      <SignOut />
      <p className="meta">{t('settings.version', { version: appInfo.version })}</p>
    </section>
  );
}
