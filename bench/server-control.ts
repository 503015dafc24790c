import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImportCounts } from '../server/import/import-jsonl.js';
import type { PullOptions } from '../server/app.js';
import { REPO_ROOT } from './builds.js';
import { onCleanup } from './cleanup.js';
import { log } from './log.js';

/** What server-process.ts is started with (as its one argument, in JSON). */
export interface ServerConfig {
  dataDir?: string;
  databaseUrl?: string;
  staticDir: string;
}

/** What the bench asks of a server process, over the IPC channel. */
export type ServerRequest =
  | { id: number; type: 'participants'; prefix: string; count: number }
  | { id: number; type: 'import'; lines: string[] }
  | { id: number; type: 'pull-options'; options: PullOptions }
  | { id: number; type: 'close' };

/** Its answer to request `id`; id 0 is the first message: the server is listening. */
export type ServerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A request before it gets its id (distributed over the union, so each kind keeps its fields). */
type Ask<R = ServerRequest> = R extends ServerRequest ? Omit<R, 'id'> : never;

export interface ServerProcess {
  url: string;
  /** The bench reader's token. */
  token: string;
  pid: number;
  /** Participants `${prefix}-1…count` (made once, kept), each with a new token. */
  participants(prefix: string, count: number): Promise<string[]>;
  /** Lines in the import format, through the real importer, while the server runs (PGlite allows one process). */
  importLines(lines: string[]): Promise<ImportCounts>;
  /** How the server answers pulls from now on (server/app.ts PullOptions); {} is its defaults. */
  tunePull(options: PullOptions): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;

/** Starts server-process.ts and resolves once it listens; stopped (in order) at cleanup. */
export function startServerProcess(label: string, config: ServerConfig): Promise<ServerProcess> {
  const child: ChildProcess = fork(SCRIPT, [JSON.stringify(config)], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping = false;
  onCleanup(label, async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ id: -1, type: 'close' } satisfies ServerRequest);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });

  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  child.on('message', (reply: ServerReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.result);
    else pending?.reject(new Error(`${label}: ${reply.error}`));
  });
  void exited.then(() => {
    const error = new Error(`${label} exited (${child.signalCode ?? child.exitCode}):\n${stderr}`);
    if (!stopping) log(error.message);
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  });
  const ask = <T>(request: Ask): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, id } as ServerRequest);
    });

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} did not start within 2 min:\n${stderr}`)),
      START_TIMEOUT_MS,
    );
    waiting.set(0, {
      reject(error) {
        clearTimeout(timer);
        reject(error);
      },
      resolve(value) {
        clearTimeout(timer);
        const { url, token } = value as { url: string; token: string };
        resolve({
          url,
          token,
          pid: child.pid!,
          participants: (prefix, count) => ask<string[]>({ type: 'participants', prefix, count }),
          importLines: (lines) => ask<ImportCounts>({ type: 'import', lines }),
          tunePull: (options) => ask<void>({ type: 'pull-options', options }),
        });
      },
    });
  });
}
