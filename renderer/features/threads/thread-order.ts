import type { ContributionId } from '../../../shared/model/entities.js';
import type { ContributionRow } from '../../db/database.js';

/**
 * A question's contributions as threads: each answer right after what it
 * answers (oldest first at every level), indented by its depth. An answer
 * to a contribution that is withdrawn, or that this device has never seen
 * (withdrawn before it was pulled), stays in its thread under a placeholder
 * ("withdrawn by the secretariat"), so the answers still make sense.
 */
export type ThreadEntry =
  /** `context`: filtered out, but shown because an answer below it is (what it answers stays readable). */
  | { kind: 'contribution'; row: ContributionRow; depth: number; answers: number; context?: boolean }
  | { kind: 'withdrawn'; id: ContributionId; depth: number; answers: number };

const byDate = (a: ContributionRow, b: ContributionRow) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * `all`: every row of the question, withdrawn ones included; `shown`: which
 * published ones pass the list's filters. Placeholders appear only above a
 * shown answer.
 */
export function threadEntries(
  all: readonly ContributionRow[],
  shown: (row: ContributionRow) => boolean,
): ThreadEntry[] {
  const byId = new Map(all.map((row) => [row.id, row]));
  const children = new Map<ContributionId | null, ContributionRow[]>();
  const missing = new Set<ContributionId>();
  for (const row of all) {
    const parent = row.replyTo ?? null;
    if (parent !== null && !byId.has(parent)) missing.add(parent);
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byDate);

  // Whether a subtree holds a shown row, memoised: placeholders and withdrawn rows appear only above one.
  const visible = new Map<ContributionId, boolean>();
  const hasShown = (id: ContributionId, seen = new Set<ContributionId>()): boolean => {
    const known = visible.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return false; // a cycle the server refuses; never loop on a damaged local copy
    seen.add(id);
    const row = byId.get(id);
    const result =
      (row !== undefined && row.status === 'published' && shown(row)) ||
      (children.get(id) ?? []).some((child) => hasShown(child.id, seen));
    visible.set(id, result);
    return result;
  };

  const out: ThreadEntry[] = [];
  const placed = new Set<ContributionId>();
  const walk = (id: ContributionId, depth: number) => {
    if (placed.has(id) || !hasShown(id)) return;
    placed.add(id);
    const row = byId.get(id);
    const kids = children.get(id) ?? [];
    const answers = kids.filter((k) => k.status === 'published').length;
    if (row && row.status === 'published')
      out.push({ kind: 'contribution', row, depth, answers, ...(shown(row) ? {} : { context: true }) });
    else out.push({ kind: 'withdrawn', id, depth, answers });
    for (const child of kids) walk(child.id, depth + 1);
  };
  // Roots: contributions answering the question, and the unknown contributions some answer.
  const roots: { id: ContributionId; at: string }[] = [
    ...(children.get(null) ?? []).map((row) => ({ id: row.id, at: row.createdAt })),
    ...[...missing].map((id) => ({ id, at: (children.get(id) ?? [])[0]?.createdAt ?? '' })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const root of roots) walk(root.id, 0);
  // Rows in a damaged cycle (never from the server) still appear, flat.
  for (const row of [...all].sort(byDate)) walk(row.id, 0);
  return out;
}
