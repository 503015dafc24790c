import { checkContributionText } from '../../shared/contribution/contribution-text.js';
import type { ContributionId, QuestionId } from '../../shared/model/entities.js';
import type { Database } from '../../server/db/database.js';
import { draftForEdit, newDraft, reopenDraft, saveDraft, submitDraft } from '../../renderer/db/drafts.js';
import type { DraftRow } from '../../renderer/db/database.js';
import type { Resolution, TextChange } from './scenario.js';
import type { Device } from './world.js';

/**
 * Contributions in the property: written offline as drafts, submitted through
 * the outbox, edited again by their author on any of their devices, where two
 * devices editing at once meet as a conflict the author settles with both
 * texts shown (their draft, the server's text beside it).
 *
 * Invariant: every word written into a contribution is in the server's text of
 * it at the end, unless its author removed it having seen it (an edit of a
 * text that had it, a conflict settled without it); no word appears that
 * nobody wrote; every device holds each contribution at the server's version
 * and text, with no draft left.
 */

/** Words of the run ("w12"); the rest of a text is filler that keeps it long enough to submit. */
const runWords = (text: string) => text.split(/\s+/).filter((word) => /^w\d+$/.test(word));
const FILLER = 'Contribution text';

export class ContributionWrites {
  /** Contribution ids in creation order (ids are random: the order is what replays). */
  private readonly created: { id: ContributionId; author: string }[] = [];
  private readonly written = new Map<string, Map<string, string>>();
  private readonly dropped = new Map<string, Set<string>>();

  constructor(
    private readonly fresh: () => string,
    private readonly changeText: (prev: string, how: TextChange, at: number, fresh: () => string) => string,
  ) {}

  /** A new contribution (pick past the author's own) or an edit of one of theirs, then submitted. */
  async write(device: Device, pick: number, change: TextChange, at: number): Promise<string | null> {
    const me = device.participant.id;
    const own: ContributionId[] = [];
    for (const { id, author } of this.created)
      if (author === me && ((await device.db.drafts.get(id)) || (await device.db.contributions.get(id)))) own.push(id);
    const k = pick % (own.length + 1);
    if (k === own.length) {
      const draft = newDraft('q1' as QuestionId, 'en');
      const text = `${FILLER} ${this.fresh()} ${this.fresh()}`;
      this.created.push({ id: draft.id, author: me });
      this.written.set(draft.id, new Map());
      this.dropped.set(draft.id, new Set());
      this.note(draft.id, device.name, '', text, null);
      await saveDraft(device.db, {
        id: draft.id,
        questionId: draft.questionId,
        language: 'en',
        languageChosen: true,
        text,
      });
      await submitDraft(device.db, draft.id);
      return `writes contribution ${this.label(draft.id)} ${JSON.stringify(text)}`;
    }
    const id = own[k]!;
    let draft: DraftRow = (await device.db.drafts.get(id)) ?? (await draftForEdit(device.db, id));
    if (draft.status === 'queued') {
      // Back to editing a submission not yet sent, as the UI allows; its text stays.
      await reopenDraft(device.db, id);
      draft = (await device.db.drafts.get(id))!;
    }
    const next = long(this.changeText(draft.text, change, at, this.fresh));
    this.note(id, device.name, draft.text, next, draft.status === 'conflict' ? (draft.serverText ?? '') : null);
    await saveDraft(device.db, { id, questionId: draft.questionId, text: next });
    await submitDraft(device.db, id);
    const was = draft.status === 'conflict' ? ' (its conflict shown)' : '';
    return `edits contribution ${this.label(id)}${was} ${JSON.stringify(draft.text)} → ${JSON.stringify(next)}`;
  }

  /** The final phase: every draft left is settled (`choice` for a conflict) and submitted. */
  async settle(device: Device, choice: Resolution): Promise<string[]> {
    const done: string[] = [];
    for (const draft of await device.db.drafts.toArray()) {
      if (draft.status === 'queued') continue;
      let text = draft.text;
      if (draft.status === 'conflict') {
        const server = draft.serverText ?? '';
        text = long(choice === 'local' ? draft.text : choice === 'server' ? server : `${draft.text} ${server}`);
        this.note(draft.id, device.name, draft.text, text, server);
      }
      await saveDraft(device.db, { id: draft.id, questionId: draft.questionId, text });
      await submitDraft(device.db, draft.id);
      done.push(
        `${device.name} submits contribution ${this.label(draft.id)} (${draft.status}) ${JSON.stringify(text)}`,
      );
    }
    return done;
  }

  async check(db: Database, devices: Device[]): Promise<{ problems: string[]; lostEdits: number }> {
    const problems: string[] = [];
    let lostEdits = 0;
    for (const { id } of this.created) {
      const [row] = await db.query<{ version: number; text: string }>(
        `SELECT c.version, t.text FROM contributions c JOIN text_versions t ON t.contribution_id = c.id
         WHERE c.id = $1 AND t.origin = 'original'`,
        [id],
      );
      if (!row) {
        lostEdits += 1;
        problems.push(`loss: contribution ${this.label(id)} never reached the server`);
        continue;
      }
      const final = new Set(runWords(row.text));
      for (const [word, by] of this.written.get(id)!)
        if (!final.has(word) && !this.dropped.get(id)!.has(word)) {
          lostEdits += 1;
          problems.push(
            `lost edit: "${word}" written on ${by} in contribution ${this.label(id)} is gone from ${JSON.stringify(row.text)}`,
          );
        }
      for (const word of final)
        if (!this.written.get(id)!.has(word))
          problems.push(`invented text: "${word}" in contribution ${this.label(id)} was never written`);
      for (const device of devices) {
        const held = await device.db.contributions.get(id);
        const text = (await device.db.texts.get(id))?.versions.find((v) => v.origin === 'original')?.text;
        if (!held || Number(held.version) !== Number(row.version) || text !== row.text)
          problems.push(
            `convergence: ${device.name} holds contribution ${this.label(id)} as v${held?.version} ${JSON.stringify(text)}, ` +
              `the server v${row.version} ${JSON.stringify(row.text)}`,
          );
        const draft = await device.db.drafts.get(id);
        if (draft) problems.push(`convergence: ${device.name} still has a ${draft.status} draft of ${this.label(id)}`);
      }
    }
    return { problems, lostEdits };
  }

  get count(): number {
    return this.created.length;
  }

  private label(id: string): string {
    return `C${this.created.findIndex((c) => c.id === id) + 1}`;
  }

  /** `before` → `after` on `device`; words of `shown` (a server text beside it) left out were seen and dropped. */
  private note(id: string, device: string, before: string, after: string, shown: string | null): void {
    const kept = new Set(runWords(after));
    for (const word of [...runWords(before), ...runWords(shown ?? '')])
      if (!kept.has(word)) this.dropped.get(id)!.add(word);
    for (const word of kept) if (!this.written.get(id)!.has(word)) this.written.get(id)!.set(word, device);
  }
}

/** A text the app accepts: one cut too short gets filler, as its author would have to add. */
function long(text: string): string {
  return checkContributionText(text) ? `${text} ${FILLER}` : text;
}
