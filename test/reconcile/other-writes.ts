import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { setRead, toggleStar } from '../../renderer/db/queries.js';
import { proposeTag } from '../../renderer/db/annotations.js';
import { createSynthesis, recordSynthesisEdit } from '../../renderer/db/syntheses.js';
import type { Participant, ContributionId, QuestionId } from '../../shared/model/entities.js';
import type { SynthesisId } from '../../shared/model/synthesis.js';
import { SYNTHESIS_FIELD } from '../../shared/synthesis/document.js';
import type { Database } from '../../server/db/database.js';
import { MARKED, type Mark, type SynthesisChange } from './scenario.js';
import type { Device } from './world.js';

/**
 * The writes of the property that are not annotations: read and star marks,
 * tag proposals and a synthesis co-edited by every device. Each kind keeps what
 * its operations wrote and checks, at the end, that it reached the server and
 * every device, through whatever faults the run had:
 *
 * - marks: a participant's marks of a contribution are the same on every one of
 *   their devices and on the server; a flag ends on a value some device of the
 *   participant set it to (one that was never set stays false), so a mark set
 *   on one device cannot be undone by another device's change of the other flag;
 * - tag proposals: each one is on the server once, by its author, with its
 *   label, and every device holds the server's codebook as the server has it;
 * - the synthesis: every word written is in the server's text unless an editor
 *   removed it, no word appears that nobody wrote, and every device's copy reads
 *   the same text as the server's.
 */

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

export class OtherWrites {
  /** participant/contribution/flag → the values its devices set it to. */
  private readonly marks = new Map<string, Set<boolean>>();
  private readonly proposals: { id: string; label: string; by: Participant }[] = [];
  private readonly synthesisWords = new Map<string, string>();
  private readonly synthesisDropped = new Set<string>();
  private synthesisId: SynthesisId | null = null;

  constructor(private readonly fresh: () => string) {}

