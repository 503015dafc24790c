import { useTranslation } from 'react-i18next';
import type { MaterialFileRow } from '../../db/database.js';
import { useUiLang } from '../../app/Localized.js';
import { formatBytes } from '../../i18n/format.js';
import { ProgressMeter } from '../../ui/BarChart.js';

/** Where a material's file stands on this device, in words and, while it comes, as a bar. */
export function MaterialStatus({ file, size }: { file: MaterialFileRow | undefined; size: number }) {
  const { t } = useTranslation();
  const lang = useUiLang();
  const status = file?.status ?? 'waiting';
  const text =
    status === 'failed' ? t('materials.status.failed', { code: file?.error ?? '' }) : t(`materials.status.${status}`);
  if (status !== 'downloading' || !file) return <span className={`material-status status-${status}`}>{text}</span>;
  return (
    <ProgressMeter
      label={text}
      value={file.received}
      max={size}
      text={t('materials.progress', { received: formatBytes(lang, file.received), size: formatBytes(lang, size) })}
    />
  );
}
