/**
 * One bench server in a process of its own, started by servers.ts with
 * `fork`: the real server (server/start.ts) on 127.0.0.1 over a database the
 * corpus was imported into. Its own process so that its memory (RSS) is its
 * own, and so that the bench's harness (Playwright, load clients' results)
 * never shares its event loop. The bench asks it for things over the IPC
 * channel (server-control.ts); it ends when asked, on SIGTERM, or when the
 * channel closes (the bench process died).
 */
import { issueToken, upsertParticipant } from '../server/auth/tokens.js';
import { openPglite, openPostgres } from '../server/db/database.js';
import { importLines } from '../server/import/import-jsonl.js';
import { startServer } from '../server/start.js';
import type { PullOptions } from '../server/app.js';
import type { ServerConfig, ServerReply, ServerRequest } from './server-control.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const send = (message: ServerReply) => process.send?.(message);

const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
const reader = await upsertParticipant(db, {
  id: 'bench-reader',
  name: 'Benchmark reader',
  roles: ['expert'],
  language: 'en',
});
const token = await issueToken(db, reader.id);
// Read by the server at each pull: the bench compares settings (compressions, the gate) on this running server.
const pull: PullOptions = {};
// Closing the server closes the database too.
// Every client is on 127.0.0.1: the live-channel figure holds 2,000 streams from there, the load ones many requests.
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  db,
  staticDir: config.staticDir,
  limits: { streamsPerAddress: 100_000, requestsPerTokenPerMinute: 1_000_000 },
  pull,
});

let closing: Promise<void> | undefined;
const close = () =>
  (closing ??= server.close().finally(() => {
    process.exit(0);
  }));

async function answer(request: ServerRequest): Promise<unknown> {
  switch (request.type) {
    case 'participants': {
      // Clients of the load figures: each one a participant of its own, with its own token.
      const tokens: string[] = [];
      for (let i = 1; i <= request.count; i++) {
        const id = `${request.prefix}-${i}`;
        await upsertParticipant(db, { id, name: `Load client ${i}`, roles: ['expert'], language: 'en' });
        tokens.push(await issueToken(db, id));
      }
      return tokens;
    }
    case 'import': {
      const counts = await importLines(db, request.lines);
      if (counts.rejected.length) throw new Error(`import rejected lines: ${JSON.stringify(counts.rejected[0])}`);
      return counts;
    }
    case 'pull-options':
      delete pull.builds;
      delete pull.compression;
      delete pull.cacheBytes;
      Object.assign(pull, request.options);
      return null;
    case 'close':
      void close();
      return null;
  }
}

process.on('message', (request: ServerRequest) => {
  answer(request).then(
    (result) => send({ id: request.id, ok: true, result }),
    (error: unknown) =>
      send({
        id: request.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.on('disconnect', () => void close());
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the bench stops us in order.
send({ id: 0, ok: true, result: { url: server.url, token } });
