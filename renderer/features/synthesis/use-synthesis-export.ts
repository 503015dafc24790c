import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Synthesis } from '../../../shared/model/synthesis.js';
import { citationsIn } from '../../../shared/synthesis/citation.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { classifyStorageError } from '../../app/storage-errors.js';
import { errorMessage } from '../../i18n/errors.js';
import { showToast } from '../../ui/Toasts.js';

export type ExportFormat = 'md' | 'docx' | 'pdf';

/**
 * Exports for the proceedings: Markdown and DOCX (citations as notes, the
 * cited contributions listed at the end, laid out for the synthesis's
 * language), saved through the bridge; PDF through printing (the desktop
 * shell prints to PDF; in the web mode, the browser's print dialog). The
 * outcome is a toast: the editor stays as it was.
 */
export function useSynthesisExport(synthesis: Synthesis | undefined, readDoc: () => SynthesisDoc) {
  const { t } = useTranslation();
  const { bridge, db } = useApp();
  return useCallback(
    async (format: ExportFormat) => {
      if (!synthesis) return;
      const done = (saved: boolean) => {
        if (saved) showToast({ text: t('synthesis.exported'), tone: 'success', testId: 'synthesis-export-saved' });
      };
      const failed = (error: unknown) =>
        showToast({
          text: errorMessage(t, classifyStorageError(error) ?? 'unknown'),
          tone: 'error',
          testId: 'synthesis-export-failed',
        });
      const base = fileBase(synthesis.title);
      try {
        if (format === 'pdf') {
          done((await bridge.printToPdf(`${base}.pdf`)).saved);
          return;
        }
        const doc = readDoc();
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
        const file =
          format === 'md'
            ? { name: `${base}.md`, data: new TextEncoder().encode(synthesisToMarkdown(input)), mime: 'text/markdown' }
            : {
                name: `${base}.docx`,
                data: await synthesisToDocx(input),
                mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              };
        done((await bridge.saveFile(file.name, file.data, file.mime)).saved);
      } catch (error) {
        failed(error);
      }
    },
    [synthesis, readDoc, bridge, db, t],
  );
}

export function fileBase(title: string): string {
  return (
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'synthesis'
  );
}
