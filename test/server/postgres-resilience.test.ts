import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import { openPostgres } from '../../server/db/database.js';
import { freshPostgresUrl } from '../support/server-harness.js';

describe('PostgreSQL connections ended by the server', () => {
  it('neither crash the process nor stop change notifications', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const db = await openPostgres(url);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      let heard = 0;
      db.onChange(() => (heard += 1));
      // What a PostgreSQL restart or an operator does to every session of the database.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();

      await vi.waitFor(
        async () => {
          await db.announce();
          expect(heard).toBeGreaterThan(0);
        },
        { timeout: 15_000, interval: 250 },
      );
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      quiet.mockRestore();
      await db.close();
    }
  });
});
