import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.js';
import { importJsonlFile, type ImportCounts } from '../import/import-jsonl.js';
import { DEMO_PARTICIPANT, upsertParticipant } from '../auth/tokens.js';

export const DEMO_CORPUS = fileURLToPath(new URL('../../assets/demo/corpus.jsonl', import.meta.url));

/**
 * Imports the demo corpus (idempotent: a restart changes nothing) and creates
 * the demo participant. Returns null when the corpus file is missing.
 */
export async function seedDemo(db: Database, corpus: string = DEMO_CORPUS): Promise<ImportCounts | null> {
  await upsertParticipant(db, DEMO_PARTICIPANT);
  if (!existsSync(corpus)) return null;
  return importJsonlFile(db, corpus);
}
