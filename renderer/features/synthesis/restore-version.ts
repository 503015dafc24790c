import { diffIndices } from 'node-diff3';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';

/**
 * Restoring an earlier version of a synthesis, and what it does to edits made
 * elsewhere at the same time.
 *
 * The restore is the smallest set of changes that turns the current document
 * into the restored one, applied to the CRDT as one local transaction:
 *
 * - a paragraph (any block: heading, list item, quote) equal in both is not
 *   touched, so words a colleague types into it meanwhile are kept;
 * - a paragraph that differs is edited in place, character by character: only
 *   the characters that differ are deleted or inserted, and formatting is
 *   changed on the others; words typed into it meanwhile are kept, where they
 *   were typed (among deleted characters, next to where those were);
 * - a paragraph that the restored version does not have is deleted whole. A
 *   paragraph someone adds meanwhile is kept (the restore never knew it).
 *   Words typed meanwhile into a paragraph that the restore deletes leave the
 *   text with it; they are kept in the synthesis's "Rescued words" list
 *   (rescued-words.ts), which every rapporteur sees under the editor, with the
 *   means to put them back.
 *
 * Blocks that differ are paired with the most similar block of the same kind
 * in the restored version, in order; the rest are inserted or deleted.
 */

/** The transaction origin of a restore: the editor's undo manager tracks it, so Undo reverts a restore. */
export const RESTORE_ORIGIN = { restore: true } as const;

type Node = Y.XmlElement | Y.XmlText;
type Parent = Y.XmlFragment | Y.XmlElement;
type Attrs = Record<string, unknown>;

export function replaceContent(doc: Y.Doc, past: Y.Doc): void {
  const target = doc.getXmlFragment(SYNTHESIS_FIELD);
  const source = past.getXmlFragment(SYNTHESIS_FIELD);
  doc.transact(() => patchChildren(target, nodesOf(source)), RESTORE_ORIGIN);
}

const nodesOf = (parent: Parent): Node[] =>
  parent.toArray().filter((n): n is Node => n instanceof Y.XmlElement || n instanceof Y.XmlText);

/** jsonb-like equality: values compared with sorted keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function keyOf(node: Node): string {
  if (node instanceof Y.XmlText) return canonical(['#text', node.toDelta()]);
  return canonical([node.nodeName, node.getAttributes(), nodesOf(node).map(keyOf)]);
}

const kindOf = (node: Node) => (node instanceof Y.XmlText ? '#text' : node.nodeName);

function textOf(node: Node): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return nodesOf(node).map(textOf).join('\n');
}

function patchChildren(parent: Parent, wanted: Node[]): void {
  const current = nodesOf(parent);
  const hunks = diffIndices(current.map(keyOf), wanted.map(keyOf));
  // From the last hunk back, so the positions of earlier ones still hold.
  for (const hunk of hunks.reverse()) {
    const [currentStart, currentLength] = hunk.buffer1;
    const [wantedStart, wantedLength] = hunk.buffer2;
    const removed = current.slice(currentStart, currentStart + currentLength);
    const added = wanted.slice(wantedStart, wantedStart + wantedLength);
    let position = currentStart;
    let r = 0;
    let a = 0;
    for (const [pr, pa] of [...pairSimilar(removed, added), [removed.length, added.length] as const]) {
      if (pr > r) parent.delete(position, pr - r);
      if (pa > a)
        parent.insert(
          position,
          added.slice(a, pa).map((n) => n.clone()),
        );
      position += pa - a;
      if (pr < removed.length && pa < added.length) {
        patchNode(removed[pr]!, added[pa]!);
        position += 1;
      }
      r = pr + 1;
      a = pa + 1;
    }
  }
}

function patchNode(current: Node, wanted: Node): void {
  if (current instanceof Y.XmlText && wanted instanceof Y.XmlText) return patchText(current, wanted);
  if (current instanceof Y.XmlElement && wanted instanceof Y.XmlElement) {
    const have = current.getAttributes() as Attrs;
    const want = wanted.getAttributes() as Attrs;
    for (const name of Object.keys(have)) if (!(name in want)) current.removeAttribute(name);
    for (const [name, value] of Object.entries(want))
      if (canonical(have[name]) !== canonical(value)) current.setAttribute(name, value as string);
    patchChildren(current, nodesOf(wanted));
  }
}

/**
 * Pairs of (removed, added) indices, increasing in both, of the same kind,
 * chosen to maximise their similarity: a changed paragraph is then edited in
 * place instead of replaced.
 */
