import * as Y from 'yjs';
import type { CommentAnchor } from '../model/proceedings.js';
import { SYNTHESIS_FIELD } from '../synthesis/document.js';

/**
 * Anchors of review comments in a synthesis's CRDT text. A comment is made
 * on words of one text run (a Y.XmlText: a paragraph's or heading's text);
 * its ends are Yjs relative positions, which stay attached to the same
 * characters whatever is inserted or deleted around them, by anyone, in any
 * order of merge. The positions travel as hex, the words as they were too.
 */

/** The document's text runs in reading order: what the app shows as blocks and anchors in. */
export function textRuns(doc: Y.Doc): Y.XmlText[] {
  const runs: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) runs.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment(SYNTHESIS_FIELD));
  return runs;
}

export const runText = (run: Y.XmlText): string =>
  (run.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/** An anchor on characters [from, to) of text run `run`. */
export function anchorAt(doc: Y.Doc, run: number, from: number, to: number): CommentAnchor {
  const text = textRuns(doc)[run];
  if (!text) throw new Error(`no text run ${run}`);
  const content = runText(text);
  if (!(from >= 0 && from < to && to <= content.length)) throw new Error(`no characters ${from}–${to} in run ${run}`);
  return {
    // The start sticks to the first commented character, the end to the character after the last (assoc −1: to the last).
    start: toHex(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from, 0))),
    end: toHex(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, to, -1))),
    quote: content.slice(from, to),
  };
}

export interface ResolvedAnchor {
  run: number;
  from: number;
  to: number;
  /** The words the comment is on now. */
  text: string;
}

/** Where an anchor is now; null when its words were deleted (the comment is kept and shows its quote). */
export function resolveAnchor(doc: Y.Doc, anchor: CommentAnchor): ResolvedAnchor | null {
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromHex(anchor.start)), doc);
    end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromHex(anchor.end)), doc);
  } catch {
    return null;
  }
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  if (end.index <= start.index) return null;
  const run = textRuns(doc).indexOf(start.type);
  if (run < 0) return null;
  return { run, from: start.index, to: end.index, text: runText(start.type).slice(start.index, end.index) };
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
