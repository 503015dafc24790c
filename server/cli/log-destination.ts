import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The request log in a file rather than on the terminal: `npm start` runs the
 * server in the user's terminal, where one JSON line per request scrolls the
 * printed address away. Appended, readable by the user only (it holds client
 * addresses). A log that cannot be written (a full disk) is said once on
 * stderr and dropped: the server goes on serving rather than crash on its log.
 */
export function openLogFile(path: string): { write(line: string): void } {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let broken = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (broken) return;
    broken = true;
    console.error(`The server log ${path} cannot be written (${error.code ?? error.message}): logging stops.`);
  });
  return {
    write(line: string) {
      if (!broken) stream.write(line);
    },
  };
}
