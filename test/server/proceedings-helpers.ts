import type { CitationAttrs, SynthesisNode } from '../../shared/synthesis/document.js';

/** Asks `what` again until `ok` holds (the translation queue works in the background), or fails with the last answer. */
export async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every quoted piece of a document, in order: its words and its citation. */
export const citations = (nodes: SynthesisNode[]): { text: string; attrs: CitationAttrs }[] =>
  nodes.flatMap((n) => [
    ...(n.marks ?? []).flatMap((mk) => (mk.type === 'citation' ? [{ text: n.text ?? '', attrs: mk.attrs }] : [])),
    ...citations(n.content ?? []),
  ]);
