import type { Lang } from '../../shared/languages.js';
import type { Queryable } from '../db/database.js';

export type TranslationLayer = 'machine' | 'human';

export interface StoredTranslation {
  contributionId: string;
  language: Lang;
  layer: TranslationLayer;
  text: string;
  engine: string | null;
  /** The version of the original this translates. */
  sourceVersion: number;
  /** The participant who attached a human translation. */
  by?: string | null;
}

/**
 * Keeps a translation in its layer, then serves the best one for its language:
 * the one made from the newest original, a human one before a machine one of
 * the same original. A machine re-translation therefore never erases a human
 * correction: it lands in its own layer, and is served only when the human
 * one is older than the original (stale), until a human corrects it again.
 * Returns whether the served text changed (the caller then bumps the
 * contribution's seq so clients pull it).
 */
export async function storeTranslationTx(tx: Queryable, t: StoredTranslation): Promise<boolean> {
  await tx.query(
    `INSERT INTO translation_layers (contribution_id, language, layer, text, engine, source_version, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,now(),$7)
     ON CONFLICT (contribution_id, language, layer) DO UPDATE SET text=$4, engine=$5, source_version=$6, updated_at=now(), updated_by=$7`,
    [t.contributionId, t.language, t.layer, t.text, t.engine, t.sourceVersion, t.by ?? null],
  );
  return serveBestTx(tx, t.contributionId, t.language);
}

async function serveBestTx(tx: Queryable, contributionId: string, language: Lang): Promise<boolean> {
  const [best] = await tx.query<{
    layer: TranslationLayer;
    text: string;
    engine: string | null;
    source_version: number;
  }>(
    `SELECT layer, text, engine, source_version FROM translation_layers WHERE contribution_id=$1 AND language=$2
     ORDER BY source_version DESC, (layer = 'human') DESC LIMIT 1`,
    [contributionId, language],
  );
  if (!best) return false;
  const [served] = await tx.query<{ text: string; origin: string; engine: string | null; source_version: number }>(
    'SELECT text, origin, engine, source_version FROM text_versions WHERE contribution_id=$1 AND language=$2',
    [contributionId, language],
  );
  if (served?.origin === 'original') throw new Error(`no translation into the original's language (${language})`);
  if (
    served &&
    served.text === best.text &&
    served.origin === best.layer &&
    served.engine === best.engine &&
    Number(served.source_version) === Number(best.source_version)
  )
    return false;
  await tx.query(
    `INSERT INTO text_versions (contribution_id, language, text, origin, engine, source_version) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (contribution_id, language) DO UPDATE SET text=$3, origin=$4, engine=$5, source_version=$6`,
    [contributionId, language, best.text, best.layer, best.engine, best.source_version],
  );
  return true;
}

/** After its served texts changed: clients pull the contribution again, and page sizes stay right. */
export async function touchContributionTx(tx: Queryable, contributionId: string): Promise<void> {
  await tx.query(
    `UPDATE contributions c SET seq=nextval('change_seq'),
       chars = COALESCE((SELECT SUM(length(t.text)) FROM text_versions t WHERE t.contribution_id = c.id), 0)
     WHERE id=$1`,
    [contributionId],
  );
}
