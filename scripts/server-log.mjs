// Where `npm start` sends the server's JSON request log: a file in the data folder, so the terminal keeps the
// address it printed; `npm start -- --verbose` keeps the log on the terminal as before.
import { join } from 'node:path';

export function serverLogArgs(dataDir, argv) {
  if (argv.includes('--verbose')) return { args: [], file: null };
  const file = join(dataDir, 'server.log');
  return { args: ['--log-file', file], file };
}
