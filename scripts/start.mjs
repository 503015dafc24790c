// `npm start` / `npm run start:web`: build the app, start the embedded seminar
// server with the demo corpus, then open the desktop app (or print the web URL).
// The server also serves the web renderer (loopback only), so when Electron
// cannot start (no binary, and none can be fetched) the same app is a URL away.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeVersionNote } from './node-version.mjs';

// Before anything else: an old Node fails later in ways a newcomer cannot read.
const nodeNote = nodeVersionNote(process.versions.node);
if (nodeNote?.fatal) {
  console.error(nodeNote.message);
  process.exit(1);
}
if (nodeNote) console.warn(nodeNote.message);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = process.argv.includes('--web');
const port = process.env.PORT ?? '4317';
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(bin('vite'), ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
if (!web) run(bin('vite'), ['build', '--config', 'vite.electron.config.ts', '--logLevel', 'warn']);

const dataDir = join(root, '.data', 'server');
const { serverLogArgs } = await import('./server-log.mjs');
const log = serverLogArgs(dataDir, process.argv);
const serverArgs = [
  'server/cli/server.ts',
  '--demo',
  '--port',
  port,
  '--data',
  dataDir,
  '--static',
  join(root, 'dist', 'renderer'),
  ...log.args,
];
const server = spawn(bin('tsx'), serverArgs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Killed (the stall watchdog ends a wedged server with SIGKILL): a failure too, for whoever runs this.
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

let started = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
  if (!match || started) return;
  started = true;
  const url = match[1];
  if (log.file) console.log(`Server log: ${log.file} (npm start -- --verbose shows it here instead)`);
  if (web) {
    printWebUrl(url);
    return;
  }
  void openDesktopApp(url);
});

function printWebUrl(url) {
  console.log(`\nSeminar Desk (web) is at ${url}/  — open it in Chromium or Chrome. Ctrl-C stops it.`);
}

async function openDesktopApp(serverUrl) {
  // Electron fetches its binary on first use (users' machines can; some build machines cannot).
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const { electronBinaryPresent, fetchElectron } = await import('./electron-binary.mjs');
  if (!electronBinaryPresent(electronDir)) {
    console.log('Fetching the Electron binary on first use…');
    const failure = await fetchElectron(electronDir);
    if (failure) {
      console.error(`\n${failure}`);
      printWebUrl(serverUrl);
      return;
    }
  }
  const app = spawn(bin('electron'), ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SEMINAR_DESK_LOCAL_SERVER: serverUrl },
  });
  app.on('exit', (code) => {
    // Closed by the user: everything stops. Failed (no binary here): the server stays, as the web app.
    if (!code) return stop();
    console.error(`\nElectron exited with ${code}: the desktop app could not start here.`);
    printWebUrl(serverUrl);
  });
}
