import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseFontFaceCss, type FontFile, type FontSource } from '../../shared/export/proceedings/fonts.js';

/**
 * The Noto faces the app ships (@fontsource packages), read from
 * node_modules: what the proceedings writers embed when they run in Node
 * (the server's edition exports, tests, bench). Regular and bold of the Latin, Arabic, Chinese and Korean
 * families; each package's CSS says which file holds which characters.
 */
const PACKAGES = ['noto-sans', 'noto-sans-arabic', 'noto-sans-sc', 'noto-sans-kr'];
const WEIGHTS = [400, 700];

const require = createRequire(import.meta.url);

export function nodeFontSource(): FontSource {
  const folders = new Map<string, string>();
  const files: FontFile[] = [];
  for (const name of PACKAGES) {
    const root = dirname(require.resolve(`@fontsource/${name}/package.json`));
    for (const weight of WEIGHTS) {
      for (const file of parseFontFaceCss(readFileSync(join(root, `${weight}.css`), 'utf8'))) {
        files.push(file);
        folders.set(file.file, join(root, 'files'));
      }
    }
  }
  const cache = new Map<string, Promise<Uint8Array>>();
  return {
    files,
    load(file, format) {
      const folder = folders.get(file);
      if (!folder) return Promise.reject(new Error(`no font file ${file}`));
      const key = `${file}.${format}`;
      if (!cache.has(key))
        cache.set(
          key,
          readFile(join(folder, key)).then((b) => new Uint8Array(b)),
        );
      return cache.get(key)!;
    },
  };
}
