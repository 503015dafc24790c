/**
 * Which documents of one shard hold each word: the index's posting lists.
 *
 * A word's documents (slots) are a sorted array while the word is rare and a
 * bitset over the slots once that is smaller (more than one document in 32),
 * the choice Roaring bitmaps make per block. Search libraries keep a 32-bit id
 * per (word, document) pair, which alone is more than half of FlexSearch's
 * default index on our corpora (bench/cases/search.ts): words of a language's
 * texts are few and most occur in many documents, and a bitset stores those
 * at one bit per document.
 *
 * Slots only grow (a changed text gets a new one), so arrays stay sorted by
 * appending. Documents are not taken out one by one: removed slots are
 * skipped by the searches above and cleared here in passes (`compact`).
 */

/** Sorted slots, or a bitset over slots (bit `s % 32` of word `s >> 5`). */
export type PostingList = number[] | Uint32Array;

/** A word's list, with its document count (a bitset does not know it cheaply). */
export interface Posting {
  list: PostingList;
  count: number;
}

export interface PostingsSnapshot {
  /** The words, in id order, joined by newlines (a word never holds one). */
  words: string;
  /** Per word: documents (removed ones included until compacted). */
  counts: Uint32Array;
  /** Per word: 1 if its list is a bitset. */
  dense: Uint8Array;
  /** Per word: where its list starts in `pool`; one more entry for the end. */
  offsets: Uint32Array;
  /** Every list, one after the other: slots, or bitset words. */
  pool: Uint32Array;
}

/** Below this many slots, arrays are small anyway: no bitset. */
const MIN_SLOTS_FOR_BITSET = 1024;

export const isBitset = (list: PostingList): list is Uint32Array => !Array.isArray(list);

/** Bits set in a 32-bit word. */
export function popCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function toBitset(slots: readonly number[], slotCount: number): Uint32Array {
  const bits = new Uint32Array(Math.ceil((slotCount * 1.25) / 32) + 1);
  for (const slot of slots) bits[slot >>> 5]! |= 1 << (slot & 31);
  return bits;
}

export class Postings {
  private ids = new Map<string, number>();
  private lists: PostingList[] = [];
  private counts: number[] = [];

  /** Distinct words, removed ones' included until a compaction. */
  get size(): number {
    return this.lists.length;
  }

  /** Adds the document `slot` (greater than every slot added before) to the lists of `words`. */
  add(slot: number, words: Iterable<string>): void {
    for (const word of words) {
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.lists.length;
        this.ids.set(word, id);
        this.lists.push([]);
        this.counts.push(0);
      }
      let list = this.lists[id]!;
      if (isBitset(list)) {
        if (slot >>> 5 >= list.length) {
          const grown = new Uint32Array(Math.max((slot >>> 5) + 1, Math.ceil(list.length * 1.5)));
          grown.set(list);
          this.lists[id] = list = grown;
        }
        if ((list[slot >>> 5]! & (1 << (slot & 31))) !== 0) continue;
        list[slot >>> 5]! |= 1 << (slot & 31);
      } else {
        const last = list.length > 0 ? list[list.length - 1]! : -1;
        if (last === slot) continue;
        if (last > slot) throw new Error(`slot ${slot} added after ${last}`);
        list.push(slot);
        // A bitset takes slot/8 bytes; an array 4 per entry.
        if (slot >= MIN_SLOTS_FOR_BITSET && list.length * 32 > slot) this.lists[id] = toBitset(list, slot + 1);
      }
      this.counts[id]!++;
    }
  }

  get(word: string): Posting | undefined {
    const id = this.ids.get(word);
    if (id === undefined || this.counts[id] === 0) return undefined;
    return { list: this.lists[id]!, count: this.counts[id]! };
  }

  count(word: string): number {
    const id = this.ids.get(word);
    return id === undefined ? 0 : this.counts[id]!;
  }

  /** Words held by at least one document (removed ones may still count until compacted). */
  *words(): IterableIterator<string> {
    for (const [word, id] of this.ids) if (this.counts[id]! > 0) yield word;
  }

  /**
   * Takes the slots `removed` marks out of the lists, from word `from` on,
   * until `deadline` (performance.now()); returns the word to resume from, or
   * -1 once every list is done.
   */
  compact(removed: Uint8Array, from: number, deadline: number): number {
    for (let id = from; id < this.lists.length; id++) {
      if ((id & 63) === 0 && id > from && performance.now() >= deadline) return id;
      const list = this.lists[id]!;
      if (isBitset(list)) {
        let count = 0;
        for (let w = 0; w < list.length; w++) {
          let bits = list[w]!;
          if (bits === 0) continue;
          for (let b = bits; b !== 0; b &= b - 1) {
            const slot = (w << 5) + 31 - Math.clz32(b & -b);
            if (slot < removed.length && removed[slot] === 1) bits &= ~(1 << (slot & 31));
          }
          list[w] = bits;
          count += popCount(bits);
        }
        this.counts[id] = count;
      } else {
        const kept = list.filter((slot) => slot >= removed.length || removed[slot] !== 1);
        if (kept.length !== list.length) {
          this.lists[id] = kept;
          this.counts[id] = kept.length;
        }
      }
    }
    return -1;
  }

  snapshot(): PostingsSnapshot {
    const n = this.lists.length;
    const offsets = new Uint32Array(n + 1);
    const dense = new Uint8Array(n);
    for (let id = 0; id < n; id++) {
      const list = this.lists[id]!;
      dense[id] = isBitset(list) ? 1 : 0;
      offsets[id + 1] = offsets[id]! + list.length;
    }
    const pool = new Uint32Array(offsets[n]!);
    for (let id = 0; id < n; id++) pool.set(this.lists[id]!, offsets[id]!);
    return { words: [...this.ids.keys()].join('\n'), counts: Uint32Array.from(this.counts), dense, offsets, pool };
  }

  static restore(snapshot: PostingsSnapshot): Postings {
    const postings = new Postings();
    const words = snapshot.words ? snapshot.words.split('\n') : [];
    const { offsets, pool, dense, counts } = snapshot;
    if (offsets.length !== words.length + 1 || counts.length !== words.length || dense.length !== words.length)
      throw new Error('a saved search index is inconsistent');
    words.forEach((word, id) => {
      const part = pool.subarray(offsets[id]!, offsets[id + 1]!);
      postings.ids.set(word, id);
      // Arrays grow as documents are added; a bitset grows by copy, so one of a restored pool is shared until then.
      postings.lists.push(dense[id] === 1 ? part : Array.from(part));
      postings.counts.push(counts[id]!);
    });
    return postings;
  }
}
