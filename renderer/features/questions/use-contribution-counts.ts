import { useLiveQuery } from 'dexie-react-hooks';
import type { SeminarDb } from '../../db/database.js';

/** Published contributions per question, in one pass over the small list records. */
export function useContributionCounts(db: SeminarDb): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.contributions
      .where('status')
      .equals('published')
      .each((row) => counts.set(row.questionId, (counts.get(row.questionId) ?? 0) + 1));
    return counts;
  }, [db]);
}
