import type * as Y from 'yjs';
import type { ReviewComment } from '../../../shared/model/proceedings.js';
import { resolveAnchor, runText, textRuns } from '../../../shared/proceedings/comment-anchor.js';

export interface Segment {
  text: string;
  /** The open comments on these characters. */
  comments: string[];
}

/**
 * A synthesis's text runs cut into segments at every open comment's ends,
 * as they are now in the CRDT (the anchors follow the edits): what the
 * review shows, with the commented words marked.
 */
export function markedRuns(doc: Y.Doc, comments: readonly ReviewComment[]): Segment[][] {
  const runs = textRuns(doc).map(runText);
  const ranges = comments.flatMap((c) => {
    if (c.resolved || !c.anchor) return [];
    const at = resolveAnchor(doc, c.anchor);
    return at ? [{ id: c.id, ...at }] : [];
  });
  return runs.map((text, run) => {
    const mine = ranges.filter((r) => r.run === run);
    const cuts = [...new Set([0, text.length, ...mine.flatMap((r) => [r.from, r.to])])].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const [from, to] = [cuts[i]!, cuts[i + 1]!];
      if (to > from)
        segments.push({
          text: text.slice(from, to),
          comments: mine.filter((r) => r.from <= from && r.to >= to).map((r) => r.id),
        });
    }
    return segments.length ? segments : [{ text: '', comments: [] }];
  });
}

/** Character offsets of a DOM selection inside one run's element, or null when it spans several or none. */
export function selectionIn(element: HTMLElement, selection: Selection | null): { from: number; to: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(element);
  before.setEnd(range.startContainer, range.startOffset);
  const from = before.toString().length;
  const to = from + range.toString().length;
  return to > from ? { from, to } : null;
}
