import type { Lang } from '../../shared/languages.js';
import {
  compoundTails,
  indexTermsOf,
  isCompoundHead,
  STEM_MARK,
  stemOf,
  stemsMatch,
  type QueryPart,
  type WordPattern,
} from '../../shared/search/index.js';
import { isBitset, Postings, type PostingList, type PostingsSnapshot } from './postings.js';

/**
 * The texts of one language (or the notes), indexed: per word, the
 * documents holding it (postings.ts). Words come folded, segmented and
 * stemmed by shared/search; phrases are checked on the text of the passages
 * shown.
 *
 * Document ids are "slots", never reused: a changed text gets a new slot and
 * its old one is marked dead at once (searches skip it) and cleared from the
 * posting lists later, in passes sliced by a deadline (`reap`).
 *
 * Prefixes and stems are matched against the vocabulary of the words indexed
 * (with their document counts), not by indexing every prefix: a prefix
 * ("régul", "국가") or a stem ("attack" for attacks, attacked) becomes the
 * few most frequent words of the vocabulary it covers.
 */

/** Weights of the ways a text word matches a query word. */
export const WEIGHT = { exact: 3, stem: 2, prefix: 1 } as const;
/** The weights, best first, and the bitset (class) each gathers into while matching. */
const CLASS_WEIGHTS = [WEIGHT.exact, WEIGHT.stem, WEIGHT.prefix] as const;
const CLASS_OF_WEIGHT: Record<number, number> = { [WEIGHT.exact]: 0, [WEIGHT.stem]: 1, [WEIGHT.prefix]: 2 };
/** At most this many vocabulary words stand for one prefix or stem. */
const MAX_EXPANSIONS = 48;
/** Vocabulary words examined for one prefix or stem, at most. */
const MAX_SCAN = 5_000;
/** Dead slots are cleared from the lists once they are this many, or this share of the slots. */
const REAP_AT = { count: 256, share: 1 / 16 } as const;

/** FNV-1a 32-bit: tells an unchanged text from a changed one without keeping it. */
export function fingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash ^ text.length) >>> 0;
}

export interface ShardSnapshot {
  key: string;
  postings: PostingsSnapshot;
  /** Per slot: the contribution ordinal (-1: dead), the text's fingerprint, an extra small number. */
  owners: Int32Array;
  hashes: Uint32Array;
  extras: Int8Array;
  /** Document keys for shards keyed by string (notes: annotation ids); empty for contribution shards. */
  keys: string[];
  /** Dead slots still in the posting lists. */
  dead: Int32Array;
}

export interface ShardMatches {
  slots: number[];
  scores: number[];
}

interface Expansion {
  list: PostingList;
  count: number;
  weight: number;
}

type IntArray = Int32Array | Uint32Array | Int8Array;

/** `array`, or a copy with room for `needed` entries. Per-document bookkeeping lives in typed arrays: a few bytes each. */
function room<T extends IntArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(
    Math.max(needed, Math.ceil(array.length * 1.5) + 64),
  );
  grown.set(array);
  return grown;
}

export class TextShard {
  private postings = new Postings();
  private sorted: string[] | null = null;
  /** The vocabulary by reversed stem, for compound heads (German): built when first needed. */
  private heads: { key: string; word: string }[] | null = null;
  private slots = 0;
  /** Slot → contribution ordinal, or -1 once the slot's text was replaced or removed. */
  private owners = new Int32Array(0);
  private hashes = new Uint32Array(0);
  private extras = new Int8Array(0);
  /** Slot → document key, for shards keyed by string (notes). */
  private slotKeys: string[] = [];
  /** Live slot + 1 of each contribution ordinal (0: none), for shards keyed by ordinal. */
  private byOrdinal = new Int32Array(0);
  /** Live slot of each string key. */
  private byKey = new Map<string, number>();
  private liveCount = 0;
  private dead: number[] = [];
  /** The pass clearing dead slots from the lists: which ones, and the word it is at. */
  private reaping: { removed: Uint8Array; slots: number[]; from: number } | null = null;
  private scratch: { acc: Float32Array; classes: Uint32Array[] } | null = null;
  /** Changed since the last snapshot. */
  dirty = false;

  constructor(
    readonly key: string,
    /** How this shard's texts are folded and segmented. */
    readonly lang: Lang,
    readonly stemming: boolean,
  ) {}

  /** Live documents. */
  get size(): number {
    return this.liveCount;
  }

