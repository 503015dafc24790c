import * as Y from 'yjs';
import { SYNTHESIS_FIELD, type SynthesisDoc, type SynthesisMark, type SynthesisNode } from './document.js';

/**
 * A synthesis's CRDT state read as the document the exports take (the same
 * JSON TipTap's getJSON gives), without ProseMirror: the server assembles
 * proceedings from stored updates and has no editor. It follows how
 * y-prosemirror lays a document out in Yjs: an element per node (its name
 * the node type, its attributes the node's), text as Y.XmlText whose
 * formatting attributes are the marks (`name` or `name--hash` for marks
 * that may overlap, the value the mark's attrs).
 */
export function synthesisDocOf(state: Uint8Array | null): SynthesisDoc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return docFromFragment(doc.getXmlFragment(SYNTHESIS_FIELD));
}

export function docFromFragment(fragment: Y.XmlFragment): SynthesisDoc {
  return { type: 'doc', content: fragment.toArray().flatMap(nodesOf) };
}

function nodesOf(item: Y.XmlElement | Y.XmlText | Y.XmlHook): SynthesisNode[] {
  if (item instanceof Y.XmlText) return textNodes(item);
  if (!(item instanceof Y.XmlElement)) return [];
  const attrs = { ...item.getAttributes() } as Record<string, unknown>;
  delete attrs.ychange;
  const node: SynthesisNode = { type: item.nodeName };
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  const children = item.toArray().flatMap(nodesOf);
  if (children.length > 0) node.content = children;
  return [node];
}

function textNodes(text: Y.XmlText): SynthesisNode[] {
  const out: SynthesisNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const marks = Object.entries(op.attributes ?? {})
      .filter(([key]) => key !== 'ychange')
      .map(([key, value]) => {
        const type = key.replace(/--[A-Za-z0-9+/=]+$/, '');
        const attrs = value && typeof value === 'object' && Object.keys(value).length > 0 ? value : undefined;
        return (attrs ? { type, attrs } : { type }) as SynthesisMark;
      });
    out.push(marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return out;
}
