import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('admin refuses a data folder held by a live server and touches nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seminar-lock-'));
  try {
    // Our own parent's pid is alive and not the admin's own.
    writeFileSync(join(dir, 'server.lock'), String(process.pid));
    const child = spawn('npx', ['tsx', 'server/cli/admin.ts', 'import', 'nothing.jsonl', '--data', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(stderr).toMatch(/in use by a running server/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
