import type { Participant } from '../../shared/model/entities.js';
import type { EventId, SeminarEvent } from '../../shared/model/events.js';
import type { SeminarDb } from './database.js';

/**
 * The device's events (issue 18): which one the user works in, and signing
 * this device out of one. The corpus is shared by every event and stays; an
 * event's agenda, syntheses and others' notes in it go; the user's own notes
 * stay (they are theirs across events; the server keeps them too).
 */

/** The event the screens show: the one chosen, else the running one, else the latest. */
export function pickCurrentEvent(events: SeminarEvent[], chosen: string | undefined): SeminarEvent | null {
  if (!events.length) return null;
  const found = chosen ? events.find((e) => e.id === chosen) : undefined;
  if (found) return found;
  const byDate = [...events].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.id.localeCompare(b.id));
  return byDate.find((e) => e.status === 'running') ?? byDate[0]!;
}

/** The id of the event the user works in now, for what they write (null on a device without events). */
export async function currentEventId(db: SeminarDb): Promise<string | null> {
  const [events, chosen] = await Promise.all([db.events.toArray(), db.meta.get('currentEvent')]);
  return pickCurrentEvent(events, chosen?.value as string | undefined)?.id ?? null;
}

export async function chooseEvent(db: SeminarDb, eventId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: 'currentEvent', value: eventId });
    // Opening an event is looking at its news.
    const activity = await eventActivity(db);
    if (eventId in activity) {
      delete activity[eventId];
      await db.meta.put({ key: 'eventActivity', value: activity });
    }
  });
}

/** Events with news the user has not opened yet (from the live channel's hints), with the head of the last one. */
export async function eventActivity(db: SeminarDb): Promise<Record<string, number>> {
  return { ...(((await db.meta.get('eventActivity'))?.value as Record<string, number> | undefined) ?? {}) };
}

/**
 * The live channel said these events changed (issue 18): the events other
 * than the one the user works in are marked in the switcher until opened.
 */
export async function recordEventActivity(db: SeminarDb, events: readonly string[], head: number): Promise<void> {
  await db.transaction('rw', [db.meta, db.events], async () => {
    const current = await currentEventId(db);
    const activity = await eventActivity(db);
    let changed = false;
    for (const id of events)
      if (id !== current && (activity[id] ?? -1) < head) {
        activity[id] = head;
        changed = true;
      }
    if (changed) await db.meta.put({ key: 'eventActivity', value: activity });
  });
}

export async function pendingLeaves(db: SeminarDb): Promise<string[]> {
  return ((await db.meta.get('leftEvents'))?.value as string[] | undefined) ?? [];
}

/**
 * Drops an event's records from this device, in one transaction: the event,
 * its sessions, its syntheses and their documents, its catch-up, the notes
 * others wrote in it, and its briefing materials with the text read from
 * them (their bytes follow: the download queue removes the files of
 * materials no longer held). Used when the server says the user left it, and
 * when the user signs this device out of it.
 */
export async function dropEventLocally(db: SeminarDb, eventId: string): Promise<void> {
  await db.transaction('rw', eventTables(db), async () => {
    const me = ((await db.meta.get('me'))?.value as Participant | undefined)?.id;
    const syntheses = await db.syntheses.where('eventId').equals(eventId).primaryKeys();
    // ownerId alone could name a question of the same id: the owner's kind says whose it is.
    const materials = (await db.materials.where('ownerId').equals(eventId).toArray())
      .filter((m) => m.owner.kind === 'event')
      .map((m) => m.id);
    await Promise.all([
      db.events.delete(eventId as EventId),
      db.catchUps.delete(eventId),
      db.proceedings.delete(eventId as EventId),
      db.editionUnits.where('eventId').equals(eventId).delete(),
      db.sessions.where('eventId').equals(eventId).delete(),
      db.syntheses.bulkDelete(syntheses),
      db.synthesisDocs.bulkDelete(syntheses),
      db.materials.bulkDelete(materials),
      db.materialTexts.bulkDelete(materials),
      db.annotations
        .where('eventId')
        .equals(eventId)
        .filter((a) => a.authorId !== me && a.pending !== 1)
        .delete(),
      db.materialNotes
        .where('eventId')
        .equals(eventId)
        .filter((n) => n.authorId !== me && n.pending !== 1)
        .delete(),
    ]);
  });
}

/**
 * The tables dropEventLocally writes: a caller that drops an event inside its
 * own transaction (applying a pull page) must hold every one of them.
 */
export const eventTables = (db: SeminarDb) => [
  db.events,
  db.sessions,
  db.syntheses,
  db.synthesisDocs,
  db.annotations,
  db.materialNotes,
  db.materials,
  db.materialTexts,
  db.catchUps,
  db.meta,
  db.proceedings,
  db.editionUnits,
];

/**
 * Signs this device out of one event: its data goes now, offline too; the
 * server is told at the next sync (until then, pulled records of that event
 * are not stored), and the other events stay.
 */
export async function leaveEventOnDevice(db: SeminarDb, eventId: string): Promise<void> {
  await dropEventLocally(db, eventId);
  const left = await pendingLeaves(db);
  if (!left.includes(eventId)) await db.meta.put({ key: 'leftEvents', value: [...left, eventId] });
  if (((await db.meta.get('currentEvent'))?.value as string | undefined) === eventId)
    await db.meta.delete('currentEvent');
}

/** The server acknowledged the sign-out of these events. */
export async function leavesAcknowledged(db: SeminarDb, eventIds: string[]): Promise<void> {
  const left = await pendingLeaves(db);
  await db.meta.put({ key: 'leftEvents', value: left.filter((id) => !eventIds.includes(id)) });
}
