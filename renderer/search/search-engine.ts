import { LANGUAGES, type Lang } from '../../shared/languages.js';
import type { TagId } from '../../shared/model/annotations.js';
import type { ContributionId, Question, Track } from '../../shared/model/entities.js';
import { needsTextCheck, parseQuery, planQuery, type QueryClause, type QueryPart } from '../../shared/search/index.js';
import type { AnnotationRow, ContributionRow, ContributionTextRow } from '../db/database.js';
import type { SearchFilters } from './protocol.js';
import { ContributionTable, type ContributionMeta, type TableSnapshot } from './contribution-table.js';
import { popCount } from './postings.js';
import { TextShard, type ShardSnapshot } from './text-shard.js';

/**
 * The whole search index, in memory: one shard per language (each version of
 * a contribution is a document of its language's shard, folded and stemmed by
 * that language's rules) and one for notes, plus what the filters need about
 * each contribution. A query is planned once per language: its words are
 * folded, segmented and stemmed as that language's texts are and looked up
 * in that language's shard, so a contribution written in one language is
 * found through its translations, and each match knows its language.
 *
 * Pure and synchronous: the service around it reads IndexedDB, slices the
 * work and saves snapshots.
 */

/** Notes are written in any language: folded by the generic rules, not stemmed. */
export const NOTES_LANG: Lang = 'en';
const NOTES_KEY = 'notes';

export interface EngineState {
  format: number;
  /** Whether a first build of the whole corpus finished (else the next start resumes it). */
  built: boolean;
  /** The sync epoch of the corpus indexed; null for an empty corpus. */
  epoch: string | null;
  /** The last entry of the sync's search queue that is indexed. */
  queueSeq: number;
  contributions: TableSnapshot;
}

export interface EngineSnapshot {
  state: EngineState;
  /** Only the shards that changed, when asked for those. */
  shards: ShardSnapshot[];
}

/** Bumped when the layout of saved indexes changes: an older one is rebuilt. */
export const INDEX_FORMAT = 3;

export interface RankedGroup {
  ordinal: number;
  contributionId: ContributionId;
  score: number;
  /** Languages whose version matched, as a bit set over LANGUAGES. */
  languages: number;
  /** Slots of matching notes in the notes shard. */
  notes: number[];
}

export interface Ranking {
  clauses: QueryClause[];
  /** Each language's plan of the query, for checking phrases and building passages. */
  plans: Map<Lang, QueryPart[]>;
  notesPlan: QueryPart[];
  hasPhrase: boolean;
  /** Contributions that match. */
  size: number;
  /** The contribution ranked `index` (0: best). */
  group(index: number): RankedGroup;
}

const langBit = (lang: Lang) => 1 << LANGUAGES.indexOf(lang);

export class SearchEngine {
  /** undefined until a first build: the corpus on this device was never indexed. */
  epoch: string | null | undefined = undefined;
  queueSeq = 0;
  /** Bumped on every change, so a cached ranking is known stale. */
  generation = 0;
  private table = new ContributionTable();
  private shards = new Map<Lang, TextShard>(LANGUAGES.map((lang) => [lang, new TextShard(lang, lang, true)] as const));
  private notes = new TextShard(NOTES_KEY, NOTES_LANG, false);
  private tracks = new Map<string, Track>();
  private notedByMe = new Set<number>();
  private tagged = new Map<number, Set<string>>();
  /** The event each note was written in (issue 18), by annotation id; notes from before events are absent. */
  private noteEvents = new Map<string, string>();
  private stateDirty = false;

  /** Published contributions known to the index. */
  get indexed(): number {
    return this.table.publishedCount;
  }

  get dirty(): boolean {
    return this.stateDirty || [...this.shards.values(), this.notes].some((shard) => shard.dirty);
  }

  markDirty(): void {
    this.stateDirty = true;
  }

  /** After a failed save: everything is saved again next time. */
  markAllDirty(): void {
    this.stateDirty = true;
    for (const shard of [...this.shards.values(), this.notes]) shard.dirty = true;
  }

  get hasDeadSlots(): boolean {
    return [...this.shards.values(), this.notes].some((shard) => shard.needsReap);
  }

  private ordinal(id: string): number {
    return this.table.ordinal(id);
  }

