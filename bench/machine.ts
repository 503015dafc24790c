import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { CHROMIUM_PATH } from '../test/support/chromium.js';
import { postgresVersion } from './postgres-cluster.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  date: string;
  node: string;
  chromium: string;
  postgres: string;
}

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]!
      .trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    chromium: firstLine(CHROMIUM_PATH, ['--version']).replace(/ built on.*/, ''),
    postgres: (() => {
      try {
        return postgresVersion().replace(/^postgres \(PostgreSQL\)/, 'PostgreSQL');
      } catch (error) {
        return `unavailable (${error instanceof Error ? error.message : String(error)})`;
      }
    })(),
  };
}
