import { PDFDocument } from 'pdf-lib';
import { assembleBook } from '../../shared/export/proceedings/book.js';
import { proceedingsToDocx } from '../../shared/export/proceedings/docx.js';
import { proceedingsToEpub } from '../../shared/export/proceedings/epub.js';
import { parseProceedingsInput } from '../../shared/export/proceedings/input.js';
import { proceedingsToPdf } from '../../shared/export/proceedings/pdf.js';
import { proceedingsToSite } from '../../shared/export/proceedings/site.js';
import { demoProceedings } from '../../test/shared/export/proceedings/proceedings-fixtures.js';
import { nodeFontSource } from '../../test/support/proceedings-fonts.js';
import type { BenchCase, Sample } from '../registry.js';

/** Issue 20: proceedings of 12 syntheses of ~10 pages each (50 paragraphs and 25 quotes each, from the demo corpus). */
const SYNTHESES = 12;
const PARAGRAPHS = 50;

/**
 * Assembling the proceedings (checking the input, gathering the appendix)
 * and writing each of the four formats, for the English and the Arabic
 * edition (shaping and right-to-left layout cost in the PDF). The same in
 * --quick: each export takes seconds at most. In Node, the code the app and
 * the server run.
 */
export const proceedingsCase: BenchCase = {
  id: 'proceedings',
  backends: [],
  rows: [
    {
      id: 'proceedings.assemble',
      label: `Assemble proceedings of ${SYNTHESES} syntheses × ~10 pages`,
      setting: 'check the input, gather notes, appendix, tag index (en)',
      unit: 'ms',
    },
    ...(['en', 'ar'] as const).flatMap((lang) => [
      {
        id: `proceedings.epub.${lang}`,
        label: `Export the proceedings (${lang})`,
        setting: 'EPUB 3, fonts embedded',
        unit: 'ms' as const,
        note: (row: { details: Record<string, number> }) => `${Math.round((row.details.bytes ?? 0) / 1000)} kB`,
      },
      {
        id: `proceedings.site.${lang}`,
        label: `Export the proceedings (${lang})`,
        setting: 'static site, one edition',
        unit: 'ms' as const,
        note: (row: { details: Record<string, number> }) => `${row.details.files ?? 0} files`,
      },
      {
        id: `proceedings.pdf.${lang}`,
        label: `Export the proceedings (${lang})`,
        setting: 'PDF (pdf-lib, fontkit shaping)',
        unit: 'ms' as const,
        note: (row: { details: Record<string, number> }) =>
          `${row.details.pages ?? 0} pages, ${Math.round((row.details.bytes ?? 0) / 1000)} kB`,
      },
      {
        id: `proceedings.docx.${lang}`,
        label: `Export the proceedings (${lang})`,
        setting: 'DOCX, footnotes',
        unit: 'ms' as const,
        note: (row: { details: Record<string, number> }) => `${Math.round((row.details.bytes ?? 0) / 1000)} kB`,
      },
    ]),
  ],
  async run() {
    const samples: Record<string, Sample> = {};
    const fonts = nodeFontSource();
    const time = async <T>(make: () => Promise<T> | T): Promise<[T, number]> => {
      const t = performance.now();
      const value = await make();
      return [value, performance.now() - t];
    };
    for (const lang of ['en', 'ar'] as const) {
      const input = demoProceedings(lang, { syntheses: SYNTHESES, paragraphs: PARAGRAPHS, perQuestion: 2 });
      if (lang === 'en') {
        const [book, ms] = await time(() => assembleBook(parseProceedingsInput(input)));
        if (book.parts.filter((p) => p.kind === 'question').flatMap((p) => p.texts).length !== SYNTHESES)
          throw new Error('not the syntheses asked for');
        samples['proceedings.assemble'] = { value: ms };
      }
      const [epub, epubMs] = await time(() => proceedingsToEpub(input, fonts));
      samples[`proceedings.epub.${lang}`] = { value: epubMs, details: { bytes: epub.byteLength } };
      const [site, siteMs] = await time(() => proceedingsToSite([input], fonts));
      samples[`proceedings.site.${lang}`] = { value: siteMs, details: { files: site.size } };
      const [pdf, pdfMs] = await time(() => proceedingsToPdf(input, fonts));
      const pages = (await PDFDocument.load(pdf)).getPageCount();
      samples[`proceedings.pdf.${lang}`] = { value: pdfMs, details: { pages, bytes: pdf.byteLength } };
      const [docx, docxMs] = await time(() => proceedingsToDocx(input));
      samples[`proceedings.docx.${lang}`] = { value: docxMs, details: { bytes: docx.byteLength } };
    }
    return samples;
  },
};