  /** A1 starts the synthesis every device then pulls, with the paragraph words go into. */
  async start(device: Device): Promise<string> {
    const synthesis = await createSynthesis(device.db, device.participant, {
      questionId: 'q1' as QuestionId,
      title: 'Synthesis',
      language: 'en',
    });
    this.synthesisId = synthesis.id;
    const doc = new Y.Doc();
    const update = captureUpdate(doc, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      doc.getXmlFragment(SYNTHESIS_FIELD).insert(0, [paragraph]);
    });
    await recordSynthesisEdit(device.db, synthesis.id, update!);
    return `creates the synthesis`;
  }

  async mark(device: Device, contribution: number, mark: Mark): Promise<string> {
    const id = MARKED[contribution % MARKED.length]! as ContributionId;
    const row =
      mark === 'read'
        ? await setRead(device.db, id, !((await device.db.readState.get(id))?.read ?? false))
        : await toggleStar(device.db, id);
    const value = mark === 'read' ? row.read : row.starred;
    const key = `${device.participant.id}/${id}/${mark}`;
    this.marks.set(key, (this.marks.get(key) ?? new Set()).add(value));
    return `marks ${id} ${mark === 'read' ? (value ? 'read' : 'unread') : value ? 'starred' : 'unstarred'}`;
  }

  async propose(device: Device): Promise<string> {
    const label = this.fresh();
    const tag = await proposeTag(device.db, device.participant, { en: label }, '#336699');
    this.proposals.push({ id: tag.id, label, by: device.participant });
    return `proposes tag "${label}"`;
  }

  /** A word typed into the synthesis (at a word boundary) or one of its words deleted; null before it is pulled. */
  async editSynthesis(device: Device, change: SynthesisChange, at: number): Promise<string | null> {
    if (!this.synthesisId) return null;
    const row = await device.db.synthesisDocs.get(this.synthesisId);
    if (!row) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.state);
    const paragraph = doc.getXmlFragment(SYNTHESIS_FIELD).get(0);
    if (!(paragraph instanceof Y.XmlElement)) return null;
    const text = paragraph.get(0) as Y.XmlText;
    const content = plain(text);
    const spans = [...content.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    let done: string;
    const update = captureUpdate(doc, () => {
      // Words go in with a space on each side and leave without them: two words typed at the same place at
      // once stay two words (a text CRDT interleaves characters, it does not know words).
      if (change === 'remove') {
        const span = spans[at % Math.max(spans.length, 1)];
        if (!span) return;
        const word = content.slice(span.start, span.end);
        text.delete(span.start, span.end - span.start);
        this.synthesisDropped.add(word);
        done = `removes "${word}" from the synthesis`;
      } else {
        const word = this.fresh();
        const k = at % (spans.length + 1);
        text.insert(k < spans.length ? spans[k]!.start : content.length, ` ${word} `);
        this.synthesisWords.set(word, device.name);
        done = `writes "${word}" into the synthesis`;
      }
    });
    if (update === null) return null;
    await recordSynthesisEdit(device.db, this.synthesisId, update);
    return done!;
  }

  /** Every invariant of the header, against the server's tables and the devices (old and new) given. */
  async check(db: Database, devices: Device[]): Promise<{ problems: string[]; lostEdits: number }> {
    const problems: string[] = [];
    let lostEdits = 0;

    // Marks.
    const stored = await db.query<{ participant_id: string; contribution_id: string; read: boolean; starred: boolean }>(
      'SELECT participant_id, contribution_id, read, starred FROM read_states',
    );
    const onServer = (participant: string, contribution: string) => {
      const row = stored.find((r) => r.participant_id === participant && r.contribution_id === contribution);
      return { read: row?.read ?? false, starred: row?.starred ?? false };
    };
    for (const device of devices) {
      const me = device.participant.id;
      for (const contribution of MARKED) {
        const server = onServer(me, contribution);
        const row = await device.db.readState.get(contribution as ContributionId);
        const held = { read: row?.read ?? false, starred: row?.starred ?? false };
        if (!isDeepStrictEqual(held, server))
          problems.push(
            `convergence: ${device.name} holds marks ${JSON.stringify(held)} of ${contribution}, the server ${JSON.stringify(server)}`,
          );
      }
    }
    for (const participant of new Set(devices.map((d) => d.participant.id)))
      for (const contribution of MARKED) {
        const server = onServer(participant, contribution);
        for (const [mark, value] of [
          ['read', server.read],
          ['star', server.starred],
        ] as const) {
          const set = this.marks.get(`${participant}/${contribution}/${mark}`) ?? new Set([false]);
          if (set.has(value)) continue;
          lostEdits += 1;
          problems.push(
            `lost mark: ${participant}'s ${mark} of ${contribution} ends ${value} on the server, which no device of theirs set it to (set: ${[...set].join(', ')})`,
          );
        }
      }

    // Tag proposals.
    const tags = await db.query<{
      id: string;
      label: { en?: string };
      color: string;
      status: string;
      proposed_by: string | null;
      version: number;
    }>('SELECT id, label, color, status, proposed_by, version FROM tags');
    const tagById = new Map(tags.map((t) => [t.id, t]));
    for (const proposal of this.proposals) {
      const tag = tagById.get(proposal.id);
      if (!tag) {
        lostEdits += 1;
        problems.push(`lost proposal: tag "${proposal.label}" of ${proposal.by.id} never reached the server`);
      } else if (tag.label.en !== proposal.label || tag.proposed_by !== proposal.by.id)
        problems.push(`proposal: tag "${proposal.label}" is on the server as ${JSON.stringify(tag)}`);
    }
    if (tags.length !== this.proposals.length)
      problems.push(`proposal: the server holds ${tags.length} tags for ${this.proposals.length} proposals`);
    const codebook = (t: { id: string; label: unknown; color: string; status: string; version: number }) => ({
      id: t.id,
      label: t.label,
      color: t.color,
      status: t.status,
      version: Number(t.version),
    });
    const expectedTags = tags.map(codebook).sort((a, b) => a.id.localeCompare(b.id));
    for (const device of devices) {
      const rows = await device.db.tags.toArray();
      const held = rows.map(codebook).sort((a, b) => a.id.localeCompare(b.id));
      if (!isDeepStrictEqual(held, expectedTags))
        problems.push(
          `convergence: ${device.name} holds tags ${JSON.stringify(held)}, the server ${JSON.stringify(expectedTags)}`,
        );
      for (const row of rows)
        if (row.pending) problems.push(`convergence: ${device.name} still has tag ${row.id} pending`);
    }

    // The synthesis.
    if (this.synthesisId) {
      const updates = await db.query<{ update: Uint8Array }>(
        'SELECT update FROM synthesis_updates WHERE synthesis_id = $1 ORDER BY seq',
        [this.synthesisId],
      );
      const server = textOf(updates.length ? Y.mergeUpdates(updates.map((u) => new Uint8Array(u.update))) : null);
      const final = new Set(wordsOf(server));
      for (const [word, by] of this.synthesisWords) {
        if (final.has(word) || this.synthesisDropped.has(word)) continue;
        lostEdits += 1;
        problems.push(
          `lost edit: "${word}" written into the synthesis on ${by} is gone from ${JSON.stringify(server)}`,
        );
      }
      for (const word of final)
        if (!this.synthesisWords.has(word))
          problems.push(`invented text: "${word}" in the synthesis was never written`);
      for (const device of devices) {
        const row = await device.db.synthesisDocs.get(this.synthesisId);
        const held = textOf(row?.state ?? null);
        if (held !== server)
          problems.push(
            `convergence: ${device.name} reads the synthesis ${JSON.stringify(held)}, the server ${JSON.stringify(server)}`,
          );
      }
    }
    return { problems, lostEdits };
  }
}

/** The one update a change of `doc` makes; null when it changed nothing. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array | null {
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
  doc.transact(change);
  return update;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

/** Every paragraph's text of a synthesis state, one paragraph a line ('' for no state). */
function textOf(state: Uint8Array | null): string {
  if (!state) return '';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc
    .getXmlFragment(SYNTHESIS_FIELD)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? plain(child) : ''))
            .join('')
        : '',
    )
    .join('\n');
}