  /**
   * Brings one contribution up to date: each language version indexed (an
   * unchanged text is skipped), versions that are gone removed, a withdrawn
   * or missing contribution removed entirely.
   */
  putContribution(id: ContributionId, row: ContributionRow | undefined, texts: ContributionTextRow | undefined): void {
    const ordinal = this.ordinal(id);
    const published = row !== undefined && row.status === 'published';
    const meta = row
      ? { questionId: row.questionId, language: row.language, authorKind: row.authorKind, status: row.status }
      : null;
    if (this.table.set(ordinal, meta)) this.stateDirty = true;
    for (const [lang, shard] of this.shards) {
      const version = published ? texts?.versions.find((v) => v.language === lang) : undefined;
      if (version) {
        if (shard.put(ordinal, ordinal, version.text)) this.generation++;
      } else if (shard.drop(ordinal)) this.generation++;
    }
    this.generation++;
  }

  /**
   * Makes the notes index match `rows` (every annotation on this device: the
   * user's own and those shared with the seminar), and recomputes what the
   * "tag" and "has my notes" filters need.
   */
  syncAnnotations(rows: readonly AnnotationRow[], me: string | null): void {
    const seen = new Set<string>();
    this.notedByMe.clear();
    this.tagged.clear();
    this.noteEvents.clear();
    for (const row of rows) {
      if (row.deleted) continue;
      if (row.eventId) this.noteEvents.set(row.id, row.eventId);
      const ordinal = this.ordinal(row.contributionId);
      if (me !== null && row.authorId === me) this.notedByMe.add(ordinal);
      for (const tag of row.tags) {
        let tags = this.tagged.get(ordinal);
        if (!tags) this.tagged.set(ordinal, (tags = new Set()));
        tags.add(tag);
      }
      if (!row.note.trim()) continue;
      seen.add(row.id);
      if (this.notes.put(row.id, ordinal, row.note, LANGUAGES.indexOf(row.target.language))) this.generation++;
    }
    // Deleted, emptied, or no longer on this device (someone's note turned private).
    for (const key of this.notes.liveKeys()) if (!seen.has(String(key)) && this.notes.drop(key)) this.generation++;
    this.generation++;
  }

  setQuestions(questions: readonly Pick<Question, 'id' | 'track'>[]): void {
    this.tracks = new Map(questions.map((q) => [q.id, q.track]));
    this.generation++;
  }

  /** Forgets the corpus (another server's, or one that was reset). */
  clear(): void {
    for (const shard of this.shards.values()) shard.clear();
    this.notes.clear();
    this.table = new ContributionTable();
    this.epoch = undefined;
    this.queueSeq = 0;
    this.stateDirty = true;
    this.generation++;
  }

  /** Removes some replaced versions from the shards until `deadline`; returns whether some remain. */
  reap(deadline: number): boolean {
    let more = false;
    for (const shard of [...this.shards.values(), this.notes]) more = shard.reap(deadline) || more;
    return more;
  }

  private accepts(ordinal: number, filters: SearchFilters, agenda: ReadonlySet<string> | null): boolean {
    const table = this.table;
    if (!table.isPublished(ordinal)) return false;
    if (filters.questionId && table.questionOf(ordinal) !== filters.questionId) return false;
    if (agenda && !agenda.has(table.questionOf(ordinal) ?? '')) return false;
    if (filters.track && this.tracks.get(table.questionOf(ordinal) ?? '') !== filters.track) return false;
    if (filters.originalLanguage && table.languageOf(ordinal) !== filters.originalLanguage) return false;
    if (filters.authorKind && table.kindOf(ordinal) !== filters.authorKind) return false;
    if (filters.myNotes && !this.notedByMe.has(ordinal)) return false;
    if (filters.tagId && !this.tagged.get(ordinal)?.has(filters.tagId as TagId)) return false;
    return true;
  }

