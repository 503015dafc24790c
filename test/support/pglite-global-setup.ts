import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { writePgliteTemplate } from './pglite-dump.js';

/** The migrated PGlite template every test file loads (pglite-template.ts), built once for the run. */
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'seminar-pglite-template-'));
  const file = join(dir, 'template.tar');
  await writePgliteTemplate(file);
  project.provide('pgliteTemplate', file);
}

export function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
