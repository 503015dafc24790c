import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../../server/db/database.js';
import { importLines } from '../../../server/import/import-jsonl.js';
import { openFileBlobStore } from '../../../server/materials/file-blob-store.js';
import { startServer } from '../../../server/start.js';
import { issueToken, upsertParticipant } from '../../../server/auth/tokens.js';
import { freshPostgresUrl, runAdmin } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../push-fixtures.js';

describe('admin material commands', () => {
  it('adds a file to a question in the data folder, lists and removes it; the server then serves it', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const dir = await mkdtemp(join(tmpdir(), 'admin-material-'));
    const setup = await openPostgres(url);
    await importLines(setup, PUSH_CORPUS);
    await setup.close();
    const bytes = randomBytes(20_000);
    const file = join(dir, 'study.pdf');
    await writeFile(file, bytes);
    try {
      const usage = await runAdmin(url, ['material', 'add', file, '--title', 'en=Study', '--data', dir]);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain('--question ID or --event ID');
      const badType = await runAdmin(url, ['material', 'add', file, '--question', 'q1', '--type', 'text/html']);
      expect(badType.stderr).toContain('--type is one of application/pdf');
      const noQuestion = await runAdmin(url, [
        'material',
        'add',
        file,
        '--question',
        'zz',
        '--title',
        'en=S',
        '--data',
        dir,
      ]);
      expect(noQuestion.code).toBe(1);
      expect(noQuestion.stderr).toContain('no question "zz"');

      const added = await runAdmin(url, [
        'material',
        'add',
        file,
        '--question',
        'q1',
        '--id',
        'm-study',
        '--title',
        'en=Preparatory study',
        '--title',
        'fr=Étude préparatoire',
        '--description',
        'en=Legal analysis',
        '--data',
        dir,
      ]);
      expect(added.code, added.stderr).toBe(0);
      const hash = createHash('sha256').update(bytes).digest('hex');
      expect(added.stdout).toContain(`sha256: ${hash}`);
      expect(added.stdout).toContain('type: application/pdf');
      const list = await runAdmin(url, ['material', 'list', '--data', dir]);
      expect(list.stdout).toContain(`m-study\tquestion q1\tapplication/pdf\t20000 bytes\t${hash}\tPreparatory study`);

      const db = await openPostgres(url);
      const server = await startServer({
        port: 0,
        db,
        translator: null,
        blobs: await openFileBlobStore(join(dir, 'materials')),
      });
      try {
        await upsertParticipant(db, { id: 'e', name: 'E', roles: ['expert'], language: 'en' });
        const token = await issueToken(db, 'e');
        const res = await fetch(`${server.url}/api/materials/m-study/content`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        expect(
          createHash('sha256')
            .update(Buffer.from(await res.arrayBuffer()))
            .digest('hex'),
        ).toBe(hash);
      } finally {
        await server.close();
      }
      const removed = await runAdmin(url, ['material', 'remove', 'm-study', '--data', dir]);
      expect(removed.stdout).toContain('removed: m-study');
      expect((await runAdmin(url, ['material', 'list', '--data', dir])).stdout).toContain('no materials yet');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Seven commands, each a fresh Node process: slow on a loaded machine.
  }, 180_000);
});
