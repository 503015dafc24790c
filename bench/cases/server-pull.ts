import { pullInChildProcess } from '../node-pull.js';
import type { BenchCase, Sample } from '../registry.js';
import { BACKEND_NAMES, type Backend } from '../servers.js';
import { count } from './format.js';

const BACKENDS: Backend[] = ['pglite', 'postgres'];

/**
 * Issue 2's figure, the server alone: the whole corpus pulled from 0 by a
 * Node client in its own process over loopback, page by page as the app asks.
 */
export const serverPull: BenchCase = {
  id: 'server-pull',
  backends: BACKENDS,
  rows: BACKENDS.map((backend) => ({
    id: `pull.${backend}`,
    label: 'Server alone: pull the whole corpus (Node client)',
    setting: BACKEND_NAMES[backend],
    unit: 's' as const,
    baseline: backend === 'postgres' ? { id: 'pull.pglite', name: 'PGlite' } : undefined,
    note: (row) =>
      `${count(row.details.pages ?? 0)} pages of ≤ ${count(row.details.limit ?? 0)}; gzip on the wire; ` +
      'client parses, stores nothing',
  })),
  async run(ctx) {
    const samples: Record<string, Sample> = {};
    for (const backend of BACKENDS) {
      const server = await ctx.server(backend);
      const limit = ctx.options.pullLimit;
      const timing = await pullInChildProcess(server.url, server.token, limit, ctx.corpus.contributions + 100);
      samples[`pull.${backend}`] = {
        value: timing.seconds,
        bytes: timing.bytes,
        records: timing.records,
        details: { pages: timing.pages, limit },
      };
    }
    return samples;
  },
};
