/**
 * Offsets in a PDF page's text as pdf.js's text layer holds it: the text of
 * its spans in order, each line break (the <br> pdf.js puts after a text item
 * that ends a line) counted as "\n", so words of two lines never run together.
 * Text extraction (renderer/materials/pdf-text-extraction.ts) joins pdf.js's
 * text items the same way. Here: DOM selections to offsets, offsets to ranges.
 */

export interface PageSelection {
  page: number;
  start: number;
  end: number;
}

const isBreak = (node: Node) => node.nodeName === 'BR';

function walk(root: Node): TreeWalker {
  return document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) =>
      node.nodeType === Node.TEXT_NODE || isBreak(node) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
  });
}

/** A text layer's text: its text nodes, line breaks as "\n". */
export function layerText(layer: Node): string {
  let text = '';
  const walker = walk(layer);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text += isBreak(node) ? '\n' : node.textContent;
  return text;
}

const pageOf = (node: Node | null) =>
  (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('.pdf-page') ?? null;

/** Characters of `layer`'s text before the boundary point (node, offset). */
function offsetAt(layer: Element, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(layer, 0);
  range.setEnd(node, offset);
  return layerText(range.cloneContents()).length;
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
  const end = inPage ? offsetAt(layer, range.endContainer, range.endOffset) : layerText(layer).length;
  return end > start ? { page: Number(page.dataset.page), start, end } : null;
}

/** The DOM range of [start, end) of a text layer's text; null past its end. */
export function rangeInLayer(layer: Element, start: number, end: number): Range | null {
  const walker = walk(layer);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = isBreak(node) ? 1 : (node.textContent?.length ?? 0);
    if (!started && start < seen + length) {
      if (isBreak(node)) range.setStartAfter(node);
      else range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= seen + length) {
      if (isBreak(node)) range.setEndBefore(node);
      else range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}
