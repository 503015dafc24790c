import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const electronDist = path.join(root, 'node_modules/electron/dist');
const mainEntry = path.join(root, 'dist/electron/main.cjs');

function skipReason(): string | null {
  if (!existsSync(electronDist)) return `the Electron binary is not installed (${electronDist} missing)`;
  if (!existsSync(mainEntry)) return `the app is not built (${mainEntry} missing; run npm run build)`;
  return null;
}

const reason = skipReason();
if (reason) console.log(`electron-smoke skipped: ${reason}`);

describe.skipIf(reason !== null)('Electron smoke', () => {
  it('loads app://seminar-desk with the bridge and without require', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ args: [root], cwd: root });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/seminar-desk\//);
      const seen = await page.evaluate(() => ({
        bridge: typeof (window as unknown as { seminar?: unknown }).seminar,
        require: typeof (window as unknown as { require?: unknown }).require,
      }));
      expect(seen).toEqual({ bridge: 'object', require: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
