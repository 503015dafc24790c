import { useLiveQuery } from 'dexie-react-hooks';
import type { SeminarEvent } from '../../../shared/model/events.js';
import { useApp } from '../../app/AppContext.js';
import type { SeminarDb } from '../../db/database.js';

/**
 * Per event on the device (issue 18): the published contributions to the
 * questions on its agenda that the user has not read yet. The corpus is
 * shared, so one contribution counts in every event whose agenda has its
 * question. Read from the indexes only (question and status, the read
 * marks), not the contributions' records: the sidebar shows it all the time.
 */
export async function unreadByEvent(db: SeminarDb, events: readonly SeminarEvent[]): Promise<Map<string, number>> {
  const questions = [...new Set(events.flatMap((e) => e.questionIds))];
  const counts = new Map<string, number>(events.map((e) => [e.id, 0]));
  if (questions.length === 0) return counts;
  const [withdrawn, read] = await Promise.all([
    db.contributions.where('status').notEqual('published').primaryKeys(),
    db.readState
      .filter((mark) => mark.read)
      .primaryKeys()
      .then((ids) => new Set<string>(ids)),
  ]);
  const gone = new Set<string>(withdrawn);
  const unreadPerQuestion = new Map<string, number>();
  await db.contributions
    .where('questionId')
    .anyOf(questions)
    .eachKey((questionId, cursor) => {
      const id = String(cursor.primaryKey);
      if (gone.has(id) || read.has(id)) return;
      const key = String(questionId);
      unreadPerQuestion.set(key, (unreadPerQuestion.get(key) ?? 0) + 1);
    });
  for (const event of events)
    counts.set(
      event.id,
      [...new Set(event.questionIds)].reduce((sum, q) => sum + (unreadPerQuestion.get(q) ?? 0), 0),
    );
  return counts;
}

/** The unread counts of the device's events, kept up to date as pulls and reading change them. */
export function useEventCounts(events: readonly SeminarEvent[] | undefined): Map<string, number> | undefined {
  const { db } = useApp();
  return useLiveQuery(
    () => unreadByEvent(db, events ?? []),
    [db, events?.map((e) => `${e.id}:${e.questionIds.join(',')}`).join(' ')],
  );
}
