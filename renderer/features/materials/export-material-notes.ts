import type { Lang } from '../../../shared/languages.js';
import type { SeminarBridge } from '../../../shared/bridge.js';
import { materialNotesToWebAnnotations } from '../../../shared/export/material-notes-export.js';
import type { MaterialRow, SeminarDb } from '../../db/database.js';
import { noteRecord } from '../../db/material-notes.js';

/**
 * Saves the notes on one material this device shows as a W3C Web Annotation
 * collection (`.jsonld`), PDF positions checked against the text the app read.
 * Whether the user saved it (they may cancel the dialog).
 */
export async function exportMaterialNotes(
  db: SeminarDb,
  bridge: SeminarBridge,
  material: MaterialRow,
  language: Lang,
): Promise<boolean> {
  const [rows, tags, text] = await Promise.all([
    db.materialNotes.where('materialId').equals(material.id).toArray(),
    db.tags.toArray(),
    db.materialTexts.get(material.id),
  ]);
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `seminar-desk-notes-${material.id}-${stamp}`;
  const collection = materialNotesToWebAnnotations(
    rows.map((row) => ({ ...noteRecord(row), version: Math.max(1, row.version) })),
    {
      tags: tags.map(({ pending: _pending, ...tag }) => tag),
      language,
      label: name,
      pageText: (_id, page) => (text?.sha256 === material.sha256 ? text.pages[page - 1] : undefined),
    },
  );
  const data = new TextEncoder().encode(JSON.stringify(collection, null, 2));
  return (await bridge.saveFile(`${name}.jsonld`, data, 'application/ld+json')).saved;
}
