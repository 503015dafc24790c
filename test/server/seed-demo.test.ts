import { describe, expect, inject, it } from 'vitest';
import { currentHead } from '../../server/db/database.js';
import { seedDemo } from '../../server/demo/seed-demo.js';
import { freshDatabase, type Backend } from '../support/server-harness.js';

describe.each<Backend>(['pglite', 'postgres'])('demo seed on %s', (backend) => {
  it('imports the demo corpus once; a restart re-seeds without changing a record or taking a seq', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      const first = await seedDemo(db);
      expect(first?.rejected).toEqual([]);
      const head = await currentHead(db);
      const { themes, questions, sessions, contributions, tags } = first!;
      expect(head).toBeGreaterThanOrEqual(themes + questions + sessions + contributions + tags);

      const again = await seedDemo(db);
      const { unchanged, rejected, ...changed } = again!;
      expect(rejected).toEqual([]);
      expect(Object.values(changed).every((n) => n === 0)).toBe(true);
      expect(unchanged).toBeGreaterThan(300);
      expect(await currentHead(db)).toBe(head);
    } finally {
      await db.close();
    }
  });
});
