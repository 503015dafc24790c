import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { setRead, toggleStar } from '../../db/queries.js';
import type { ContributionId } from '../../../shared/model/entities.js';
import type { SeminarDb } from '../../db/database.js';

/** Read and starred marks of one contribution; opening it marks it read (once per opening). */
export function useReaderMarks(db: SeminarDb, id: ContributionId, onError: (error: unknown) => void) {
  const mark = useLiveQuery(() => db.readState.get(id), [db, id], null);
  const marked = useRef(false);
  const loaded = mark !== null;
  const read = mark?.read ?? false;
  useEffect(() => {
    if (!loaded || marked.current) return;
    marked.current = true;
    if (!read) setRead(db, id, true).catch(onError);
  }, [db, id, loaded, read, onError]);
  return {
    starred: mark?.starred ?? false,
    toggleStar: () => {
      toggleStar(db, id).catch(onError);
    },
  };
}
