import Dexie from 'dexie';
import type { SeminarBridge } from '../../shared/bridge.js';
import type { SeminarDb } from './database.js';

/** What signing out would lose: changes not yet acknowledged by the server. */
export async function unsentCount(db: SeminarDb): Promise<number> {
  return db.outbox.count();
}

/**
 * Signing out: this device keeps nothing of the seminar. The database, the
 * materials' files and the search index are deleted, the web mode's cached app files too, the
 * journal's unsent entries acknowledged (the user agreed to drop them), and
 * the token and server forgotten. The caller reloads the app afterwards.
 */
export async function wipeLocalData(
  db: SeminarDb,
  bridge: SeminarBridge,
  extraDatabases: readonly string[] = ['seminar-desk-search'],
): Promise<void> {
  const pending = (await db.outbox.toArray()).map((row) => row.mutationId);
  // Materials' files live with the shell (the data folder in the desktop app): removed first, while their list is known.
  for (const row of await db.materialFiles.toArray()) await bridge.materialRemove(row.sha256).catch(() => undefined);
  db.close();
  await db.delete();
  for (const name of extraDatabases) await Dexie.delete(name);
  if (typeof caches !== 'undefined') for (const key of await caches.keys()) await caches.delete(key);
  if (pending.length) await bridge.journalAcknowledge(pending).catch(() => undefined);
  await bridge.setSettings({ token: null, serverUrl: null });
}
