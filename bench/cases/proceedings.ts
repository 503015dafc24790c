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
import { openPglite, writeTransaction } from '../../server/db/database.js';
import { editionIn, registerEditionUnitsTx } from '../../server/proceedings/edition-translations.js';
import { startTranslationWorker } from '../../server/translate/translation-worker.js';
import type { Translator } from '../../server/translate/translator.js';
import { canonicalJson, contentHashOf } from '../../shared/proceedings/assemble.js';
import { LANGUAGES } from '../../shared/languages.js';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';

/** A provider that answers at once: the figure is the queue's and the assembly's own. */
const instant: Translator = {
  engine: 'bench',
  maxChars: 5_000,
  translate: async (req) => `[${req.target}] ${req.text}`,
};

/**
 * The English edition published on an embedded database and translated into
 * the nine other languages through the translation queue (one worker), then
 * the nine machine editions made from the stored translations.
 */
async function translateEdition(input: ProceedingsInput): Promise<{ seconds: number; jobs: number; buildMs: number }> {
  const db = await openPglite(undefined);
  try {
    // As the server freezes it: checked (titles trimmed), then hashed and stored.
    const frozen = parseProceedingsInput({
      ...input,
      edition: { ...input.edition, state: 'published' as const, contentHash: contentHashOf(input) },
    });
    const units = await writeTransaction(db, async (tx) => {
      await tx.query(
        `INSERT INTO events (id, kind, title, starts_on, ends_on, status, visibility, seq)
         VALUES ('ev', 'seminar', '{"en":"E"}', '2017-02-01', '2017-02-02', 'closed', 'closed', nextval('change_seq'))`,
      );
      await tx.query(
        `INSERT INTO proceedings_editions (event_id, number, language, content_hash, input, published_by_name)
         VALUES ('ev', 1, $1, $2, $3, 'bench')`,
        [frozen.language, frozen.edition.contentHash, canonicalJson(frozen)],
      );
      return registerEditionUnitsTx(tx, 'ev', 1, frozen);
    });
    const t0 = performance.now();
    const worker = startTranslationWorker({ db, translator: instant, pollMs: 5, concurrency: 8 });
    try {
      const open = async () =>
        Number(
          (
            await db.query<{ n: number }>(
              `SELECT COUNT(*)::int AS n FROM translation_jobs WHERE status IN ('queued', 'running')`,
            )
          )[0]!.n,
        );
      while ((await open()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    } finally {
      await worker.stop();
    }
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (const lang of LANGUAGES.filter((l) => l !== frozen.language))
      if (!(await editionIn(db, 'ev', 1, lang))) throw new Error(`no ${lang} edition`);
    return { seconds, jobs: units * 9, buildMs: performance.now() - t1 };
  } finally {
    await db.close();
  }
}

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
    {
      id: 'proceedings.translate',
      label: `Translate proceedings of ${SYNTHESES} syntheses × ~10 pages into 9 languages`,
      setting: 'translation queue (PGlite, one worker), instant fake provider',
      unit: 's',
      note: (row: { value: number; details: Record<string, number> }) =>
        `${row.details.jobs ?? 0} jobs, ${Math.round((row.details.jobs ?? 0) / row.value).toLocaleString('en')} jobs/s; 9 machine editions built in ${Math.round(row.details.buildMs ?? 0)} ms`,
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
    const english = demoProceedings('en', { syntheses: SYNTHESES, paragraphs: PARAGRAPHS, perQuestion: 2 });
    const translated = await translateEdition(english);
    samples['proceedings.translate'] = {
      value: translated.seconds,
      details: { jobs: translated.jobs, buildMs: translated.buildMs },
    };
    return samples;
  },
};
