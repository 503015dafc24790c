import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { electronBinaryPresent, electronFetchFailure, fetchElectron } from '../../scripts/electron-binary.mjs';
import { serverLogArgs } from '../../scripts/server-log.mjs';

/** Issue 16, item 3: what `npm start` prints in the user's terminal. */

const oneSentence = (text: string | null) => {
  expect(text).not.toBeNull();
  expect(text!.split('\n')).toHaveLength(1);
  expect(text).toMatch(/^The desktop app cannot start here: [^.]*\.$/);
  expect(text).not.toMatch(/TypeError|node_modules|delete|at async/);
};

/** A stand-in for Electron's package whose installer does what the real one does offline, or succeeds. */
function fakeElectron(installer: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-electron-'));
  writeFileSync(join(dir, 'install.js'), installer);
  return dir;
}

describe('npm start without an Electron binary', () => {
  it('says in one sentence that Electron cannot be downloaded, not the installer’s stack and advice', async () => {
    const dir = fakeElectron(`
      console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13');
      console.error('Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.');
      process.exit(1);`);
    expect(electronBinaryPresent(dir)).toBe(false);
    const failure = await fetchElectron(dir);
    oneSentence(failure);
    expect(failure).toContain('cannot reach its download server');
    oneSentence(electronFetchFailure('Error: HTTPError: Response code 404'));
  });

  it('runs Electron when its installer put the binary in place', async () => {
    const dir = fakeElectron(`
      const fs = require('fs');
      fs.mkdirSync(__dirname + '/dist', { recursive: true });
      fs.writeFileSync(__dirname + '/dist/electron', '');
      fs.writeFileSync(__dirname + '/path.txt', 'electron');`);
    expect(await fetchElectron(dir)).toBeNull();
    expect(electronBinaryPresent(dir)).toBe(true);
  });

  it('says the same with the real Electron installer when its download server cannot be reached', async (context) => {
    const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    if (electronBinaryPresent(electronDir)) context.skip('the Electron binary is installed here');
    // A closed port as the mirror and an empty cache: the download fails as on a machine without network.
    const failure = await fetchElectron(electronDir, {
      ...process.env,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')),
    });
    oneSentence(failure);
    expect(failure).toContain('cannot reach its download server');
    expect(electronBinaryPresent(electronDir)).toBe(false);
  });
});

describe('the server’s request log under npm start', () => {
  it('goes to a file in the data folder unless --verbose', () => {
    expect(serverLogArgs('/data/server', ['node', 'start.mjs'])).toEqual({
      args: ['--log-file', join('/data/server', 'server.log')],
      file: join('/data/server', 'server.log'),
    });
    expect(serverLogArgs('/data/server', ['node', 'start.mjs', '--verbose'])).toEqual({ args: [], file: null });
  });

  it('leaves the terminal with the address while requests are logged to the file', async () => {
    const data = mkdtempSync(join(tmpdir(), 'server-log-'));
    mkdirSync(join(data, 'db'));
    const logFile = join(data, 'server.log');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli/server.ts', '--port', '0', '--data', join(data, 'db'), '--log-file', logFile],
      { env: { ...process.env, DATABASE_URL: '', TRANSLATOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
    try {
      for (let i = 0; i < 5; i++) expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/me`)).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stdout.trim().split('\n')).toEqual([`Seminar Desk server listening on ${url}`]);
      const logged = readFileSync(logFile, 'utf8').trim().split('\n');
      expect(logged.filter((line) => line.includes('"url":"/api/health"')).length).toBeGreaterThanOrEqual(5);
      expect(logged.every((line) => JSON.parse(line) !== null)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
