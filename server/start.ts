import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import { translatorFromEnv } from './translate/translator-from-env.js';
import type { Translator } from './translate/translator.js';
import { openDatabase, type Database } from './db/database.js';
import { seedDemo } from './demo/seed-demo.js';
import { seedDemoMaterials } from './demo/demo-materials.js';
import { seedDemoProceedings } from './demo/demo-proceedings.js';
import { DEMO_PARTICIPANT } from './auth/tokens.js';
import { openFileBlobStore } from './materials/file-blob-store.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StartOptions {
  port: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** Demo sign-in for loopback clients; also imports the demo corpus unless `seedDemo` is false. */
  demo?: boolean;
  seedDemo?: boolean;
  staticDir?: string;
  allowedOrigins?: string[];
  logger?: boolean;
  logStream?: AppOptions['logStream'];
  /** The translation provider; undefined: from the environment (translatorFromEnv), null: none. */
  translator?: Translator | null;
  translationQueue?: AppOptions['translationQueue'];
  limits?: AppOptions['limits'];
  pull?: AppOptions['pull'];
  trustProxy?: AppOptions['trustProxy'];
  /** Translation prices and budget; from the environment when not given. */
  costs?: AppOptions['costs'];
  blobs?: AppOptions['blobs'];
  materialMaxBytes?: AppOptions['materialMaxBytes'];
  /** An already open database (tests); closed with the server. */
  db?: Database;
}

export async function startServer(options: StartOptions): Promise<{
  url: string;
  close: () => Promise<void>;
  app: FastifyInstance;
  db: Database;
}> {
  const db = options.db ?? (await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }));
  // Beside the embedded database in its data folder; without one, a temporary folder like the in-memory database.
  const blobs =
    options.blobs ??
    (await openFileBlobStore(
      options.dataDir && !options.databaseUrl
        ? join(options.dataDir, 'materials')
        : await mkdtemp(join(tmpdir(), 'seminar-materials-')),
    ));
  if (options.demo && options.seedDemo !== false) {
    await seedDemo(db);
    await seedDemoMaterials(db, blobs);
    await seedDemoProceedings(db, DEMO_PARTICIPANT);
  }
  const translator = options.translator !== undefined ? options.translator : translatorFromEnv();
  const app = await buildApp({ ...options, db, translator, blobs });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    app,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
