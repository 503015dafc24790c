import { diffIndices } from 'node-diff3';

/**
 * Three-way merge of token sequences. Each side's changes against the base come
 * from node-diff3's LCS diff; two changes collide when they replace a common
 * token of the base, or insert at the same point (which goes first is unknown).
 * Changes that only touch merge in base order: node-diff3's own diff3Merge
 * counts touching as a conflict, so deleting a word with its space and editing
 * the next word conflicted, or not, by where the LCS put the deleted space.
 * Colliding changes that give the same tokens (the same edit made twice) merge.
 *
 * Returns null on a conflict.
 */

type Side = 'local' | 'server';

interface Change {
  side: Side;
  /** The base tokens [start, end) replaced by `tokens`; start === end for an insertion. */
  start: number;
  end: number;
  tokens: string[];
}

export function mergeTokens(base: string[], local: string[], server: string[]): string[] | null {
  const changes = [...changesOf(base, local, 'local'), ...changesOf(base, server, 'server')].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const groups: Change[][] = [];
  for (const change of changes) {
    const group = groups.at(-1);
    if (group && (change.start < endOf(group) || group.some((other) => collide(other, change)))) group.push(change);
    else groups.push([change]);
  }

  const merged: string[] = [];
  let position = 0;
  for (const group of groups) {
    const start = group[0]!.start;
    const end = endOf(group);
    merged.push(...base.slice(position, start));
    const local = apply(base, start, end, group, 'local');
    const server = apply(base, start, end, group, 'server');
    // One side only changed this span: the other still reads the base there.
    if (group.every((change) => change.side === 'local')) merged.push(...local);
    else if (group.every((change) => change.side === 'server')) merged.push(...server);
    else if (sameTokens(local, server)) merged.push(...local);
    else return null;
    position = end;
  }
  merged.push(...base.slice(position));
  return merged;
}

function changesOf(base: string[], edited: string[], side: Side): Change[] {
  return diffIndices(base, edited).map(({ buffer1: [start, length], buffer2Content }) => ({
    side,
    start,
    end: start + length,
    tokens: buffer2Content,
  }));
}

function collide(a: Change, b: Change): boolean {
  if (a.side === b.side) return false;
  const shareToken = a.start < b.end && b.start < a.end;
  const samePoint = a.start === a.end && b.start === b.end && a.start === b.start;
  return shareToken || samePoint;
}

function endOf(group: Change[]): number {
  return Math.max(...group.map((change) => change.end));
}

/** The base span [start, end) with one side's changes of the group applied. */
function apply(base: string[], start: number, end: number, group: Change[], side: Side): string[] {
  const result: string[] = [];
  let position = start;
  for (const change of group) {
    if (change.side !== side) continue;
    result.push(...base.slice(position, change.start), ...change.tokens);
    position = change.end;
  }
  result.push(...base.slice(position, end));
  return result;
}

function sameTokens(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((token, i) => token === b[i]);
}
