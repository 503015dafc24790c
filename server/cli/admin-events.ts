import { writeTransaction, type Database } from '../db/database.js';
import { importEventLine } from '../../shared/protocol/import-format.js';
import { ROLES, type Role } from '../../shared/model/entities.js';
import { addMemberTx, listEvents, removeMemberTx, setEventStatusTx, upsertEventTx } from '../events/event-store.js';

/**
 * `admin event add|list|close` and the event side of `participant add`,
 * `participant remove` and `invite` (issue 18). Each returns the lines to
 * print, or throws an Error whose message is the one line to show.
 */
type Flags = Map<string, string[]>;
const one = (flags: Flags, name: string) => flags.get(name)?.at(-1);

export async function eventAdd(db: Database, flags: Flags): Promise<string[]> {
  const title: Record<string, string> = {};
  for (const pair of flags.get('title') ?? []) {
    const match = /^([a-z]{2})=(.*)$/s.exec(pair);
    if (!match) throw new Error(`--title is xx=TEXT, e.g. --title fr=Séminaire (got ${JSON.stringify(pair)})`);
    title[match[1]!] = match[2]!;
  }
  // The same checks as an `event` import line, with the same messages.
  const parsed = importEventLine.safeParse({
    type: 'event',
    id: one(flags, 'id'),
    kind: one(flags, 'kind') ?? 'closed-seminar',
    title,
    startsOn: one(flags, 'starts'),
    endsOn: one(flags, 'ends') ?? one(flags, 'starts'),
    place: one(flags, 'place'),
    status: one(flags, 'status'),
    visibility: one(flags, 'visibility'),
  });
  if (!parsed.success)
    throw new Error(
      parsed.error.issues
        .map((i) => `${i.path.length ? `--${flagOf(String(i.path[0]))}: ` : ''}${i.message}`)
        .join('; '),
    );
  const e = parsed.data;
  const outcome = await writeTransaction(db, (tx) => upsertEventTx(tx, { ...e }));
  await db.announce();
  return [`event ${e.id}: ${outcome === 'changed' ? 'saved' : 'unchanged'}`];
}

const flagOf = (field: string) =>
  ({ startsOn: 'starts', endsOn: 'ends', id: 'id', kind: 'kind', title: 'title' })[field] ?? field;

export async function eventList(db: Database): Promise<string[]> {
  const events = await listEvents(db);
  if (!events.length) return ['no events yet: npm run admin -- event add --id ID --title en=TITLE --starts YYYY-MM-DD'];
  return events.map(
    (e) =>
      `${e.id}\t${e.kind}\t${e.startsOn}…${e.endsOn}\t${e.status}\t${e.visibility}\t${e.members} member(s)\t${
        e.title.en ?? Object.values(e.title)[0] ?? ''
      }`,
  );
}

export async function eventClose(db: Database, id: string | undefined): Promise<string[]> {
  if (!id) throw new Error('usage: admin event close EVENT_ID');
  const found = await writeTransaction(db, (tx) => setEventStatusTx(tx, id, 'closed'));
  if (!found) throw new Error(`no event ${JSON.stringify(id)} (npm run admin -- event list shows them)`);
  await db.announce();
  return [`event ${id}: closed`];
}

/**
 * The event a participant command acts on: `--event` (which must exist), or
 * the server's only event; none on a server without events; an error when
 * there are several and none was named.
 */
export async function eventForCommand(db: Database, flags: Flags): Promise<string | null> {
  const named = one(flags, 'event');
  const events = (await db.query<{ id: string }>('SELECT id FROM events ORDER BY id')).map((e) => e.id);
  if (named !== undefined) {
    if (!events.includes(named))
      throw new Error(`no event ${JSON.stringify(named)} (npm run admin -- event list shows them)`);
    return named;
  }
  if (events.length > 1)
    throw new Error(`--event is required: this server holds ${events.length} events (${events.join(', ')})`);
  return events[0] ?? null;
}

export async function joinEvent(db: Database, eventId: string, participantId: string, roles: string[]) {
  if (!roles.length || roles.some((r) => !(ROLES as readonly string[]).includes(r)))
    throw new Error(`--role is one of ${ROLES.join(', ')}`);
  await writeTransaction(db, (tx) => addMemberTx(tx, eventId, participantId, roles as Role[]));
  await db.announce();
}

/** `participant remove --participant ID --event E`: their devices drop the event at their next pull. */
export async function leaveEvent(db: Database, flags: Flags): Promise<string[]> {
  const participant = one(flags, 'participant');
  const event = one(flags, 'event');
  if (!participant || !event) throw new Error('usage: admin participant remove --participant ID --event EVENT_ID');
  const removed = await writeTransaction(db, (tx) => removeMemberTx(tx, event, participant));
  if (!removed) throw new Error(`${participant} is not a member of event ${event}`);
  await db.announce();
  return [`${participant} removed from ${event}: their devices drop it at their next sync`];
}

/** An invitation's event: `--event` (the participant must be in it), else their only event, else none. */
export async function invitationEvent(db: Database, flags: Flags, participantId: string): Promise<string | null> {
  const named = one(flags, 'event');
  const mine = (
    await db.query<{ event_id: string }>(
      'SELECT event_id FROM event_members WHERE participant_id = $1 AND removed_at IS NULL ORDER BY event_id',
      [participantId],
    )
  ).map((m) => m.event_id);
  if (named === undefined) return mine.length === 1 ? mine[0]! : null;
  if (!mine.includes(named))
    throw new Error(
      `${participantId} is not a member of event ${JSON.stringify(named)}: npm run admin -- participant add --event ${named} … first`,
    );
  return named;
}
