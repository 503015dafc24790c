import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { useApp } from '../../app/AppContext.js';
import { recordSynthesisEdit } from '../../db/syntheses.js';
import { applyRemoteUpdate } from './rescued-words.js';

/** Typing pauses this long before its edits are written (with their outbox entry); leaving writes at once. */
export const SYNTHESIS_SAVE_DELAY_MS = 300;

const REMOTE = 'remote';

/**
 * The Y.Doc of a synthesis on this device: loaded from IndexedDB, kept in step
 * with what pulls merge into it (applied as 'remote', which Yjs makes
 * idempotent), and each local edit written back with its outbox mutation.
 * Local edits are gathered for a moment and written as one merged update.
 */
export function useSynthesisDoc(id: SynthesisId): { doc: Y.Doc | null; saving: boolean } {
  const { db, reportStorageError } = useApp();
  // One document per mounted screen (the screen is keyed by the synthesis id).
  // Deleted items are kept (no garbage collection): words someone types offline into a paragraph
  // deleted here arrive later into it, and are read from there to be rescued (rescued-words.ts).
  const [doc] = useState(() => new Y.Doc({ gc: false }));
  const [saving, setSaving] = useState(false);
  const row = useLiveQuery(() => db.synthesisDocs.get(id), [db, id], null);
  const pending = useRef<Uint8Array[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (pending.current.length === 0) return;
      const update = Y.mergeUpdates(pending.current.splice(0));
      setSaving(true);
      recordSynthesisEdit(db, id, update)
        .catch((error: unknown) => {
          // Not written: keep it for the next attempt rather than lose the edit.
          pending.current.unshift(update);
          reportStorageError(error);
        })
        .finally(() => setSaving(false));
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      pending.current.push(update);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SYNTHESIS_SAVE_DELAY_MS);
    };
    doc.on('update', onUpdate);
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      flush();
      doc.off('update', onUpdate);
    };
  }, [db, doc, id, reportStorageError]);

  // What the device holds (pulled updates, and our own written ones) goes into the document, during
  // render: the editor below binds to the document in its own effect, which runs before ours would, and
  // must find the stored text there rather than start an empty one. Applying twice changes nothing.
  useMemo(() => {
    if (row?.state) applyRemoteUpdate(doc, row.state, REMOTE);
  }, [doc, row]);

  return { doc: row === null ? null : doc, saving };
}
