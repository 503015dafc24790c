import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertParticipant } from '../../server/auth/tokens.js';
import { openPgliteFromTemplate } from '../support/pglite-template.js';

let root: string;
let dataDir: string;
let corpus: string;

/** Every file under `dir` with a hash of its bytes: what "nothing was touched" means. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** Another process that takes the data lock as `holder` and keeps it until killed. */
async function holdLock(holder: 'server' | 'admin'): Promise<ChildProcess> {
  const script = `const { acquireDataLock } = await import('./server/data-lock.ts');
acquireDataLock(${JSON.stringify(dataDir)}, ${JSON.stringify(holder)});
console.log('held');
setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  return child;
}

function run(program: string, args: string[]) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', program, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seminar-lock-'));
  dataDir = join(root, 'data');
  // A real database in the folder, from the run's template.
  const db = await openPgliteFromTemplate(dataDir);
  await upsertParticipant(db, { id: 'p-1', name: 'Existing', roles: ['expert'], language: 'en' });
  await db.close();
  corpus = join(root, 'corpus.jsonl');
  writeFileSync(
    corpus,
    JSON.stringify({ type: 'theme', id: 't1', track: 'legal', code: 'I', order: 1, title: { en: 'T' } }) + '\n',
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

it('admin refuses a data folder held by a running server in another process, and touches nothing', async () => {
  const holder = await holdLock('server');
  try {
    const before = snapshot(dataDir);
    const { code, stderr } = await run('server/cli/admin.ts', ['import', corpus, '--data', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `the data folder ${dataDir} is in use by a running server (pid ${holder.pid}); stop it first. Nothing was changed.\n`,
    );
    expect(snapshot(dataDir)).toEqual(before);
  } finally {
    holder.kill();
  }
});

it('a second server on a held folder prints one line naming the admin command that holds it, and exits 2', async () => {
  const holder = await holdLock('admin');
  try {
    const before = snapshot(dataDir);
    const { code, stderr } = await run('server/cli/server.ts', ['--data', dataDir, '--port', '0']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `the data folder ${dataDir} is in use by an admin command (pid ${holder.pid}); wait for it to finish.\n`,
    );
    expect(snapshot(dataDir)).toEqual(before);
  } finally {
    holder.kill();
  }
});

it('a lock left by a process that died is taken over', async () => {
  const holder = await holdLock('server');
  holder.kill('SIGKILL');
  await once(holder, 'exit');
  const { code, stderr } = await run('server/cli/admin.ts', ['import', corpus, '--data', dataDir]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
