import { diffIndices } from 'node-diff3';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';

/**
 * What changed between two versions of a synthesis, for the history: words
 * added and removed, paragraphs touched, and the differences paragraph by
 * paragraph, word by word.
 */

export interface Segment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ParagraphChange {
  kind: 'same' | 'added' | 'removed' | 'changed';
  segments: Segment[];
}

export interface VersionDiff {
  wordsAdded: number;
  wordsRemoved: number;
  paragraphsTouched: number;
  paragraphs: ParagraphChange[];
}

/** The text of each block (paragraph, heading, list item, quoted paragraph), in order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    const children = node.toArray();
    if (children.some((c) => c instanceof Y.XmlText)) {
      out.push(
        children
          .map((c) =>
            c instanceof Y.XmlText ? textOf(c) : c instanceof Y.XmlElement && c.nodeName === 'hardBreak' ? '\n' : '',
          )
          .join(''),
      );
      return;
    }
    if (node instanceof Y.XmlElement && children.length === 0 && node.nodeName === 'paragraph') out.push('');
    for (const child of children) if (child instanceof Y.XmlElement) walk(child);
  };
  walk(doc.getXmlFragment(SYNTHESIS_FIELD));
  return out;
}

const textOf = (text: Y.XmlText) =>
  (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

const WORD = /[\p{L}\p{M}\p{N}]/u;
const tokens = (text: string) => text.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+|\s+|./gsu) ?? [];
const countWords = (parts: string[]) => parts.filter((p) => WORD.test(p)).length;

export function diffVersions(before: string[], after: string[]): VersionDiff {
  const result: VersionDiff = { wordsAdded: 0, wordsRemoved: 0, paragraphsTouched: 0, paragraphs: [] };
  const push = (kind: ParagraphChange['kind'], segments: Segment[]) => {
    result.paragraphs.push({ kind, segments });
    if (kind !== 'same') result.paragraphsTouched += 1;
  };
  let b = 0;
  const flushSame = (untilBefore: number) => {
    while (b < untilBefore) {
      push('same', [{ kind: 'same', text: before[b]! }]);
      b += 1;
    }
  };
  for (const hunk of diffIndices(before, after)) {
    const [bs, bl] = hunk.buffer1;
    const [as, al] = hunk.buffer2;
    flushSame(bs);
    const paired = Math.min(bl, al);
    for (let i = 0; i < paired; i++) {
      const segments = diffWords(before[bs + i]!, after[as + i]!);
      for (const s of segments) {
        if (s.kind === 'added') result.wordsAdded += countWords(tokens(s.text));
        if (s.kind === 'removed') result.wordsRemoved += countWords(tokens(s.text));
      }
      push('changed', segments);
    }
    for (let i = paired; i < bl; i++) {
      result.wordsRemoved += countWords(tokens(before[bs + i]!));
      push('removed', [{ kind: 'removed', text: before[bs + i]! }]);
    }
    for (let i = paired; i < al; i++) {
      result.wordsAdded += countWords(tokens(after[as + i]!));
      push('added', [{ kind: 'added', text: after[as + i]! }]);
    }
    b = bs + bl;
  }
  flushSame(before.length);
  return result;
}

function diffWords(before: string, after: string): Segment[] {
  const x = tokens(before);
  const y = tokens(after);
  const segments: Segment[] = [];
  const add = (kind: Segment['kind'], parts: string[]) => {
    if (parts.length === 0) return;
    const last = segments.at(-1);
    if (last && last.kind === kind) last.text += parts.join('');
    else segments.push({ kind, text: parts.join('') });
  };
  let i = 0;
  for (const hunk of diffIndices(x, y)) {
    const [xs, xl] = hunk.buffer1;
    const [ys, yl] = hunk.buffer2;
    add('same', x.slice(i, xs));
    add('removed', x.slice(xs, xs + xl));
    add('added', y.slice(ys, ys + yl));
    i = xs + xl;
  }
  add('same', x.slice(i));
  return segments;
}
