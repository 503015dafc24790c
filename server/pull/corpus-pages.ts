import { currentHead, type Queryable } from '../db/database.js';
import { PROTOCOL_VERSION, type PullPage } from '../../shared/protocol/pull.js';
import type { ParticipantId } from '../../shared/model/entities.js';
import { buildPullPage } from './changes.js';
import { closeBody, openBody, type OpenBody } from './spliced-body.js';
import type { PageBody, PullCompression } from './pull-answer.js';
import {
  ALL_SYNCED_TABLES,
  visibleRows,
  type PullScope,
  type SyncedTable,
  type VisibilityParams,
} from './visibility.js';

/**
 * Pages of the shared corpus, built once and kept compressed, so a room of
 * first syncs asking the same pages is served bytes, not queries.
 *
 * The corpus is what a participant who is in no event and owns nothing sees
 * (NOBODY below): pull/visibility.ts's own rules, not a second copy of them.
 * A participant gets the corpus page when none of the rows that only they
 * (or their events) see has a seq up to its last change: it is then their
 * page, or the beginning of it (their rows after it come in their next
 * page). They get the kept changes and a few bytes of their own (head,
 * remaining: spliced-body.ts); otherwise their page is built as before. So
 * a room whose event was set up after the import still shares every corpus
 * page, no cached byte ever depends on who asked, and another participant's
 * rows cannot reach anyone through it.
 *
 * Pages are keyed by the corpus's position in the change log (its highest
 * seq): every write to the corpus takes a new seq (an update moves its row to
 * the end of the log, a withdrawal or a new translation too), so a page is
 * never served after the corpus it was built from has changed. Keys also name
 * the epoch, the page's start and limit, and the compression.
 */

/** No participant: NULL matches no author, no member, no owner; the main log, not a catch-up. */
const NOBODY: PullScope = { participantId: null as unknown as string, leftEvents: [], catchUp: null };

/** The tables holding rows of the corpus (a test checks that NOBODY sees nothing in the others). */
export const CORPUS_TABLES: readonly SyncedTable[] = [
  'themes',
  'questions',
  'contributions',
  'tombstones',
  'tags',
  'materials',
];

const params = (first: number): VisibilityParams => ({
  participant: `$${first}`,
  left: `$${first + 1}`,
  event: `$${first + 2}`,
  until: `$${first + 3}`,
});
const scopeValues = (scope: PullScope) => [
  scope.participantId,
  [...scope.leftEvents],
  scope.catchUp?.eventId ?? null,
  scope.catchUp?.until ?? null,
];

/** What a participant's request needs besides the cached page, in one query. */
export interface PullFacts {
  /** Their head (currentHead with their scope). */
  head: number;
  /** The corpus's highest seq: the cache key's log position. */
  corpus: number;
  /** Their first own (not corpus) row after `since`, or null. */
  ownFirst: number | null;
  /** How many own rows they have after `since`. */
  ownCount: number;
}

/** The same facts asked of the database (PullFactsCache keeps them). */
export async function pullFacts(db: Queryable, scope: PullScope, since: number): Promise<PullFacts> {
  const mine = params(2);
  const nobody = params(6);
  // What they see is the corpus and their own rows; so their head is the higher of the two.
  const own = (t: SyncedTable) => `${visibleRows(t, mine)} AND NOT COALESCE(${visibleRows(t, nobody)}, false)`;
  const corpus = CORPUS_TABLES.map((t) => `(SELECT MAX(seq) FROM ${t} WHERE ${visibleRows(t, nobody)})`);
  const ownRows = ALL_SYNCED_TABLES.map(
    (t) => `SELECT MIN(seq) FILTER (WHERE seq > $1) AS first, MAX(seq) AS last,
      COUNT(*) FILTER (WHERE seq > $1) AS count FROM ${t} WHERE ${own(t)}`,
  );
  const [row] = await db.query<{ corpus: unknown; first: unknown; last: unknown; count: unknown }>(
    `SELECT COALESCE(GREATEST(${corpus.join(', ')}), 0) AS corpus, MIN(o.first) AS first, MAX(o.last) AS last,
       SUM(o.count) AS count
     FROM (${ownRows.join(' UNION ALL ')}) o`,
    [since, ...scopeValues(scope), ...scopeValues(NOBODY)],
  );
  const corpusHead = Number(row?.corpus ?? 0);
  return {
    head: Math.max(corpusHead, Number(row?.last ?? 0)),
    corpus: corpusHead,
    ownFirst: row?.first == null ? null : Number(row.first),
    ownCount: Number(row?.count ?? 0),
  };
}

