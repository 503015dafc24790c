import type { SeminarDb } from '../../db/database.js';
import { leavesAcknowledged } from '../../db/events.js';
import { createApiClient } from '../../sync/api-client.js';

/**
 * Adds an event to this signed-in device with an invitation code for it
 * (issue 18), the way back to an event the device was signed out of: the
 * server burns the code and takes the event off the device's signed-out
 * list; here a sign-out of that event not yet sent is withdrawn, or it
 * would follow the join. The event then comes with the next pull (a
 * catch-up of what the device lacks). Throws SyncError ('network',
 * 'unauthorized', …).
 */
export async function joinEventOnDevice(
  db: SeminarDb,
  connection: { serverUrl: string; token: string },
  code: string,
): Promise<string> {
  const eventId = await createApiClient({ baseUrl: connection.serverUrl, token: connection.token }).joinEvent(
    code.trim(),
  );
  await leavesAcknowledged(db, [eventId]);
  return eventId;
}
