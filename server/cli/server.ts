import { resolve } from 'node:path';
import { readArgs } from './args.js';
import { acquireDataLock } from '../data-lock.js';
import { startServer } from '../start.js';
import { openDatabase } from '../db/database.js';
import { describeDemoSeed, seedDemo } from '../demo/seed-demo.js';

const { flags } = readArgs(process.argv.slice(2));
const flag = (name: string) => flags.get(name)?.at(-1);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = resolve(flag('data') ?? '.data/server');
const demo = flags.has('demo');

const release = databaseUrl ? () => undefined : acquireDataLock(dataDir);
const db = await openDatabase({ dataDir, databaseUrl });
if (demo) {
  const report = await seedDemo(db);
  (report.outcome === 'missing' ? console.error : console.log)(describeDemoSeed(report));
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
