import type { SeminarBridge } from '../../shared/bridge.js';
import type { MaterialRow, SeminarDb } from '../db/database.js';
import { readMaterialFile } from './download-material.js';
import { saveMaterialText } from './material-text.js';
import { getDocument } from './pdfjs.js';

/**
 * A PDF's text, one string per page, joined as the reader reads pdf.js's text
 * layer (each text item's string in order, "\n" where an item ends a line:
 * features/materials/pdf-selection.ts), so offsets in it are offsets there.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: bytes });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/**
 * Extracts, once, the text of every downloaded PDF that has none yet, for the
 * search: after the download queue finished a file, never before. One file at
 * a time, off the main thread (pdf.js parses in its worker).
 */
export async function extractDownloadedPdfTexts(db: SeminarDb, bridge: SeminarBridge): Promise<number> {
  const [materials, files, texts] = await Promise.all([
    db.materials.filter((m: MaterialRow) => m.mediaType === 'application/pdf').toArray(),
    db.materialFiles.where('status').equals('done').toArray(),
    db.materialTexts.toArray(),
  ]);
  const done = new Map(files.map((f) => [f.id as string, f.sha256]));
  const known = new Map(texts.map((t) => [t.id as string, t.sha256]));
  let extracted = 0;
  for (const material of materials) {
    if (done.get(material.id) !== material.sha256 || known.get(material.id) === material.sha256) continue;
    const file = await readMaterialFile(bridge, material, material.mediaType);
    const pages = await extractPdfText(new Uint8Array(await file.arrayBuffer()));
    if (await saveMaterialText(db, material, pages)) extracted += 1;
  }
  return extracted;
}
