import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { onCleanup, tempDir } from './cleanup.js';

/**
 * A throwaway PostgreSQL cluster in a temp dir, bound to 127.0.0.1, trust
 * auth, durability off (as test/support/postgres-global-setup.ts does): the
 * figures are about the server's read path, not fsync.
 */
export interface PostgresCluster {
  url: string;
  version: string;
}

export function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error('PostgreSQL not found in /usr/lib/postgresql/*/bin: install the `postgresql` package');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

export function postgresVersion(): string {
  return execFileSync(join(pgBin(), 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = pgBin();
  const dir = tempDir('pg');
  // PostgreSQL refuses to run as root: run it as `postgres`, which must own its data dir.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
  const command = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const run = (cmd: string, args: string[]) => execFileSync(...command(cmd, args), { stdio: 'pipe' });

  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1', '-F'];
  const durabilityOff = ['-c', 'fsync=off', '-c', 'full_page_writes=off'];
  const child = spawn(...command(join(bin, 'postgres'), [...args, ...durabilityOff]), { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onCleanup('PostgreSQL cluster', async () => {
    // runuser does not pass signals on, so stop the cluster with pg_ctl (without blocking the event loop).
    try {
      await promisify(execFile)(...command(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']));
    } catch {
      child.kill('SIGKILL');
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  });

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      await client.end();
      return { url, version: `PostgreSQL ${rows[0]?.server_version ?? '?'}` };
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 150) throw new Error(`PostgreSQL did not start: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