  /** Dead slots not yet cleared from the posting lists. */
  get deadCount(): number {
    return this.dead.length + (this.reaping?.slots.length ?? 0);
  }

  /** Whether enough slots are dead, or a pass is under way, for `reap` to have work. */
  get needsReap(): boolean {
    return this.reaping !== null || this.dead.length >= Math.max(REAP_AT.count, this.slots * REAP_AT.share);
  }

  /** Keys of the live documents of a shard keyed by string. */
  liveKeys(): string[] {
    return [...this.byKey.keys()];
  }

  private liveSlot(key: number | string): number | undefined {
    if (typeof key === 'string') return this.byKey.get(key);
    const stored = key < this.byOrdinal.length ? this.byOrdinal[key]! : 0;
    return stored > 0 ? stored - 1 : undefined;
  }

  private setLive(key: number | string, slot: number | undefined): void {
    const before = this.liveSlot(key) !== undefined;
    if (typeof key === 'string') {
      if (slot === undefined) this.byKey.delete(key);
      else this.byKey.set(key, slot);
    } else {
      this.byOrdinal = room(this.byOrdinal, key + 1);
      this.byOrdinal[key] = slot === undefined ? 0 : slot + 1;
    }
    this.liveCount += (slot !== undefined ? 1 : 0) - (before ? 1 : 0);
  }

  has(key: number | string): boolean {
    return this.liveSlot(key) !== undefined;
  }

  ownerOf(slot: number): number {
    return slot < this.slots ? this.owners[slot]! : -1;
  }

  extraOf(slot: number): number {
    return slot < this.slots ? this.extras[slot]! : 0;
  }

  keyOf(slot: number): string | undefined {
    return this.slotKeys[slot];
  }

  /**
   * Indexes `text` as the document `key` (a contribution ordinal, or a note
   * id) of `owner`. An unchanged text (same fingerprint, owner and extra) is
   * left alone. Returns whether anything changed.
   */
  put(key: number | string, owner: number, text: string, extra = 0): boolean {
    const hash = fingerprint(text);
    const current = this.liveSlot(key);
    if (current !== undefined) {
      if (this.hashes[current] === hash && this.owners[current] === owner && this.extras[current] === extra)
        return false;
      this.kill(current);
    }
    const slot = this.slots++;
    this.owners = room(this.owners, this.slots);
    this.hashes = room(this.hashes, this.slots);
    this.extras = room(this.extras, this.slots);
    this.owners[slot] = owner;
    this.hashes[slot] = hash;
    this.extras[slot] = extra;
    if (typeof key === 'string') this.slotKeys[slot] = key;
    this.setLive(key, slot);
    const words = indexTermsOf(text, this.lang);
    const before = this.postings.size;
    this.postings.add(slot, words);
    if (this.postings.size !== before) {
      this.sorted = null;
      this.heads = null;
    }
    this.dirty = true;
    return true;
  }

  /** Removes the document `key`; returns whether it was there. */
  drop(key: number | string): boolean {
    const slot = this.liveSlot(key);
    if (slot === undefined) return false;
    this.kill(slot);
    this.setLive(key, undefined);
    this.dirty = true;
    return true;
  }

  private kill(slot: number): void {
    this.owners[slot] = -1;
    this.dead.push(slot);
  }

  /**
   * Clears dead slots from the posting lists until `deadline`
   * (performance.now()), once there are enough of them to be worth a pass
   * over every list; returns whether a pass is still under way.
   */
  reap(deadline: number): boolean {
    if (!this.reaping) {
      if (!this.needsReap) return false;
      const removed = new Uint8Array(this.slots);
      for (const slot of this.dead) removed[slot] = 1;
      this.reaping = { removed, slots: this.dead, from: 0 };
      this.dead = [];
    }
    this.reaping.from = this.postings.compact(this.reaping.removed, this.reaping.from, deadline);
    this.dirty = true;
    if (this.reaping.from >= 0) return true;
    this.reaping = null;
    this.sorted = null;
    this.heads = null;
    return false;
  }

  /** Forgets everything (the corpus was replaced). */
  clear(): void {
    this.postings = new Postings();
    this.reaping = null;
    this.sorted = null;
    this.heads = null;
    this.slots = 0;
    this.owners = new Int32Array(0);
    this.hashes = new Uint32Array(0);
    this.extras = new Int8Array(0);
    this.slotKeys = [];
    this.byOrdinal = new Int32Array(0);
    this.byKey.clear();
    this.liveCount = 0;
    this.dead = [];
    this.scratch = null;
    this.dirty = true;
  }

