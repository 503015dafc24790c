import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useMemo } from 'react';
import type { SeminarBridge } from '../../shared/bridge.js';
import type { SeminarDb } from '../db/database.js';
import { startMaterialDownloads, type MaterialDownloads } from './download-queue.js';
import { extractDownloadedPdfTexts } from './pdf-text-extraction.js';

/** The running download queue, for screens that change what it should do (toggles, budget). */
export const MaterialDownloadsContext = createContext<MaterialDownloads | null>(null);
export const useMaterialDownloads = () => useContext(MaterialDownloadsContext);

/**
 * Runs the background download of materials while the device is signed in,
 * woken by each sync report: the queue itself waits for the corpus to be
 * caught up (download-queue.ts), so a sync under way only delays it.
 */
export function useMaterialDownloadQueue(
  db: SeminarDb,
  bridge: SeminarBridge,
  connection: { serverUrl: string | null; token: string | null },
  syncPhase: string | undefined,
): MaterialDownloads | null {
  const { serverUrl, token } = connection;
  // Creating the queue starts nothing (it runs when woken), so it may be made during render.
  const queue = useMemo(
    () => (serverUrl && token ? startMaterialDownloads({ db, files: bridge, baseUrl: serverUrl, token }) : null),
    [db, bridge, serverUrl, token],
  );
  useEffect(() => () => void queue?.stop(), [queue]);
  useEffect(() => {
    if (syncPhase === 'live' || syncPhase === 'idle') queue?.wake();
  }, [queue, syncPhase]);
  usePdfTextExtraction(db, bridge);
  return queue;
}

let extracting: Promise<unknown> = Promise.resolve();

/** Each finished download of a PDF has its text extracted once, for the search (one run at a time). */
function usePdfTextExtraction(db: SeminarDb, bridge: SeminarBridge) {
  const done = useLiveQuery(() => db.materialFiles.where('status').equals('done').count(), [db]);
  useEffect(() => {
    if (!done) return;
    // A file that cannot be read now (removed meanwhile) is tried again at the next finished download.
    extracting = extracting.then(() => extractDownloadedPdfTexts(db, bridge)).catch(() => undefined);
  }, [db, bridge, done]);
}
