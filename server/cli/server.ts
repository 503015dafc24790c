import { resolve } from 'node:path';
import { readArgs } from './args.js';
import { acquireDataLockOrExit } from '../data-lock.js';
import { startServer } from '../start.js';
import { openDatabase } from '../db/database.js';
import { DEFAULT_RESERVE_BYTES } from '../db/storage-guard.js';
import { startStallWatchdog } from '../db/stall-watchdog.js';
import { describeDemoSeed, seedDemo } from '../demo/seed-demo.js';
import { openLogFile } from './log-destination.js';
import { parseTrustProxy, TrustProxyError } from '../security/trust-proxy.js';
import { blobStoreFromEnv } from '../materials/blob-store-from-env.js';
import { seedDemoMaterials } from '../demo/demo-materials.js';
import { seedDemoProceedings } from '../demo/demo-proceedings.js';
import { DEMO_PARTICIPANT } from '../auth/tokens.js';

const { flags } = readArgs(process.argv.slice(2));
const flag = (name: string) => flags.get(name)?.at(-1);
const number = (name: string, fallback: number) => {
  const value = flag(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} is a whole number (got ${JSON.stringify(value)})`);
    process.exit(1);
  }
  return Number(value);
};
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = resolve(flag('data') ?? '.data/server');
const demo = flags.has('demo');
const reserveBytes = number('reserve-mb', DEFAULT_RESERVE_BYTES / 1024 / 1024) * 1024 * 1024;
const stallMs = number('stall-seconds', 30) * 1000;
// The JSON request log goes to stdout unless --log-file names a file (npm start names one in the data folder).
const logFile = flag('log-file');
const trustProxy = (() => {
  try {
    return parseTrustProxy(flag('trust-proxy') ?? process.env.TRUST_PROXY);
  } catch (error) {
    if (!(error instanceof TrustProxyError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
})();

// A held folder: one line and exit code 2, as the admin commands do.
const release = databaseUrl ? () => undefined : acquireDataLockOrExit(dataDir, 'server');
// The embedded database runs in this thread; if it wedges, only the watchdog's thread can tell.
// Start-up gets longer: a first start runs initdb and imports the demo corpus.
const watchdog = databaseUrl ? null : startStallWatchdog({ limitMs: Math.max(stallMs, 300_000) });
const db = await openDatabase({ dataDir, databaseUrl, reserveBytes });
// Opened after the database: the embedded one creates the data folder, materials/ goes inside it.
const blobs = await blobStoreFromEnv(dataDir).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(2);
});
const materialMaxBytes = number('material-max-mb', 2048) * 1024 * 1024;
if (demo) {
  const report = await seedDemo(db);
  (report.outcome === 'missing' ? console.error : console.log)(describeDemoSeed(report));
  await seedDemoMaterials(db, blobs);
  await seedDemoProceedings(db, DEMO_PARTICIPANT);
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
  logStream: logFile ? openLogFile(resolve(logFile)) : undefined,
  trustProxy,
  blobs,
  materialMaxBytes,
});
watchdog?.setLimit(stallMs);
db.storageStatus(); // says so on standard error if the disk is already full
console.log(`Seminar Desk server listening on ${server.url}`);

const shutdown = async () => {
  watchdog?.stop();
  await server.close();
  release();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
