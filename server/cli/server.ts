import { resolve } from 'node:path';
import { readArgs } from './args.js';
import { acquireDataLock } from '../data-lock.js';
import { startServer } from '../start.js';
import { openDatabase } from '../db/database.js';
import { DEMO_CORPUS, seedDemo } from '../demo/seed-demo.js';
import { parseTrustProxy, TrustProxyError } from '../security/trust-proxy.js';

const { flags } = readArgs(process.argv.slice(2));
const flag = (name: string) => flags.get(name)?.at(-1);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = resolve(flag('data') ?? '.data/server');
const demo = flags.has('demo');
const trustProxy = (() => {
  try {
    return parseTrustProxy(flag('trust-proxy') ?? process.env.TRUST_PROXY);
  } catch (error) {
    if (!(error instanceof TrustProxyError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
})();

const release = databaseUrl ? () => undefined : acquireDataLock(dataDir);
const db = await openDatabase({ dataDir, databaseUrl });
if (demo) {
  const counts = await seedDemo(db);
  if (counts) console.log(`Demo corpus: ${JSON.stringify({ ...counts, rejected: counts.rejected.length })}`);
  else console.error(`Demo corpus ${DEMO_CORPUS} is missing: the demo server starts empty.`);
}
const host = flag('host') ?? '127.0.0.1';
if (typeof trustProxy === 'number' && !['127.0.0.1', '::1', 'localhost'].includes(host))
  console.warn(
    `trust-proxy ${trustProxy}: the server listens on ${host}; a client reaching it directly could name any address. ` +
      "Prefer the proxies' addresses (--trust-proxy 10.0.0.5) or listen on 127.0.0.1 only.",
  );
const server = await startServer({
  db,
  port: Number(flag('port') ?? 4317),
  host,
  demo,
  seedDemo: false,
  staticDir: flag('static') ? resolve(flag('static')!) : undefined,
  logger: true,
  trustProxy,
});
console.log(`Seminar Desk server listening on ${server.url}`);

const shutdown = async () => {
  await server.close();
  release();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
