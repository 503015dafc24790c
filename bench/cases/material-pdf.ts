import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { generatePdf } from '../../server/demo/generate-pdf.js';
import { anchorPdfNote, describePdfSelection, pdfText } from '../../shared/materials/pdf-anchoring.js';
import type { MaterialId } from '../../shared/model/material.js';
import type { PdfPassageTarget } from '../../shared/model/material-note.js';
import { searchMaterialTexts } from '../../renderer/materials/material-search.js';
import type { BenchCase, Sample } from '../registry.js';
import { median } from '../stats.js';

const PAGES = 200;
const NOTES = 1_000;
const ROUNDS = 5;
const WORDS = ['attribution', 'countermeasures', 'sovereignty', 'diligence', 'cooperation', 'territory', 'norms'];

/** A 200-page study of 40 lines a page, every line different (deterministic). */
function study(): Uint8Array {
  return generatePdf(
    Array.from({ length: PAGES }, (_, p) => ({
      heading: `Bench study - page ${p + 1} of ${PAGES}`,
      lines: Array.from(
        { length: 40 },
        (_, l) =>
          `${p + 1}.${l + 1} States weigh ${WORDS[(p + l) % WORDS.length]} against ${WORDS[(p * 3 + l) % WORDS.length]} in case ${p * 40 + l}.`,
      ),
    })),
  );
}

/** The pages' text as the app extracts it (renderer/materials/pdf-text-extraction.ts, here on pdf.js's Node build). */
async function extract(bytes: Uint8Array): Promise<{ openMs: number; extractMs: number; pages: string[] }> {
  const t0 = performance.now();
  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  const pdf = await task.promise;
  await (await pdf.getPage(1)).getTextContent();
  const openMs = performance.now() - t0;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  const extractMs = performance.now() - t0;
  await task.destroy();
  return { openMs, extractMs, pages };
}

function notesOn(pages: string[]): PdfPassageTarget[] {
  const text = pdfText(pages);
  const material = { id: 'bench-study' as MaterialId, sha256: 'a'.repeat(64) };
  return Array.from({ length: NOTES }, (_, i) => {
    const page = (i % PAGES) + 1;
    const lineStart = pages[page - 1]!.indexOf(`${page}.${(i % 37) + 2} `);
    return describePdfSelection(material, text, page, lineStart, lineStart + 40);
  });
}

function reanchor(targets: PdfPassageTarget[], pages: string[]) {
  const times: number[] = [];
  let moved = 0;
  let orphans = 0;
  for (let round = 0; round < ROUNDS; round++) {
    moved = orphans = 0;
    const t0 = performance.now();
    const text = pdfText(pages);
    for (const target of targets) {
      const found = anchorPdfNote(target, text);
      if (found.status === 'orphan') orphans += 1;
      else if (found.status === 'moved') moved += 1;
    }
    times.push(performance.now() - t0);
  }
  return { value: median(times), details: { moved, orphans } };
}

/**
 * Issue 21's PDF figures, in Node on the app's own code: a generated study of
 * 200 pages opened by pdf.js (to the first page's text, what the reader waits
 * for before drawing it; drawing is not measured here), its text extracted for
 * the search, 1,000 notes on it re-anchored (unchanged; then a new edition with
 * one page inserted at the front, which moves every note to the next page),
 * and a search of the 200 pages.
 */
export const materialPdfCase: BenchCase = {
  id: 'material-pdf',
  backends: [],
  rows: [
    {
      id: 'materials.pdf-open',
      label: `Open a ${PAGES}-page PDF to its first page's text`,
      setting: 'Node, pdf.js (pdfjs-dist legacy build), generated study',
      unit: 'ms',
    },
    {
      id: 'materials.pdf-extract',
      label: `Extract the text of its ${PAGES} pages (once, after download)`,
      setting: 'Node, pdf.js, text items joined as the text layer',
      unit: 'ms',
    },
    {
      id: 'materials.pdf-reanchor',
      label: `Re-anchor ${NOTES.toLocaleString('en')} PDF notes, file unchanged`,
      setting: `Node, shared/materials/pdf-anchoring, ${PAGES} pages`,
      unit: 'ms',
      note: (row) => `${row.details.orphans ?? 0} orphans; page hashes included; median of ${ROUNDS} passes`,
    },
    {
      id: 'materials.pdf-reanchor-edition',
      label: `Re-anchor ${NOTES.toLocaleString('en')} PDF notes in a new edition`,
      setting: `one page inserted at the front: every passage one page later`,
      unit: 'ms',
      baseline: { id: 'materials.pdf-reanchor', name: 'unchanged' },
      note: (row) => `${row.details.moved ?? 0} found on another page, ${row.details.orphans ?? 0} orphans`,
    },
    {
      id: 'materials.pdf-search',
      label: `Search the ${PAGES} pages for two words`,
      setting: 'renderer/materials/material-search (shared/search rules), scanned',
      unit: 'ms',
      note: (row) => `${row.details.hits ?? 0} pages found (limit 20 shown); median of ${ROUNDS}`,
    },
  ],
  async run() {
    const { openMs, extractMs, pages } = await extract(study());
    const targets = notesOn(pages);
    const edition = [`Preface to the second edition.`, ...pages];
    const searchTimes: number[] = [];
    let hits = 0;
    const texts = pages.map((text, i) => ({
      materialId: 'bench-study' as MaterialId,
      owner: { kind: 'event', id: 'bench' } as const,
      title: { en: 'Bench study' },
      text,
      page: i + 1,
    }));
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      hits = searchMaterialTexts(texts, 'sovereignty norms', 'en', 1_000).length;
      searchTimes.push(performance.now() - t0);
    }
    const samples: Record<string, Sample> = {
      'materials.pdf-open': { value: openMs },
      'materials.pdf-extract': { value: extractMs },
      'materials.pdf-reanchor': reanchor(targets, pages),
      'materials.pdf-reanchor-edition': reanchor(targets, edition),
      'materials.pdf-search': { value: median(searchTimes), details: { hits } },
    };
    return samples;
  },
};
