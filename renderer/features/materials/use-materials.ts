import { useLiveQuery } from 'dexie-react-hooks';
import type { MaterialFileRow, MaterialRow, SeminarDb } from '../../db/database.js';
import { readBudget } from '../../materials/download-queue.js';

export interface MaterialItem {
  material: MaterialRow;
  /** This device's copy; absent until the queue has seen the material. */
  file: MaterialFileRow | undefined;
}

/** A question's (or every) material with its local state, live. */
export function useMaterials(db: SeminarDb, ownerId?: string): MaterialItem[] | undefined {
  return useLiveQuery(async () => {
    const materials = ownerId
      ? await db.materials.where('ownerId').equals(ownerId).toArray()
      : await db.materials.toArray();
    const files = await db.materialFiles.bulkGet(materials.map((m) => m.id));
    return materials.map((material, i) => ({ material, file: files[i] }));
  }, [db, ownerId]);
}

export const useBudget = (db: SeminarDb) => useLiveQuery(() => readBudget(db), [db]);
