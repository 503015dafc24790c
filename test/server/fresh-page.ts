import { expect } from 'vitest';
import { countChangesAfter, type Queryable } from '../../server/db/database.js';
import type { PullScope } from '../../server/pull/visibility.js';
import type { PullPage } from '../../shared/protocol/pull.js';

/**
 * A served page is the page built fresh for its participant, or, from the
 * corpus page cache, its beginning up to the corpus page's end (their own rows
 * then come in their next page), with their exact head and remaining count.
 */
export async function expectFreshOrItsBeginning(
  db: Queryable,
  json: string,
  fresh: PullPage,
  scope: Pick<PullScope, 'participantId' | 'leftEvents'>,
): Promise<void> {
  const page = JSON.parse(json) as PullPage;
  if (page.checkpoint === fresh.checkpoint) return expect(json).toBe(JSON.stringify(fresh));
  expect(page.changes.length).toBeGreaterThan(0);
  expect(page.changes).toEqual(fresh.changes.filter((c) => c.seq <= page.checkpoint));
  expect(page).toMatchObject({ head: fresh.head, hasMore: true, since: fresh.since, epoch: fresh.epoch });
  expect(page.remaining).toBe(await countChangesAfter(db, page.checkpoint, scope));
}