  private posting(word: string, weight: number): Expansion | undefined {
    const found = this.postings.get(word);
    return found && { list: found.list, count: found.count, weight };
  }

  private sortedWords(): string[] {
    this.sorted ??= [...this.postings.words()].sort();
    return this.sorted;
  }

  private headIndex(): { key: string; word: string }[] {
    this.heads ??= this.sortedWords()
      .map((word) => ({ key: Array.from(word).reverse().join(''), word }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.heads;
  }

  /** Vocabulary words that are compounds whose head is `stem` (German Sorgfaltspflicht for pflicht). */
  private compoundsOf(queryWord: string, stem: string): Expansion[] {
    const heads = this.headIndex();
    const found = new Map<string, number>();
    for (const tail of compoundTails(queryWord, stem)) {
      const key = Array.from(tail).reverse().join('');
      let low = 0;
      let high = heads.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (heads[middle]!.key < key) low = middle + 1;
        else high = middle;
      }
      for (let i = low, scanned = 0; i < heads.length && scanned < MAX_SCAN; i++, scanned++) {
        const head = heads[i]!;
        if (!head.key.startsWith(key)) break;
        if (head.key !== key && isCompoundHead(queryWord, stem, head.word, this.lang))
          found.set(head.word, this.postings.count(head.word));
      }
    }
    return [...found]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_EXPANSIONS)
      .flatMap(([word]) => this.posting(word, WEIGHT.prefix) ?? []);
  }

  /** How a vocabulary word matches a query word through its stem, if it does. */
  private stemMatches(word: string, pattern: WordPattern): boolean {
    if (pattern.stem === null) return false;
    const stem = stemOf(word, this.lang);
    return pattern.stems ? pattern.stems.includes(stem) : stemsMatch(stem, pattern.stem, this.lang);
  }

