import { translationStatusSchema, type TranslationStatus } from '../../shared/protocol/translation-costs.js';
import type { SeminarDb } from '../db/database.js';
import type { ApiClient } from './api-client.js';

/**
 * Whether the server's machine translations wait (the budget is spent),
 * asked after each sync and kept in meta 'translation-status', so the reader
 * says why a version is still "awaiting translation", offline too (as of
 * the last sync).
 */
export async function rememberTranslationStatus(db: SeminarDb, client: ApiClient, signal?: AbortSignal) {
  try {
    const res = await client.request('/api/translations/status', signal);
    if (!res.ok) return;
    const parsed = translationStatusSchema.safeParse(await res.json());
    if (parsed.success) await db.meta.put({ key: 'translation-status', value: parsed.data });
  } catch {
    // Offline or an older server: what was last known stays.
  }
}

export function readTranslationStatus(value: unknown): TranslationStatus {
  const parsed = translationStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : { waiting: null };
}
