import { materialErrorCode } from '../../shared/bridge.js';
import type { MaterialId } from '../../shared/model/material.js';
import type { MaterialFileRow, SeminarDb, SyncMeta } from '../db/database.js';
import { DownloadError, downloadMaterial, type MaterialFiles } from './download-material.js';

/** What the user lets materials take on this device unless they say otherwise. */
export const DEFAULT_BUDGET_BYTES = 2_000_000_000;
const BUDGET_KEY = 'material-budget';

export async function readBudget(db: SeminarDb): Promise<number> {
  const row = await db.meta.get(BUDGET_KEY);
  return typeof row?.value === 'number' ? row.value : DEFAULT_BUDGET_BYTES;
}

export async function setBudget(db: SeminarDb, bytes: number): Promise<void> {
  await db.meta.put({ key: BUDGET_KEY, value: Math.max(0, Math.round(bytes)) });
}

/** The user's "keep offline" toggle: off frees the space at the queue's next turn, on queues it again. */
export async function setKeepOffline(db: SeminarDb, id: MaterialId, keep: boolean): Promise<void> {
  await db.materialFiles.update(id, { keep, status: keep ? 'waiting' : 'paused', error: null });
}

/**
 * The corpus first: materials wait until the pull has caught up with the
 * server at least once (checkpoint at head), so a first sync on a slow link
 * brings every text before any video.
 */
export async function corpusSynced(db: SeminarDb): Promise<boolean> {
  const meta = (await db.meta.get('sync'))?.value as SyncMeta | undefined;
  return !!meta?.lastPulledAt && meta.checkpoint >= meta.head;
}

const now = () => new Date().toISOString();

/**
 * Brings the file rows in line with the pulled materials and the budget:
 * a row per material (kept offline by default), the bytes of removed or
 * replaced materials and of those the user no longer keeps removed, and
 * what does not fit in the budget marked so (smallest first: more of the
 * briefing is offline sooner).
 */
export async function planDownloads(db: SeminarDb, files: MaterialFiles): Promise<void> {
  const [materials, rows, budget] = await Promise.all([
    db.materials.toArray(),
    db.materialFiles.toArray(),
    readBudget(db),
  ]);
  const byId = new Map(materials.map((m) => [m.id as string, m]));
  const inUse = new Set(materials.map((m) => m.sha256));
  const next = new Map<string, MaterialFileRow>();
  for (const row of rows) {
    const material = byId.get(row.id);
    if (!material || material.sha256 !== row.sha256) {
      // Content-addressed: another material may share these bytes.
      if (!inUse.has(row.sha256)) await files.materialRemove(row.sha256);
      await db.materialFiles.delete(row.id);
      if (!material) continue;
    } else next.set(row.id, row);
  }
  for (const m of materials)
    if (!next.has(m.id))
      next.set(m.id, {
        id: m.id,
        sha256: m.sha256,
        size: m.size,
        received: 0,
        status: 'waiting',
        keep: true,
        error: null,
        updatedAt: now(),
      });
  let committed = 0;
  for (const row of [...next.values()].sort((a, b) => a.size - b.size || a.id.localeCompare(b.id))) {
    if (!row.keep) {
      if (row.received > 0) await files.materialRemove(row.sha256);
      Object.assign(row, { received: 0, status: 'paused' });
    } else if (committed + row.size > budget) {
      if (row.status !== 'done') Object.assign(row, { status: 'over-budget' });
      else committed += row.size; // already here: lowering the budget does not delete what the user has
    } else {
      committed += row.size;
      // Room again (the disk was freed, the budget raised): try once more.
      if (row.status === 'over-budget' || row.status === 'full' || row.status === 'downloading')
        Object.assign(row, { status: 'waiting' });
    }
  }
  await db.materialFiles.bulkPut([...next.values()]);
}

export interface MaterialDownloads {
  /** Runs the queue now (a sync ended, the user changed a toggle or the budget). */
  wake(): void;
  /** Resolves once the queue has nothing under way (tests, the storage view's "clear"). */
  idle(): Promise<void>;
  /** Stops what is under way (its bytes so far stay); a later wake starts again. */
  stop(): Promise<void>;
}

/**
 * The background download of materials, one at a time, in the order of
 * planDownloads. It stops on a full disk (the row says `full`, the storage
 * view tells the user, nothing else fails) and on a network error (tried again
 * after `retryMs` or the next wake). A corrupt or vanished file is marked
 * `failed` with its reason and the queue goes on with the next one.
 */
export function startMaterialDownloads(options: {
  db: SeminarDb;
  files: MaterialFiles;
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  corpusReady?: () => Promise<boolean>;
  retryMs?: number;
}): MaterialDownloads {
  const { db, files } = options;
  const corpusReady = options.corpusReady ?? (() => corpusSynced(db));
  // Replaced when woken after a stop (React may stop and restart it, as StrictMode does in development).
  let abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const set = (id: string, patch: Partial<MaterialFileRow>) =>
    db.materialFiles.update(id as MaterialId, { ...patch, updatedAt: now() });

  async function turn(): Promise<void> {
    if (!(await corpusReady())) return;
    await planDownloads(db, files);
    for (;;) {
      if (abort.signal.aborted) return;
      const candidates = await db.materialFiles.where('status').anyOf('waiting', 'downloading').toArray();
      const row = candidates.filter((r) => r.keep).sort((a, b) => a.size - b.size || a.id.localeCompare(b.id))[0];
      if (!row) return;
      await set(row.id, { status: 'downloading', error: null });
      try {
        await downloadMaterial({
          target: row,
          files,
          baseUrl: options.baseUrl,
          token: options.token,
          fetch: options.fetch,
          signal: abort.signal,
          onProgress: (received) => set(row.id, { received }),
        });
        await set(row.id, { status: 'done', received: row.size });
      } catch (error) {
        if (abort.signal.aborted) return;
        if (materialErrorCode(error) === 'full') {
          await set(row.id, { status: 'full', error: 'disk-full' });
          return;
        }
        if (error instanceof DownloadError) {
          await set(row.id, { status: 'failed', error: error.code });
          continue;
        }
        // The network or the server went away: the bytes so far stay, the next turn resumes.
        await set(row.id, { status: 'waiting', error: 'offline' });
        if (options.retryMs !== 0) timer = setTimeout(wake, options.retryMs ?? 30_000);
        return;
      }
    }
  }

  function wake(): void {
    if (abort.signal.aborted && !running) abort = new AbortController();
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await turn().catch(() => undefined);
      } while (again && !abort.signal.aborted);
      running = null;
    })();
  }

  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