/** Their rows and the corpus's position, as of the log's head `head`. */
interface Known {
  head: number;
  corpus: number;
  /** The seqs of their own rows, ascending. */
  own: number[];
}

/** Own rows kept per participant at most; one who has more is asked the database at each pull. */
const OWN_KEPT = 5_000;
/** Participants (with their devices' signed-out events) whose facts are kept. */
const KNOWN_KEPT = 20_000;

/**
 * A participant's facts, kept while the log's head has not moved: every
 * change to a synced row takes a new seq, and writers commit in seq order
 * (db/database.ts, writeTransaction), so an unchanged head is an unchanged
 * log. A room's pulls then cost one cheap query each (the head) instead of
 * the visibility rules of every table, which PGlite, one connection, would
 * plan and run one pull after another.
 */
export class PullFactsCache {
  private readonly known = new Map<string, Known>();
  /** The corpus's position at a head: the same for everyone, so a room's first pulls read it once. */
  private corpus?: { head: number; position: Promise<number> };

  private corpusPosition(db: Queryable, head: number): Promise<number> {
    if (this.corpus?.head !== head) {
      const corpus = { head, position: readCorpusPosition(db) };
      corpus.position.catch(() => {
        if (this.corpus === corpus) this.corpus = undefined;
      });
      this.corpus = corpus;
    }
    return this.corpus.position;
  }

  async facts(db: Queryable, scope: PullScope, since: number): Promise<PullFacts> {
    const head = await currentHead(db);
    const key = JSON.stringify([scope.participantId, [...scope.leftEvents].sort()]);
    let known = this.known.get(key);
    if (known?.head !== head) {
      const read = await readKnown(db, scope, head, this.corpusPosition(db, head));
      if (!read) return pullFacts(db, scope, since);
      known = read;
      this.known.delete(key);
      this.known.set(key, known);
      for (const [oldest] of this.known) {
        if (this.known.size <= KNOWN_KEPT) break;
        this.known.delete(oldest);
      }
    }
    const after = known.own.findIndex((seq) => seq > since);
    return {
      head: Math.max(known.corpus, known.own.at(-1) ?? 0),
      corpus: known.corpus,
      ownFirst: after < 0 ? null : known.own[after]!,
      ownCount: after < 0 ? 0 : known.own.length - after,
    };
  }
}

/** Their own rows' seqs, with the corpus's position; null when they have more than OWN_KEPT. */
async function readKnown(
  db: Queryable,
  scope: PullScope,
  head: number,
  corpusPosition: Promise<number>,
): Promise<Known | null> {
  const mine = params(1);
  const nobody = params(5);
  const own = (t: SyncedTable) => `${visibleRows(t, mine)} AND NOT COALESCE(${visibleRows(t, nobody)}, false)`;
  const [rows, corpus] = await Promise.all([
    db.query<{ seq: unknown }>(
      `SELECT seq FROM (${ALL_SYNCED_TABLES.map((t) => `SELECT seq FROM ${t} WHERE ${own(t)}`).join(' UNION ALL ')}) o
       ORDER BY seq LIMIT ${OWN_KEPT + 1}`,
      [...scopeValues(scope), ...scopeValues(NOBODY)],
    ),
    corpusPosition,
  ]);
  if (rows.length > OWN_KEPT) return null;
  return { head, corpus, own: rows.map((r) => Number(r.seq)) };
}

/** The corpus's highest seq. */
async function readCorpusPosition(db: Queryable): Promise<number> {
  const corpus = CORPUS_TABLES.map((t) => `(SELECT MAX(seq) FROM ${t} WHERE ${visibleRows(t, params(1))})`);
  const [row] = await db.query<{ corpus: unknown }>(
    `SELECT COALESCE(GREATEST(${corpus.join(', ')}), 0) AS corpus`,
    scopeValues(NOBODY),
  );
  return Number(row?.corpus ?? 0);
}

/** A corpus page as kept: `{"changes":[…]` compressed, and what each participant's tail needs. */
interface CorpusPage {
  open: OpenBody;
  checkpoint: number;
  /** Corpus changes after the page. */
  remaining: number;
}

interface Slot {
  position: number;
  page: Promise<CorpusPage>;
  bytes: number;
}

export interface CorpusPageRequest {
  since: number;
  limit: number;
  epoch: string;
  scope: PullScope;
  facts: PullFacts;
  compression: PullCompression | undefined;
}

export class CorpusPageCache {
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  private position = 0;

