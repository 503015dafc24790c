import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../shared/languages.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { formatBytes } from '../../i18n/format.js';
import { setBudget } from '../../materials/download-queue.js';
import { useMaterialDownloads } from '../../materials/use-material-downloads.js';
import { ProgressMeter } from '../../ui/BarChart.js';
import { MaterialStatus } from './MaterialStatus.js';
import { useBudget, useMaterials } from './use-materials.js';
import './materials.css';

const MB = 1_000_000;

/**
 * What the briefing materials take on this device, largest first, against
 * the budget the user sets; a full disk is said here (downloads wait, nothing
 * else is affected).
 */
export function MaterialStorage() {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  const queue = useMaterialDownloads();
  const items = useMaterials(db);
  const budget = useBudget(db);
  const [draft, setDraft] = useState<string | null>(null);
  if (!items || budget === undefined) return null;
  const used = items.reduce((sum, item) => sum + (item.file?.received ?? 0), 0);
  const wanted = items.reduce((sum, item) => sum + (item.file?.keep === false ? 0 : item.material.size), 0);
  const full = items.some((item) => item.file?.status === 'full');
  const number = new Intl.NumberFormat(lang);
  const save = () => {
    const value = Number(draft);
    if (draft === null || !Number.isFinite(value) || value < 0) return;
    void setBudget(db, value * MB).then(() => {
      setDraft(null);
      queue?.wake();
    });
  };
  return (
    <section className="material-storage" aria-labelledby="material-storage-title" data-testid="material-storage">
      <h3 id="material-storage-title">{t('materials.storage.title')}</h3>
      {full ? (
        <p role="alert" className="storage-full-notice">
          {t('materials.storage.full')}
        </p>
      ) : null}
      <ProgressMeter
        label={t('materials.storage.downloaded')}
        value={used}
        max={Math.max(1, wanted)}
        text={t('materials.storage.usedOf', { used: formatBytes(lang, used), budget: formatBytes(lang, budget) })}
      />
      <form
        className="material-budget"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label>
          {t('materials.storage.budget')}{' '}
          <input
            type="number"
            min={0}
            step={100}
            inputMode="numeric"
            value={draft ?? String(Math.round(budget / MB))}
            onChange={(event) => setDraft(event.target.value)}
            data-testid="material-budget"
          />
        </label>{' '}
        <button type="submit" disabled={draft === null}>
          {t('materials.storage.save')}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="empty-note">{t('materials.storage.empty')}</p>
      ) : (
        <table className="material-table">
          <thead>
            <tr>
              <th scope="col">{t('materials.storage.material')}</th>
              <th scope="col">{t('materials.storage.size')}</th>
              <th scope="col">{t('materials.storage.onDevice')}</th>
              <th scope="col">{t('materials.storage.status')}</th>
            </tr>
          </thead>
          <tbody>
            {[...items]
              .sort((a, b) => b.material.size - a.material.size)
              .map(({ material, file }) => {
                const title = pickLocalized(material.title, lang);
                return (
                  <tr key={material.id}>
                    <td lang={title?.lang} dir="auto">
                      {title?.text ?? material.id}
                    </td>
                    <td className="chart-number">{formatBytes(lang, material.size)}</td>
                    <td className="chart-number">
                      {number.format(Math.round(((file?.received ?? 0) / Math.max(1, material.size)) * 100))} %
                    </td>
                    <td>
                      <MaterialStatus file={file} size={material.size} />
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
    </section>
  );
}
