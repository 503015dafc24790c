import { useLiveQuery } from 'dexie-react-hooks';
import * as Y from 'yjs';
import type { QuestionId } from '../../../shared/model/entities.js';
import type { SeminarEvent } from '../../../shared/model/events.js';
import type { Synthesis, SynthesisId } from '../../../shared/model/synthesis.js';
import type { QuotedSynthesis } from '../../../shared/synthesis/synthesis-quote.js';
import type { SeminarDb } from '../../db/database.js';
import { pickCurrentEvent } from '../../db/events.js';
import { paragraphTexts } from './version-diff.js';

/** The text blocks of a synthesis as this device holds it (its merged Yjs state), in order. */
export function blocksOfState(state: Uint8Array): string[] {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  const blocks = paragraphTexts(doc);
  doc.destroy();
  return blocks;
}

/** The blocks of each of these syntheses held on this device (absent: not here). */
export async function blocksOf(db: SeminarDb, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.synthesisDocs.bulkGet(ids as SynthesisId[]);
  return new Map(rows.filter((r) => !!r).map((r) => [r.id as string, blocksOfState(r.state)]));
}

export interface EarlierSynthesis {
  synthesis: Synthesis;
  source: QuotedSynthesis;
  blocks: string[];
  /** It is about the question of the synthesis being written. */
  sameQuestion: boolean;
}

/**
 * The syntheses of the events before the current one that this device holds:
 * the server sends an event's syntheses only to its members, so these are the
 * events the user was part of (issue 18). Those on the same question first,
 * then the most recent event first.
 */
export function useEarlierSyntheses(db: SeminarDb, questionId: QuestionId): EarlierSynthesis[] | undefined {
  return useLiveQuery(async () => {
    const [events, chosen, syntheses, questions] = await Promise.all([
      db.events.toArray(),
      db.meta.get('currentEvent'),
      db.syntheses.toArray(),
      db.questions.toArray(),
    ]);
    const current = pickCurrentEvent(events, chosen?.value as string | undefined);
    if (!current) return [];
    const earlier = new Map<string, SeminarEvent>(
      events.filter((e) => e.id !== current.id && e.startsOn <= current.startsOn).map((e) => [e.id, e]),
    );
    const found = syntheses.filter((s) => s.eventId && earlier.has(s.eventId));
    const blocks = await blocksOf(
      db,
      found.map((s) => s.id),
    );
    const codes = new Map(questions.map((q) => [q.id as string, q.code]));
    return found
      .map((synthesis): EarlierSynthesis => {
        const event = earlier.get(synthesis.eventId!)!;
        return {
          synthesis,
          blocks: blocks.get(synthesis.id) ?? [],
          sameQuestion: synthesis.questionId === questionId,
          source: {
            eventId: event.id,
            eventTitle: event.title,
            eventStartsOn: event.startsOn,
            eventEndsOn: event.endsOn,
            synthesisId: synthesis.id,
            synthesisTitle: synthesis.title,
            synthesisLanguage: synthesis.language,
            rapporteur: synthesis.createdByName,
            questionCode: (synthesis.questionId && codes.get(synthesis.questionId)) || '',
          },
        };
      })
      .sort(
        (a, b) =>
          Number(b.sameQuestion) - Number(a.sameQuestion) ||
          b.source.eventStartsOn.localeCompare(a.source.eventStartsOn) ||
          a.synthesis.title.localeCompare(b.synthesis.title),
      );
  }, [db, questionId]);
}
