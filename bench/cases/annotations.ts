import { anchor, describeSelection, hashText } from '../../shared/anchoring/index.js';
import type { AnnotationTarget } from '../../shared/model/annotations.js';
import type { ContributionId } from '../../shared/model/entities.js';
import { generateSyntheticCorpus } from '../../server/demo/synthetic-corpus.js';
import type { BenchCase, Sample } from '../registry.js';
import { median } from '../stats.js';

const ANNOTATIONS = 1_000;
const TEXT_LENGTH = 10_000;
const ROUNDS = 5;

/** About 10,000 characters of the synthetic corpus's English, in paragraphs (deterministic). */
function sampleText(): string {
  const paragraphs: string[] = [];
  let length = 0;
  for (const line of generateSyntheticCorpus({ contributions: 200, seed: 7 })) {
    const record = JSON.parse(line) as { type: string; language?: string; text?: string };
    if (record.type !== 'translation' || record.language !== 'en' || !record.text) continue;
    for (const paragraph of record.text.split(/\n\s*\n/)) {
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
      if (length >= TEXT_LENGTH) return paragraphs.join('\n\n');
    }
  }
  return paragraphs.join('\n\n');
}

/** 1,000 highlights of 2 to 6 words spread over the text, the same in every run. */
function annotate(text: string): AnnotationTarget[] {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const targets: AnnotationTarget[] = [];
  const hash = hashText(text);
  for (let i = 0; i < ANNOTATIONS; i++) {
    const first = Math.floor((i * (words.length - 8)) / ANNOTATIONS);
    const last = Math.min(words.length - 1, first + 1 + (i % 5));
    targets.push({
      contributionId: 'c-bench' as ContributionId,
      language: 'en',
      sourceVersion: 1,
      textHash: hash,
      ...describeSelection(text, words[first]!.start, words[last]!.end),
    });
  }
  return targets;
}

/** An author's revision: a new opening paragraph, one paragraph rewritten in part, one removed. */
function edit(text: string): string {
  const paragraphs = text.split('\n\n');
  const middle = Math.floor(paragraphs.length / 2);
  paragraphs[middle] = paragraphs[middle]!.replace(/\b(\w+)\b/g, (word, _w, offset: number) =>
    offset % 7 === 0 ? word.toUpperCase() : word,
  );
  paragraphs.splice(middle + 2, 1);
  return ['The author added this opening paragraph after the consultation closed.', ...paragraphs].join('\n\n');
}

function timeReanchor(targets: AnnotationTarget[], text: string): { ms: number; placed: number; orphans: number } {
  const times: number[] = [];
  let orphans = 0;
  for (let round = 0; round < ROUNDS; round++) {
    orphans = 0;
    const t0 = performance.now();
    for (const target of targets) if (anchor(target, { text, sourceVersion: 2 }).status === 'orphan') orphans += 1;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), placed: targets.length - orphans, orphans };
}

/**
 * Issue 4's figure: re-anchor 1,000 annotations of one ~10,000-character text
 * after its author edited it (exact-position fast path, then fuzzy search),
 * against the same 1,000 on the unchanged text. Node, shared/anchoring as the
 * app runs it.
 */
export const annotationAnchoring: BenchCase = {
  id: 'anchoring',
  backends: [],
  rows: [
    {
      id: 'anchor.unchanged',
      label: 'Re-anchor 1,000 annotations, text unchanged',
      setting: 'Node, shared/anchoring, ~10,000-character text',
      unit: 'ms',
      note: () => 'the exact-position fast path for every note',
    },
    {
      id: 'anchor.edited',
      label: 'Re-anchor 1,000 annotations after an edit',
      setting: 'Node, shared/anchoring, ~10,000-character text',
      unit: 'ms',
      baseline: { id: 'anchor.unchanged', name: 'unchanged' },
      note: (row) =>
        `a paragraph added before, one partly rewritten, one removed: ${row.details.placed ?? 0} placed, ` +
        `${row.details.orphans ?? 0} orphans (their passage is gone); median of ${ROUNDS} passes`,
    },
  ],
  async run() {
    const text = sampleText();
    const targets = annotate(text);
    const unchanged = timeReanchor(targets, text);
    const edited = timeReanchor(targets, edit(text));
    const sample = (r: typeof unchanged): Sample => ({
      value: r.ms,
      details: { placed: r.placed, orphans: r.orphans },
    });
    return { 'anchor.unchanged': sample(unchanged), 'anchor.edited': sample(edited) };
  },
};
