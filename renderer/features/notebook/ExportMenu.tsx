import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContributionId, Participant } from '../../../shared/model/entities.js';
import type { ContributionTextRow, TagRow } from '../../db/database.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { focusFirstButton, useCommand } from '../../app/commands.js';
import { errorMessage } from '../../i18n/errors.js';
import { buildExport, EXPORT_FORMATS, type ExportFormat } from './build-export.js';
import type { NotebookEntry } from './use-notebook.js';

interface Props {
  entries: readonly NotebookEntry[];
  tags: readonly TagRow[];
  texts: ReadonlyMap<ContributionId, ContributionTextRow | undefined>;
  me: Participant | undefined;
}

type Outcome = { kind: 'saved'; name: string } | { kind: 'failed'; detail: string } | null;

/** Saves the notes shown (as filtered) in one of the formats, through the bridge. */
export function ExportMenu({ entries, tags, texts, me }: Props) {
  const { t } = useTranslation();
  const { bridge } = useApp();
  const language = useUiLang();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ref = useRef<HTMLElement>(null);
  useCommand('export', () => focusFirstButton(ref.current));

  const save = async (format: ExportFormat) => {
    try {
      const file = buildExport(format, { entries, tags, texts, language, me, now: new Date() });
      const result = await bridge.saveFile(file.name, file.data, file.mimeType);
      setOutcome(result.saved ? { kind: 'saved', name: result.path ?? file.name } : null);
    } catch (error) {
      setOutcome({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section ref={ref} className="export-menu" aria-label={t('notebook.export.title')} data-testid="export-menu">
      <span>{t('notebook.export.title')}</span>
      {EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          data-testid={`export-${format}`}
          disabled={format === 'qdc' ? tags.length === 0 : entries.length === 0}
          title={(format === 'qdc' ? tags.length === 0 : entries.length === 0) ? t('notebook.export.empty') : undefined}
          onClick={() => void save(format)}
        >
          {t(`notebook.export.${format}`)}
        </button>
      ))}
      {outcome?.kind === 'saved' ? (
        <span role="status" data-testid="export-saved">
          {t('notebook.export.saved', { name: outcome.name })}
        </span>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <span role="alert" className="banner banner-error" data-testid="export-failed" title={outcome.detail}>
          {t('notebook.export.failed', {
            message: errorMessage(t, /ENOSPC|Quota/i.test(outcome.detail) ? 'quota-exceeded' : 'unknown'),
          })}
        </span>
      ) : null}
    </section>
  );
}
