/**
 * Maps a DOM selection inside a rendered text version back to offsets in the
 * text itself. Paragraph elements carry `data-start`/`data-end` (their offsets
 * in the text) and hold exactly the characters text.slice(start, end), split
 * into text nodes and <mark>s, so the length of a range's text is exact.
 */
export interface TextRange {
  start: number;
  end: number;
}

function paragraphOf(node: Node, root: HTMLElement): HTMLElement | null {
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current instanceof HTMLElement && current.dataset.start !== undefined) return current;
  }
  return null;
}

function boundaryOffset(root: HTMLElement, container: Node, offset: number, edge: 'start' | 'end'): number | null {
  const doc = root.ownerDocument;
  const paragraph = paragraphOf(container, root);
  if (paragraph) {
    const before = doc.createRange();
    before.setStart(paragraph, 0);
    before.setEnd(container, offset);
    return Number(paragraph.dataset.start) + before.toString().length;
  }
  // The boundary sits between paragraphs: a start snaps forward to the next
  // paragraph, an end back to the previous one.
  const point = doc.createRange();
  point.setStart(container, offset);
  const paragraphs = [...root.querySelectorAll<HTMLElement>('[data-start]')];
  if (edge === 'start') {
    const next = paragraphs.find((p) => point.comparePoint(p, 0) >= 0);
    return next ? Number(next.dataset.start) : null;
  }
  const previous = paragraphs.filter((p) => point.comparePoint(p, p.childNodes.length) <= 0).at(-1);
  return previous ? Number(previous.dataset.end) : null;
}

/** The selection's range in text offsets, or null when it is empty or not inside `root`. */
export function selectionToTextRange(root: HTMLElement, selection: Selection | null): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = boundaryOffset(root, range.startContainer, range.startOffset, 'start');
  const end = boundaryOffset(root, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** Selects text offsets [start, end) inside `root` (tests, and "show me the passage"). */
export function selectTextRange(root: HTMLElement, { start, end }: TextRange): Range | null {
  const doc = root.ownerDocument;
  const locate = (target: number): [Node, number] | null => {
    for (const p of root.querySelectorAll<HTMLElement>('[data-start]')) {
      const pStart = Number(p.dataset.start);
      if (target < pStart || target > Number(p.dataset.end)) continue;
      let remaining = target - pStart;
      const walker = doc.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (remaining <= length) return [node, remaining];
        remaining -= length;
      }
    }
    return null;
  };
  const a = locate(start);
  const b = locate(end);
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}
