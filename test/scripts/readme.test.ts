import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Issue 16, item 3: the README read by a newcomer. What it points to is in the
 * repository; it opens with what the app is, its requirements and the two
 * commands; every environment variable the start-up code reads is documented.
 */
const root = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'assets/demo/README.md',
];

describe('the README and docs/', () => {
  it('link only to files that are in the repository, and not to DESIGN.md', () => {
    for (const doc of documents) {
      const text = read(doc);
      expect(text, doc).not.toMatch(/DESIGN\.md/);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        expect(existsSync(resolve(root, dirname(doc), target!)), `${doc} links to ${target}`).toBe(true);
      }
    }
  });

  it('open with what the app is, its requirements and the two commands', () => {
    const lines = read('README.md').split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(at(/^## Requirements$/)).toBeGreaterThan(0);
    expect(at(/^npm install && npm start\s/)).toBeGreaterThan(at(/^## Requirements$/));
    expect(at(/^npm test\s/)).toBeLessThan(50);
    // Nothing but the opening paragraph before them.
    expect(lines.slice(0, at(/^## Requirements$/)).filter((line) => line.startsWith('## '))).toEqual([]);
  });

  it('document every environment variable that npm start, the server and the admin commands read', () => {
    const readme = read('README.md');
    const sources = [
      'scripts/start.mjs',
      ...readdirSync(join(root, 'server/cli')).map((f) => `server/cli/${f}`),
      'server/translate/translator-from-env.ts',
    ];
    const variables = new Set<string>();
    for (const source of sources) {
      const text = read(source);
      for (const [, name] of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) variables.add(name!);
      for (const [, name] of text.matchAll(/\b(?:get|needed|positiveInteger|httpUrl)\([^'"]*'([A-Z][A-Z0-9_]+)'/g))
        variables.add(name!);
    }
    expect(variables).toContain('PORT');
    for (const name of variables) expect(readme, name).toMatch(new RegExp(`\`${name}[\`=]`));
  });
});