function pairSimilar(removed: Node[], added: Node[]): [number, number][] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0) return [];
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const pairScore = (i: number, j: number) =>
    kindOf(removed[i]!) === kindOf(added[j]!) ? 1 + similarity(textOf(removed[i]!), textOf(added[j]!)) : -1;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const pair = pairScore(i, j);
      score[i]![j] = Math.max(score[i + 1]![j]!, score[i]![j + 1]!, pair > 0 ? pair + score[i + 1]![j + 1]! : 0);
    }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    const pair = pairScore(i, j);
    if (pair > 0 && score[i]![j] === pair + score[i + 1]![j + 1]!) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (score[i]![j] === score[i + 1]![j]) i += 1;
    else j += 1;
  }
  return pairs;
}

/** The share of characters two texts have in common (0 to 1). */
function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const x = [...a];
  const y = [...b];
  const changed = diffIndices(x, y).reduce((sum, h) => sum + h.buffer1[1] + h.buffer2[1], 0);
  return 1 - changed / (x.length + y.length);
}

interface Token {
  /** A word, a Han character, one other code point (never half a surrogate pair), or an embed. */
  text: string | object;
  attrs: Attrs;
}

// Words are compared whole: a word the restore changes is replaced whole, and
// words typed meanwhile next to it stay beside it instead of splitting it.
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+|./gsu;

function tokensOf(text: Y.XmlText): Token[] {
  const tokens: Token[] = [];
  for (const op of text.toDelta() as { insert: string | object; attributes?: Attrs }[]) {
    const attrs = op.attributes ?? {};
    if (typeof op.insert === 'string')
      for (const [word] of op.insert.matchAll(TOKEN)) tokens.push({ text: word, attrs });
    else tokens.push({ text: op.insert, attrs });
  }
  return tokens;
}

const tokenKey = (t: Token) => (typeof t.text === 'string' ? t.text : `\u0000${canonical(t.text)}`);
const lengthOf = (tokens: Token[]) => tokens.reduce((n, t) => n + (typeof t.text === 'string' ? t.text.length : 1), 0);

/** Attributes to set so a run has exactly `want`: the others named with null (Yjs removes those). */
function exactly(want: Attrs, keys: Iterable<string>): Attrs {
  const out: Attrs = {};
  for (const key of keys) out[key] = null;
  return { ...out, ...want };
}

function patchText(current: Y.XmlText, wanted: Y.XmlText): void {
  const have = tokensOf(current);
  const want = tokensOf(wanted);
  const allKeys = new Set([...have, ...want].flatMap((t) => Object.keys(t.attrs)));
  const hunks = diffIndices(have.map(tokenKey), want.map(tokenKey));
  for (const hunk of hunks.reverse()) {
    const [hs, hl] = hunk.buffer1;
    const [ws, wl] = hunk.buffer2;
    const offset = lengthOf(have.slice(0, hs));
    const removedLength = lengthOf(have.slice(hs, hs + hl));
    if (removedLength) current.delete(offset, removedLength);
    let at = offset;
    for (const run of runs(want.slice(ws, ws + wl))) {
      const attrs = exactly(run.attrs, allKeys);
      if (typeof run.text === 'string') current.insert(at, run.text, attrs);
      else current.insertEmbed(at, run.text, attrs);
      at += typeof run.text === 'string' ? run.text.length : 1;
    }
  }
  // The characters are now the wanted ones; formatting where it still differs, run by run.
  const now = unitAttrs(current);
  const target = unitAttrs(wanted);
  for (let start = 0; start < now.length;) {
    let end = start + 1;
    const differs = canonical(now[start]) !== canonical(target[start]);
    while (
      end < now.length &&
      canonical(target[end]) === canonical(target[start]) &&
      canonical(now[end]) === canonical(now[start])
    )
      end += 1;
    if (differs) current.format(start, end - start, exactly(target[start]!, Object.keys(now[start]!)));
    start = end;
  }
}

/** The attributes of each UTF-16 unit (Yjs's positions). */
function unitAttrs(text: Y.XmlText): Attrs[] {
  const out: Attrs[] = [];
  for (const op of text.toDelta() as { insert: string | object; attributes?: Attrs }[]) {
    const size = typeof op.insert === 'string' ? op.insert.length : 1;
    for (let i = 0; i < size; i++) out.push(op.attributes ?? {});
  }
  return out;
}

/** Consecutive string tokens with the same attributes, joined. */
function runs(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out.at(-1);
    if (
      last &&
      typeof last.text === 'string' &&
      typeof token.text === 'string' &&
      canonical(last.attrs) === canonical(token.attrs)
    )
      last.text += token.text;
    else out.push({ ...token });
  }
  return out;
}
