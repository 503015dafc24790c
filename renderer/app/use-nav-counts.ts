import { useLiveQuery } from 'dexie-react-hooks';
import { getMe } from '../db/annotations.js';
import type { SeminarDb } from '../db/database.js';

export interface NavCounts {
  questions: number;
  notes: number;
  syntheses: number;
  outbox: number;
}

/** The sidebar's counts: cheap indexed counts, live as the database changes. */
export function useNavCounts(db: SeminarDb): NavCounts | undefined {
  return useLiveQuery(async () => {
    const me = await getMe(db);
    const [questions, notes, syntheses, outbox] = await Promise.all([
      db.questions.count(),
      me
        ? db.annotations
            .where('authorId')
            .equals(me.id)
            .filter((row) => !row.deleted)
            .count()
        : 0,
      db.syntheses.count(),
      db.outbox.count(),
    ]);
    return { questions, notes, syntheses, outbox };
  }, [db]);
}
