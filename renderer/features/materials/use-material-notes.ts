import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { AnnotationId } from '../../../shared/model/annotations.js';
import type { MaterialId } from '../../../shared/model/material.js';
import type { MaterialNoteTarget } from '../../../shared/model/material-note.js';
import { useApp } from '../../app/AppContext.js';
import { getMe, listTags, proposeTag, type AnnotationBody } from '../../db/annotations.js';
import { createMaterialNote, deleteMaterialNote, notesOn, updateMaterialNote } from '../../db/material-notes.js';

/** Palette for tags proposed offline (as the contribution reader's); the secretariat may recolour them. */
const PROPOSAL_COLORS = ['#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#9467bd'];

/**
 * The notes on one material as they change (this device's writes, pulls),
 * the codebook, the user, and the writes; a failed write is reported like the
 * reader's (a full disk says so) and the caller keeps its editor open.
 */
export function useMaterialNotes(materialId: MaterialId) {
  const { db, reportStorageError } = useApp();
  const data = useLiveQuery(async () => {
    const [notes, tags, me] = await Promise.all([notesOn(db, materialId), listTags(db), getMe(db)]);
    return { notes, tags, me };
  }, [db, materialId]);
  const me = data?.me;

  const guard = useCallback(
    async (write: () => Promise<unknown>): Promise<boolean> => {
      try {
        await write();
        return true;
      } catch (error) {
        reportStorageError(error);
        return false;
      }
    },
    [reportStorageError],
  );

  const create = useCallback(
    (target: MaterialNoteTarget, body: AnnotationBody) => guard(() => createMaterialNote(db, me!, target, body)),
    [db, me, guard],
  );
  const update = useCallback(
    (id: AnnotationId, body: AnnotationBody) => guard(() => updateMaterialNote(db, me!, id, body)),
    [db, me, guard],
  );
  const remove = useCallback((id: AnnotationId) => guard(() => deleteMaterialNote(db, me!, id)), [db, me, guard]);
  const propose = useCallback(
    async (label: string) => {
      const tags = data?.tags ?? [];
      return proposeTag(db, me!, { [me!.language]: label }, PROPOSAL_COLORS[tags.length % PROPOSAL_COLORS.length]!);
    },
    [db, me, data?.tags],
  );

  return { notes: data?.notes, tags: data?.tags ?? [], me, create, update, remove, propose };
}
