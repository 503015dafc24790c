import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeepLTranslator } from '../../../server/translate/adapters/deepl.js';
import { createLibreTranslateTranslator } from '../../../server/translate/adapters/libretranslate.js';
import { FAKE_DEEPL_KEY } from '../../support/fake-translators.js';

const SCRIPT = fileURLToPath(new URL('../../support/fake-translator-server.ts', import.meta.url));

/** Starts the standalone fake as another process would, and reads the URL it prints. */
async function startStandalone(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the fake server exited with ${code}`))),
  ])) as [string];
  return { child, url };
}

describe('fake-translator-server.ts, run on its own', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves the LibreTranslate fake by default and prints its URL', async () => {
    const started = await startStandalone('0');
    child = started.child;
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const translator = createLibreTranslateTranslator({ url: started.url });
    expect(await translator.translate({ text: 'Hallo.\n\nWelt.', source: 'de', target: 'fr' })).toBe(
      '[fr] Hallo.\n\n[fr] Welt.',
    );
  });

  it('serves another provider when asked, and stops on SIGTERM', async () => {
    const started = await startStandalone('0', 'deepl');
    child = started.child;
    const translator = createDeepLTranslator({ url: started.url, authKey: FAKE_DEEPL_KEY });
    expect(await translator.translate({ text: 'Hallo.', source: 'de', target: 'en' })).toBe('[EN-GB] Hallo.');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('refuses an unknown provider', async () => {
    await expect(startStandalone('0', 'babelfish')).rejects.toThrow('exited with 1');
  });
});
