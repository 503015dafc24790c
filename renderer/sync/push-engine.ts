import { PUSH_LIMITS } from '../../shared/protocol/push.js';
import { applyPushResults, type PushSummary } from '../db/apply-push-results.js';
import type { OutboxRow, SeminarDb } from '../db/database.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { describeStorageError } from '../db/storage.js';
import type { ApiClient } from './api-client.js';
import { SyncError } from './errors.js';

/** What a mutation changes: two changes of one record never travel in the same batch. */
function keyOf(mutation: Mutation): string {
  switch (mutation.kind) {
    case 'annotation-put':
      return `a:${mutation.annotation.id}`;
    case 'annotation-delete':
      return `a:${mutation.annotationId}`;
    case 'tag-propose':
      return `t:${mutation.tag.id}`;
    case 'read-state':
      return `r:${mutation.contributionId}`;
    case 'contribution-put':
      return `c:${mutation.contribution.id}`;
    case 'synthesis-create':
      return `s:${mutation.synthesis.id}`;
    case 'material-note-put':
      return `m:${mutation.note.id}`;
    case 'material-note-delete':
      return `m:${mutation.noteId}`;
    // CRDT updates commute: any number of them may travel together.
    case 'synthesis-update':
      return `u:${mutation.id}`;
    // Moves of one event's proceedings go one per batch, in order; a comment and its resolution too.
    case 'proceedings-put':
    case 'review-move':
    case 'consent-put':
      return `p:${mutation.eventId}`;
    case 'review-comment-add':
      return `pc:${mutation.comment.id}`;
    case 'review-comment-resolve':
      return `pc:${mutation.commentId}`;
    // Corrections of one unit in one language arrive in the order they were made: the latest stands.
    case 'edition-correct':
      return `ec:${mutation.eventId}:${mutation.lang}:${mutation.hash}`;
  }
}

/**
 * Up to `size` sendable rows in outbox order, at most one per record: a later
 * change of a record waits for the next round, where it is re-based on the
 * version the server gave the earlier one (the server checks that base).
 */
export function nextBatch(rows: readonly OutboxRow[], size: number, maxBytes = BATCH_BYTES): OutboxRow[] {
  const seen = new Set<string>();
  const batch: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (row.rejected) continue;
    const key = keyOf(row.mutation);
    if (seen.has(key)) continue;
    // Long notes in Arabic or Chinese take 2–3 bytes a character: count real UTF-8 bytes.
    const rowBytes = encoder.encode(JSON.stringify(row.mutation)).length + 1;
    if (batch.length > 0 && bytes + rowBytes > maxBytes) break;
    seen.add(key);
    batch.push(row);
    bytes += rowBytes;
    if (batch.length >= size) break;
  }
  return batch;
}

const encoder = new TextEncoder();
/** Room left under the server's body limit for the request's own wrapping. */
const BATCH_BYTES = PUSH_LIMITS.bodyBytes - 64 * 1024;

/** A merge queues a new mutation; bounded rounds keep a server that always conflicts from looping us. */
const MAX_ROUNDS = 25;

/**
 * Sends the outbox in order, a batch at a time, and applies each answer in one
 * transaction with the outbox. A batch whose answer is lost (network cut,
 * server error) stays in the outbox and is sent again: the server answers a
 * mutation it already applied with the same result, so nothing doubles.
 */
export async function pushOutbox(options: {
  db: SeminarDb;
  client: Pick<ApiClient, 'push'>;
  signal?: AbortSignal;
  batch?: number;
}): Promise<PushSummary> {
  const { db, client, signal, batch = PUSH_LIMITS.batch } = options;
  const total: PushSummary = { applied: 0, conflicts: 0, rejected: 0 };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = nextBatch(await db.outbox.orderBy('seq').toArray(), batch);
    if (rows.length === 0) break;
    const response = await client.push(
      rows.map((row) => row.mutation),
      signal,
    );
    let summary: PushSummary;
    try {
      summary = await applyPushResults(db, rows, response.results);
    } catch (err) {
      throw new SyncError('storage', describeStorageError(err));
    }
    total.applied += summary.applied;
    total.conflicts += summary.conflicts;
    total.rejected += summary.rejected;
    if (signal?.aborted) throw new SyncError('aborted', 'aborted');
  }
  return total;
}
