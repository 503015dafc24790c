import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openPglite, type Database } from '../../server/db/database.js';
import { writePgliteTemplate } from './pglite-dump.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated PGlite database, written once per test run (pglite-global-setup.ts). */
    pgliteTemplate: string;
  }
}

let template: Promise<Blob> | undefined;

/** The run's template (built here when the run provides none: a single file run by another config). */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    let file: string | undefined;
    try {
      file = inject('pgliteTemplate');
    } catch {
      file = undefined;
    }
    if (!file) {
      file = `${process.env.TMPDIR ?? '/tmp'}/pglite-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`;
      await writePgliteTemplate(file);
    }
    return new Blob([await readFile(file)]);
  })();
  return template;
}

/** A migrated PGlite database, in memory or in `dataDir`, with a new epoch (clients tell databases apart by it). */
export async function openPgliteFromTemplate(dataDir?: string): Promise<Database> {
  const db = await openPglite(dataDir, await pgliteTemplate());
  await db.query(`UPDATE server_meta SET value = $1 WHERE key = 'epoch'`, [randomBytes(12).toString('base64url')]);
  return db;
}
