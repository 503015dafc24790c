import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../server/start.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder the demo server seeded (corpus, materials, proceedings), closed: copied by each e2e file. */
    demoDataDir: string;
  }
}

/**
 * initdb, the migrations and the demo's seeding take 10 to 15 s of CPU: done
 * once for the run instead of once per end-to-end file. A copy starts as the
 * same folder restarted does: the demo seeds nothing twice (seed-demo.ts).
 */
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'seminar-demo-folder-'));
  const server = await startServer({ port: 0, dataDir: dir, demo: true, translator: null });
  await server.close();
  project.provide('demoDataDir', dir);
}

export function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