  /** The vocabulary words a query word stands for, with how well each matches. */
  expand(pattern: WordPattern): Expansion[] {
    const found: Expansion[] = [];
    const exact = this.posting(pattern.word, WEIGHT.exact);
    if (exact) found.push(exact);
    // Arabic stems are indexed (their words do not share a beginning): looked up, not scanned for.
    if (pattern.stems)
      for (const stem of pattern.stems) {
        const plain = stem === pattern.word ? undefined : this.posting(stem, WEIGHT.stem);
        const marked = this.posting(STEM_MARK + stem, WEIGHT.stem);
        if (plain) found.push(plain);
        if (marked) found.push(marked);
      }
    if (pattern.head && pattern.stem !== null) found.push(...this.compoundsOf(pattern.word, pattern.stem));
    if (!pattern.prefix && (pattern.stem === null || pattern.stems)) return found;

    // Words sharing a stem share most of their beginning: scan from the common part of word and stem.
    let root = pattern.word;
    if (pattern.stem !== null && !pattern.stems) {
      let common = 0;
      while (common < root.length && root[common] === pattern.stem[common]) common++;
      // Two letters less: a form's stem may be a little shorter (stemsMatch), or its word spelled apart there
      // (Portuguese nação, nações).
      root = root.slice(0, Math.max(Math.min(common, 3), common - 2, 1));
    }
    const words = this.sortedWords();
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (words[middle]! < root) low = middle + 1;
      else high = middle;
    }
    const candidates: { word: string; weight: number; count: number }[] = [];
    for (let i = low, scanned = 0; i < words.length && scanned < MAX_SCAN; i++, scanned++) {
      const word = words[i]!;
      if (!word.startsWith(root)) break;
      if (word === pattern.word) continue;
      const weight = this.stemMatches(word, pattern)
        ? WEIGHT.stem
        : pattern.prefix && word.startsWith(pattern.word)
          ? WEIGHT.prefix
          : 0;
      if (weight > 0) candidates.push({ word, weight, count: this.postings.count(word) });
    }
    candidates.sort((a, b) => b.weight - a.weight || b.count - a.count || (a.word < b.word ? -1 : 1));
    for (const candidate of candidates.slice(0, MAX_EXPANSIONS)) {
      const expansion = this.posting(candidate.word, candidate.weight);
      if (expansion) found.push(expansion);
    }
    return found;
  }

  /**
   * Live documents holding every word of every part (phrases are checked
   * later, on the passages shown), with a score: for each query word the
   * best way a document matches it (exact, stem, prefix), averaged.
   *
   * Each query word's documents are gathered into three bitsets, one per way
   * of matching (a prefix may stand for dozens of words, each in thousands of
   * documents: OR-ing their lists word by word is far cheaper than visiting
   * every document of each); the rarest query word's documents are then
   * walked once, and each later word only asked about those still in.
   */
  match(parts: readonly QueryPart[]): ShardMatches {
    // A pasted paragraph of Chinese is cut to its first words.
    // A word looked up by its pairs needs each of them (they are checked in order on the text later).
    const patterns = parts
      .flatMap((part) => part.patterns.filter((p) => p.indexed))
      .flatMap((p): WordPattern[] =>
        p.grams ? p.grams.map((gram) => ({ word: gram, stem: null, prefix: false, indexed: true })) : [p],
      )
      .slice(0, 200);
    if (patterns.length === 0 || this.liveCount === 0) return { slots: [], scores: [] };
    const expansions = patterns.map((pattern) => this.expand(pattern));
    const sizes = expansions.map((list) => list.reduce((sum, e) => sum + e.count, 0));
    if (sizes.some((size) => size === 0)) return { slots: [], scores: [] };
    const order = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
    const { acc, classes } = this.buffers();
    let survivors: number[] = [];
    for (let round = 0; round < order.length; round++) {
      for (const bits of classes) bits.fill(0);
      for (const { list, weight } of expansions[order[round]!]!) {
        const bits = classes[CLASS_OF_WEIGHT[weight]!]!;
        if (isBitset(list)) {
          const words = Math.min(list.length, bits.length);
          for (let w = 0; w < words; w++) bits[w]! |= list[w]!;
        } else for (const slot of list) bits[slot >>> 5]! |= 1 << (slot & 31);
      }
      const next: number[] = [];
      if (round === 0) {
        const words = classes[0]!.length;
        for (let w = 0; w < words; w++) {
          let better = 0;
          for (let c = 0; c < classes.length; c++) {
            const all = classes[c]![w]!;
            let bits = all & ~better;
            better |= all;
            while (bits !== 0) {
              const low = bits & -bits;
              const slot = (w << 5) + 31 - Math.clz32(low);
              next.push(slot);
              acc[slot] = CLASS_WEIGHTS[c]!;
              bits ^= low;
            }
          }
        }
      } else {
        for (const slot of survivors) {
          const word = slot >>> 5;
          const bit = 1 << (slot & 31);
          for (let c = 0; c < classes.length; c++) {
            if ((classes[c]![word]! & bit) === 0) continue;
            next.push(slot);
            acc[slot]! += CLASS_WEIGHTS[c]!;
            break;
          }
        }
      }
      survivors = next;
      if (survivors.length === 0) break;
    }
    const slots: number[] = [];
    const scores: number[] = [];
    for (const slot of survivors) {
      if (this.owners[slot]! >= 0) {
        slots.push(slot);
        scores.push(acc[slot]! / patterns.length);
      }
    }
    return { slots, scores };
  }

  private buffers() {
    const words = (this.slots >>> 5) + 1;
    if (!this.scratch || this.scratch.classes[0]!.length < words) {
      const size = Math.max(32, Math.ceil(words * 1.25));
      this.scratch = {
        acc: new Float32Array(size * 32),
        classes: CLASS_WEIGHTS.map(() => new Uint32Array(size)),
      };
    }
    return this.scratch;
  }

  snapshot(): ShardSnapshot {
    this.dirty = false;
    return {
      key: this.key,
      postings: this.postings.snapshot(),
      owners: this.owners.slice(0, this.slots),
      hashes: this.hashes.slice(0, this.slots),
      extras: this.extras.slice(0, this.slots),
      keys: this.slotKeys.length > 0 ? Array.from(this.slotKeys, (key) => key ?? '') : [],
      // A pass under way starts again after a restore: clearing a slot twice is harmless.
      dead: Int32Array.from([...this.dead, ...(this.reaping?.slots ?? [])]),
    };
  }

  restore(snapshot: ShardSnapshot): void {
    this.clear();
    this.postings = Postings.restore(snapshot.postings);
    this.slots = snapshot.owners.length;
    this.owners = snapshot.owners.slice();
    this.hashes = snapshot.hashes.slice();
    this.extras = snapshot.extras.slice();
    this.slotKeys = snapshot.keys.slice();
    this.dead = Array.from(snapshot.dead);
    for (let slot = 0; slot < this.slots; slot++) {
      const owner = this.owners[slot]!;
      if (owner < 0) continue;
      this.setLive(this.slotKeys.length > 0 ? this.slotKeys[slot]! : owner, slot);
    }
    this.dirty = false;
  }
}
