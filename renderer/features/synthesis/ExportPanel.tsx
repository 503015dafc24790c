import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Synthesis } from '../../../shared/model/synthesis.js';
import { citationsIn } from '../../../shared/synthesis/citation.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { focusFirstButton, useCommand } from '../../app/commands.js';
import { errorMessage } from '../../i18n/errors.js';
import { classifyStorageError } from '../../app/storage-errors.js';

/**
 * Exports for the proceedings: Markdown and DOCX (citations as notes, the
 * cited contributions listed at the end, laid out for the synthesis's
 * language), saved through the bridge; PDF through printing (the desktop
 * shell prints to PDF; in the web mode, the browser's print dialog).
 */
export function ExportPanel({ synthesis, doc }: { synthesis: Synthesis; doc: SynthesisDoc }) {
  const { t } = useTranslation();
  const { bridge, db } = useApp();
  const [outcome, setOutcome] = useState<'saved' | 'failed' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);
  useCommand('export', () => focusFirstButton(ref.current));
  const save = async (format: 'md' | 'docx') => {
    try {
      // Loaded when asked for: the docx writer is large and most sessions never export.
      const [{ synthesisToMarkdown }, { synthesisToDocx }] = await Promise.all([
        import('../../../shared/synthesis/export/markdown.js'),
        import('../../../shared/synthesis/export/docx.js'),
      ]);
      // Withdrawn contributions stay cited; the exports say they were withdrawn, as the Quotes panel does.
      const cited = [...new Set(citationsIn(doc).map((c) => c.contributionId))];
      const rows = await db.contributions.bulkGet(cited as never[]);
      const input = {
        title: synthesis.title,
        language: synthesis.language,
        doc,
        date: new Date().toISOString().slice(0, 10),
        withdrawn: rows.flatMap((row) => (row?.status === 'withdrawn' ? [row.id] : [])),
      };
      const base = fileBase(synthesis.title);
      const file =
        format === 'md'
          ? { name: `${base}.md`, data: new TextEncoder().encode(synthesisToMarkdown(input)), mime: 'text/markdown' }
          : {
              name: `${base}.docx`,
              data: await synthesisToDocx(input),
              mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            };
      const result = await bridge.saveFile(file.name, file.data, file.mime);
      setOutcome(result.saved ? 'saved' : null);
      setProblem(null);
    } catch (error) {
      setOutcome('failed');
      setProblem(errorMessage(t, classifyStorageError(error) ?? 'unknown'));
    }
  };
  return (
    <section ref={ref} aria-label={t('synthesis.export')} data-testid="synthesis-export">
      <button type="button" data-testid="export-md" onClick={() => void save('md')}>
        {t('synthesis.exportMarkdown')}
      </button>{' '}
      <button type="button" data-testid="export-docx" onClick={() => void save('docx')}>
        {t('synthesis.exportDocx')}
      </button>{' '}
      <button
        type="button"
        data-testid="export-pdf"
        onClick={() =>
          void bridge
            .printToPdf(`${fileBase(synthesis.title)}.pdf`)
            .then((result) => setOutcome(result.saved ? 'saved' : null))
            .catch(() => setOutcome('failed'))
        }
      >
        {t('synthesis.exportPdf')}
      </button>
      {outcome === 'saved' ? (
        <p role="status" data-testid="synthesis-export-saved">
          {t('synthesis.exported')}
        </p>
      ) : null}
      {outcome === 'failed' ? (
        <p role="alert" className="banner banner-error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

function fileBase(title: string): string {
  return (
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'synthesis'
  );
}
