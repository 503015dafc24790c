import { resolve } from 'node:path';
import { readArgs } from './args.js';
import { acquireDataLockOrExit } from '../data-lock.js';
import { startServer } from '../start.js';
import { openDatabase } from '../db/database.js';
import { DEMO_CORPUS, seedDemo } from '../demo/seed-demo.js';

const { flags } = readArgs(process.argv.slice(2));
const flag = (name: string) => flags.get(name)?.at(-1);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = resolve(flag('data') ?? '.data/server');
const demo = flags.has('demo');

// A held folder: one line and exit code 2, as the admin commands do.
const release = databaseUrl ? () => undefined : acquireDataLockOrExit(dataDir, 'server');
const db = await openDatabase({ dataDir, databaseUrl });
if (demo) {
  const counts = await seedDemo(db);
  if (counts) console.log(`Demo corpus: ${JSON.stringify({ ...counts, rejected: counts.rejected.length })}`);
  else console.error(`Demo corpus ${DEMO_CORPUS} is missing: the demo server starts empty.`);
}
const server = await startServer({
  db,
  port: Number(flag('port') ?? 4317),
  host: flag('host') ?? '127.0.0.1',
  demo,
  seedDemo: false,
  staticDir: flag('static') ? resolve(flag('static')!) : undefined,
  logger: true,
});
console.log(`Seminar Desk server listening on ${server.url}`);

const shutdown = async () => {
  await server.close();
  release();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
