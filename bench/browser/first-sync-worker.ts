/// <reference lib="webworker" />
// First, as in the app's sync worker: the server's CSP forbids the eval Zod would probe for.
import '../../renderer/zod-jitless.js';
import { MEASUREMENTS } from './first-sync.js';
import type { FromWorker, ToWorker } from './protocol.js';

const post = (message: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const { id, name, args } = event.data;
  const measure = name === 'rxdb-replication' ? undefined : MEASUREMENTS[name];
  if (!measure) return post({ id, ok: false, error: `${name} is not measured in this worker` });
  measure(args).then(
    (sample) => post({ id, ok: true, sample }),
    (error: unknown) =>
      post({ id, ok: false, error: error instanceof Error ? error.stack || error.message : String(error) }),
  );
});
