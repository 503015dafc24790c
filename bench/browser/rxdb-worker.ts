/// <reference lib="webworker" />
/** The RxDB peer's worker: RxDB and the Dexie version it ships with, alone in their global scope. */
import type { FromWorker, ToWorker } from './protocol.js';
import { rxdbReplication } from './rxdb-replication.js';

const post = (message: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const { id, name, args } = event.data;
  if (name !== 'rxdb-replication') return post({ id, ok: false, error: `${name} is not measured in this worker` });
  rxdbReplication(args).then(
    (sample) => post({ id, ok: true, sample }),
    (error: unknown) =>
      post({ id, ok: false, error: error instanceof Error ? error.stack || error.message : String(error) }),
  );
});
