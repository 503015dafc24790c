import type { Material } from '../../shared/model/material.js';
import type { SeminarDb } from '../db/database.js';

/**
 * A downloaded PDF's text, kept once per file (by hash): what the search
 * indexes and what notes are re-anchored on. Saving the same file's text
 * again changes nothing, so the reader and the background extraction may
 * both offer it.
 */
export async function saveMaterialText(
  db: SeminarDb,
  material: Pick<Material, 'id' | 'sha256'>,
  pages: readonly string[],
): Promise<boolean> {
  return db.transaction('rw', [db.materialTexts], async () => {
    const known = await db.materialTexts.get(material.id);
    if (known?.sha256 === material.sha256) return false;
    await db.materialTexts.put({ id: material.id, sha256: material.sha256, pages: [...pages] });
    return true;
  });
}
