// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** DESIGN.md's import rules, made mechanical: each folder may import only what it may. */
const layer = (/** @type {string[]} */ forbidden, /** @type {string} */ why) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: why })) }],
});

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'coverage', 'assets/demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/public/sw.js'],
    languageOptions: { globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      ['**/electron/**', '**/renderer/**', '**/server/**', 'electron', 'react', 'dexie', ...nodeBuiltins],
      'shared/ imports none of the other folders and does no I/O',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(
        ['**/electron/**', '**/server/**', 'electron', 'electron-store', ...nodeBuiltins],
        'the renderer talks to the shell only through the bridge (renderer/platform) and never imports Node',
      ),
    },
  },
  {
    files: ['renderer/{db,sync,search,i18n,platform}/**/*.{ts,tsx}'],
    rules: layer(
      ['**/features/**', '**/app/**', '**/electron/**', '**/server/**', 'electron', ...nodeBuiltins],
      'db, sync, search and platform never import screens',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: layer(['**/renderer/**', '**/server/**', 'react', 'dexie'], 'electron/ imports shared/ only'),
  },
  {
    files: ['server/**/*.ts'],
    rules: layer(['**/renderer/**', '**/electron/**', 'react', 'dexie', 'electron'], 'server/ imports shared/ only'),
  },
);