  /**
   * Every contribution matching the query and the filters, best first. A
   * contribution's score is its best version's, raised a little for each
   * further version and for its original and its notes matching too.
   */
  rank(query: string, filters: SearchFilters): Ranking {
    const clauses = parseQuery(query);
    const plans = new Map<Lang, QueryPart[]>();
    const notesPlan = planQuery(clauses, NOTES_LANG, false);
    // Phrases, and runs and words looked up by their pairs, hold only once checked on the text of the passages.
    let hasPhrase = clauses.some((c) => c.phrase) || needsTextCheck(notesPlan);
    const nothing: Ranking = { clauses, plans, notesPlan, hasPhrase, size: 0, group: () => undefined as never };
    if (notesPlan.length === 0) return nothing;
    const agenda = filters.questionIds ? new Set<string>(filters.questionIds) : null;
    // Per contribution ordinal, in typed arrays: a broad query touches every contribution, and objects per
    // match would cost more than the matching.
    const count = this.table.size;
    const scores = new Float32Array(count);
    const languages = new Uint16Array(count);
    const seen = new Uint8Array(count);
    const found: number[] = [];
    const take = (ordinal: number) => {
      if (seen[ordinal] === 0) {
        seen[ordinal] = 1;
        found.push(ordinal);
      }
    };
    for (const [lang, shard] of this.shards) {
      if (filters.matchedLanguage && filters.matchedLanguage !== lang) continue;
      const plan = planQuery(clauses, lang);
      plans.set(lang, plan);
      hasPhrase ||= needsTextCheck(plan);
      const bit = langBit(lang);
      const matches = shard.match(plan);
      for (let i = 0; i < matches.slots.length; i++) {
        const ordinal = shard.ownerOf(matches.slots[i]!);
        if (!this.accepts(ordinal, filters, agenda)) continue;
        take(ordinal);
        languages[ordinal]! |= bit;
        // Found in its original, the contribution says it in its own words.
        const score = matches.scores[i]! + (this.table.languageOf(ordinal) === lang ? 0.2 : 0);
        if (score > scores[ordinal]!) scores[ordinal] = score;
      }
    }
    const notes = this.notes.match(notesPlan);
    const noteSlots = new Map<number, number[]>();
    const noteScores = new Map<number, number>();
    for (let i = 0; i < notes.slots.length; i++) {
      const slot = notes.slots[i]!;
      const ordinal = this.notes.ownerOf(slot);
      const noteLang = LANGUAGES[this.notes.extraOf(slot)];
      if (filters.matchedLanguage && noteLang !== filters.matchedLanguage) continue;
      if (filters.eventId && !this.inEvent(this.notes.keyOf(slot), filters.eventId)) continue;
      if (!this.accepts(ordinal, filters, agenda)) continue;
      take(ordinal);
      noteSlots.set(ordinal, [...(noteSlots.get(ordinal) ?? []), slot]);
      noteScores.set(ordinal, Math.max(noteScores.get(ordinal) ?? 0, notes.scores[i]!));
    }
    // A passage someone thought worth a note on says more than one more version matching.
    for (const [ordinal, score] of noteScores) scores[ordinal] = Math.max(scores[ordinal]!, score) + 0.5;
    for (const ordinal of found) scores[ordinal]! += 0.05 * Math.max(0, popCount(languages[ordinal]!) - 1);
    const order = Int32Array.from(found).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return {
      clauses,
      plans,
      notesPlan,
      hasPhrase,
      size: order.length,
      group: (index) => {
        const ordinal = order[index]!;
        return {
          ordinal,
          contributionId: this.table.idOf(ordinal) as ContributionId,
          score: scores[ordinal]!,
          languages: languages[ordinal]!,
          notes: noteSlots.get(ordinal) ?? [],
        };
      },
    };
  }

  /** A note written in this event, or before events existed (it has none). */
  private inEvent(key: string | undefined, eventId: string): boolean {
    const event = key === undefined ? undefined : this.noteEvents.get(key);
    return event === undefined || event === eventId;
  }

  noteKey(slot: number): string | undefined {
    return this.notes.keyOf(slot);
  }

  metaOf(ordinal: number): ContributionMeta | null {
    return this.table.get(ordinal);
  }

  snapshot(onlyDirty: boolean): EngineSnapshot {
    const shards = [...this.shards.values(), this.notes]
      .filter((shard) => !onlyDirty || shard.dirty)
      .map((shard) => shard.snapshot());
    this.stateDirty = false;
    return {
      state: {
        format: INDEX_FORMAT,
        built: this.epoch !== undefined,
        epoch: this.epoch ?? null,
        queueSeq: this.queueSeq,
        contributions: this.table.snapshot(),
      },
      shards,
    };
  }

  /** Loads a saved index; one that does not load leaves the engine empty (never built), to be rebuilt. */
  restore(snapshot: EngineSnapshot): void {
    this.clear();
    try {
      const { state } = snapshot;
      this.table = ContributionTable.restore(state.contributions);
      for (const saved of snapshot.shards) {
        const shard = saved.key === NOTES_KEY ? this.notes : this.shards.get(saved.key as Lang);
        shard?.restore(saved);
      }
      this.epoch = state.built ? state.epoch : undefined;
      this.queueSeq = state.queueSeq;
    } catch (error) {
      this.clear();
      throw error;
    }
    this.stateDirty = false;
    this.generation++;
  }
}