  /**
   * The corpus's highest seq as last seen (0: not yet). A pull from there on
   * (a device keeping up, the live channel's pulls) has no corpus page to
   * share, so the server builds it without asking the cache's questions.
   */
  get knownPosition(): number {
    return this.position;
  }
  /** Pages built for the cache and pages served from it, for the benchmarks and tests. */
  readonly stats = { built: 0, served: 0, declined: 0 };

  /** `maxBytes`: the compressed pages kept at most (least recently used go first); a function is read at each page kept. */
  constructor(private readonly maxBytes: number | (() => number)) {}

  private get budget(): number {
    return typeof this.maxBytes === 'function' ? this.maxBytes() : this.maxBytes;
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.slots.size, bytes: this.bytes };
  }

  /**
   * The participant's page from the cache, or null when it is not the corpus
   * page (their own rows fall inside it, or a catch-up): then build it fresh.
   * `build` runs a page build in the server's PageBuildGate.
   */
  async answer(
    db: Queryable,
    request: CorpusPageRequest,
    build: <T>(fn: () => Promise<T>) => Promise<T>,
  ): Promise<PageBody | null> {
    const { since, limit, epoch, scope, facts, compression } = request;
    if (facts.corpus > this.position) {
      // The corpus moved on: pages of earlier positions will not be asked again.
      this.position = facts.corpus;
      for (const [name, slot] of this.slots) if (slot.position < facts.corpus) this.drop(name);
    }
    if (scope.catchUp) return this.decline();
    // Cheap early answer: their own rows start at `since`'s very next seq, no corpus page can be theirs.
    if (facts.ownFirst !== null && facts.ownFirst <= since + 1) return this.decline();
    const page = await this.page(db, facts.corpus, { since, limit, epoch, compression }, build);
    // Their own rows after the page's last change come in their next pages: this page ends before them.
    if (facts.ownFirst !== null && facts.ownFirst <= page.checkpoint) return this.decline();
    // No own row up to the page's checkpoint, so all of `ownCount` come after it.
    const remaining = page.remaining + facts.ownCount;
    const tail: Omit<PullPage, 'changes'> = {
      protocol: PROTOCOL_VERSION,
      epoch,
      since,
      checkpoint: page.checkpoint,
      head: Math.max(facts.head, page.checkpoint),
      remaining,
      hasMore: remaining > 0,
    };
    this.stats.served++;
    const body = closeBody(page.open, Buffer.from(',' + JSON.stringify(tail).slice(1)));
    return compression ? { body, encoding: compression.encoding } : { body };
  }

  private decline(): null {
    this.stats.declined++;
    return null;
  }

  private page(
    db: Queryable,
    position: number,
    key: { since: number; limit: number; epoch: string; compression: PullCompression | undefined },
    build: <T>(fn: () => Promise<T>) => Promise<T>,
  ): Promise<CorpusPage> {
    const { compression } = key;
    const name = [key.epoch, position, key.since, key.limit, compression?.encoding, compression?.level].join('|');
    const found = this.slots.get(name);
    if (found) {
      // Least recently used first: a hit moves to the end.
      this.slots.delete(name);
      this.slots.set(name, found);
      return found.page;
    }
    const slot: Slot = { position, bytes: 0, page: build(() => buildCorpusPage(db, key)) };
    this.slots.set(name, slot);
    this.stats.built++;
    slot.page.then(
      (page) => {
        if (this.slots.get(name) !== slot) return;
        slot.bytes = page.open.bytes.length;
        this.bytes += slot.bytes;
        for (const [oldest] of this.slots) {
          if (this.bytes <= this.budget) break;
          this.drop(oldest);
        }
      },
      () => {
        if (this.slots.get(name) === slot) this.slots.delete(name);
      },
    );
    return slot.page;
  }

  private drop(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    this.bytes -= slot.bytes;
    this.slots.delete(name);
  }
}

async function buildCorpusPage(
  db: Queryable,
  key: { since: number; limit: number; epoch: string; compression: PullCompression | undefined },
): Promise<CorpusPage> {
  const page = await buildPullPage(db, {
    since: key.since,
    limit: key.limit,
    head: 0,
    epoch: key.epoch,
    ...NOBODY,
    participantId: NOBODY.participantId as ParticipantId,
  });
  const open = await openBody(Buffer.from(`{"changes":${JSON.stringify(page.changes)}`), key.compression);
  return {
    open,
    checkpoint: page.checkpoint,
    remaining: page.remaining,
  };
}
