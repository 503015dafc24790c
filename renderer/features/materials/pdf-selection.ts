/**
 * Offsets in a PDF page's text, as pdf.js's text layer holds it (the text of
 * its spans, in order: what the layer's textContent is), to and from DOM
 * ranges: how a selection becomes a note's position and a note's position a
 * highlight.
 */

export interface PageSelection {
  page: number;
  start: number;
  end: number;
}

const pageOf = (node: Node | null) =>
  (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('.pdf-page') ?? null;

/** Characters of `layer`'s text before the boundary point (node, offset). */
function offsetAt(layer: Element, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(layer, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The current selection as offsets in one page's text: the page where it
 * starts (a selection running onto the next page stops at the end of the
 * first). Null when nothing is selected in a page's text layer.
 */
export function selectionInPages(container: HTMLElement): PageSelection | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const page = pageOf(range.startContainer);
  const layer = page?.querySelector('.textLayer');
  if (!page || !layer || !container.contains(page)) return null;
  const start = offsetAt(layer, range.startContainer, range.startOffset);
  const inPage = pageOf(range.endContainer) === page && layer.contains(range.endContainer);
  const end = inPage ? offsetAt(layer, range.endContainer, range.endOffset) : (layer.textContent ?? '').length;
  return end > start ? { page: Number(page.dataset.page), start, end } : null;
}

/** The DOM range of [start, end) of a text layer's text; null past its end. */
export function rangeInLayer(layer: Element, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && start < seen + length) {
      range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}
