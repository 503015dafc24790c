// The Electron binary for `npm start`: present, or fetched once with its output kept. Electron's own first-run
// download, where the machine cannot reach its download server, prints a raw `TypeError: fetch failed` stack and
// advice to delete node_modules/electron, which is wrong there (nothing is broken; the network is missing):
// `npm start` says one sentence instead, and keeps the same app as a web page.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether Electron's package already holds its binary (what its index.js checks before downloading). */
export function electronBinaryPresent(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

/** Runs Electron's installer quietly: resolves to null once the binary is there, else one sentence saying why not. */
export function fetchElectron(electronDir, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve(electronFetchFailure(String(error))));
    child.on('exit', (code) =>
      resolve(code === 0 && electronBinaryPresent(electronDir) ? null : electronFetchFailure(output)),
    );
  });
}

const NO_NETWORK =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up/i;

/** The one sentence `npm start` prints when the binary could not be fetched. */
export function electronFetchFailure(output) {
  return NO_NETWORK.test(output)
    ? 'The desktop app cannot start here: Electron is not downloaded yet and this machine cannot reach its download server.'
    : 'The desktop app cannot start here: Electron is not downloaded yet and its download failed.';
}
