/// <reference lib="webworker" />
import { openSeminarDb } from '../db/database.js';
import type { FromSearchWorker, ToSearchWorker } from './protocol.js';
import { SearchService } from './search-service.js';
import { SearchStore } from './search-store.js';

/** The search worker: owns the index (search-service.ts) so that neither indexing nor searching runs on the UI thread. */
const post = (message: FromSearchWorker) =>
  (self as unknown as { postMessage(m: FromSearchWorker): void }).postMessage(message);

const service = new SearchService({
  db: openSeminarDb(),
  store: new SearchStore(),
  onStatus: (status) => post({ type: 'status', status }),
});

const failure = (id: number) => (error: unknown) =>
  post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });

self.addEventListener('message', (event: MessageEvent<ToSearchWorker>) => {
  const message = event.data;
  if (message.type === 'search')
    service
      .search(message.request)
      .then((response) => post({ type: 'results', id: message.id, response }), failure(message.id));
  else if (message.type === 'hold') service.hold(message.held);
  else if (message.type === 'flush')
    service.flush().then(() => post({ type: 'flushed', id: message.id }), failure(message.id));
});
