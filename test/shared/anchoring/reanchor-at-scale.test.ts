import approxSearch from 'approx-string-match';
import { describe, expect, it, vi } from 'vitest';
import type { ContributionId } from '../../../shared/model/entities.js';
import type { AnnotationTarget } from '../../../shared/model/annotations.js';
import { anchor, MIN_SCORE, targetSelection } from '../../../shared/anchoring/index.js';
import { EN, FR } from './fixtures.js';

// Counts what reaches the fuzzy matcher: unlike wall-clock time on a shared machine, that cannot flake.
vi.mock('approx-string-match', async (importOriginal) => {
  const original = await importOriginal<{ default: typeof approxSearch }>();
  return { default: vi.fn(original.default) };
});
const matcher = vi.mocked(approxSearch);

/** mulberry32: deterministic, so a failure here can be replayed, and without the short cycles of a plain LCG's low bits. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}

const vocabulary = [...new Set(`${FR} ${EN}`.split(/\s+/))];

/** About `length` characters of the fixtures' words in random order, in paragraphs. */
function contribution(length: number, seed: number): string {
  const next = random(seed);
  let text = '';
  while (text.length < length) text += vocabulary[next(vocabulary.length)] + (next(60) === 0 ? '\n\n' : ' ');
  return text.slice(0, length).trim();
}

function annotations(text: string, count: number): AnnotationTarget[] {
  const next = random(7);
  const targets: AnnotationTarget[] = [];
  while (targets.length < count) {
    const start = next(text.length - 100);
    const end = start + 8 + next(90);
    if (text.slice(start, end).trim() === '') continue;
    targets.push(
      targetSelection(
        { contributionId: 'c-1' as ContributionId, language: 'fr' },
        { text, sourceVersion: 1 },
        start,
        end,
      ),
    );
  }
  return targets;
}

/** The results, the time taken, and how many annotations needed the fuzzy matcher. */
function reanchor(targets: AnnotationTarget[], text: string) {
  let searched = 0;
  const started = performance.now();
  const results = targets.map((target) => {
    const calls = matcher.mock.calls.length;
    const result = anchor(target, { text, sourceVersion: 1 });
    if (matcher.mock.calls.length > calls) searched += 1;
    return result;
  });
  return { results, ms: performance.now() - started, searched };
}

describe('re-anchoring 1,000 annotations on a 10,000-character text', () => {
  const text = contribution(10_000, 1);
  const targets = annotations(text, 1_000);
  const editAt = 5_000;
  const inserted = ' Une phrase ajoutée par l’auteur après la première session. ';
  const edited = text.slice(0, editAt) + inserted + text.slice(editAt + 40);
  const shift = inserted.length - 40;

  it('after an edit: untouched ones anchored, later ones moved by the edit’s length, few searched fuzzily', () => {
    reanchor(targets, edited); // warm the JIT, as a reader opening a second contribution would
    const { results, ms, searched } = reanchor(targets, `${edited} `);

    results.forEach((result, i) => {
      const { start, end } = targets[i]!.position;
      if (end + 32 <= editAt) {
        expect(result).toEqual({ status: 'anchored', start, end, retranslated: true });
      } else if (start - 32 >= editAt + 40) {
        expect(result).toMatchObject({ status: 'moved', start: start + shift, end: end + shift });
      } else if (result.status === 'moved') {
        expect(result.score).toBeGreaterThanOrEqual(MIN_SCORE);
      }
    });
    // Only annotations whose quote or context the edit touched (15 here), and short quotes that recur
    // elsewhere (their other occurrences' context is compared), reach the matcher: 23 of 1,000.
    expect(searched).toBeLessThanOrEqual(25);
    // About 25 ms warm on an idle machine; the bound only catches a pathological regression.
    expect(ms).toBeLessThan(1_000);
  });

  it('when every quote is gone, orphans them all (the worst case: each one searched fuzzily)', () => {
    const { results, ms, searched } = reanchor(targets, contribution(10_000, 2));
    expect(results.filter((r) => r.status !== 'orphan')).toEqual([]);
    expect(searched).toBe(1_000);
    // About 250 ms on an idle machine; generous for shared CI runners.
    expect(ms).toBeLessThan(5_000);
  });
});
