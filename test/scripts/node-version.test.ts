import { expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { nodeVersionNote } from '../../scripts/node-version.mjs';

const note = nodeVersionNote as (version: string) => { fatal: boolean; message: string } | null;

it('npm start runs on Node 24 and later without a word', () => {
  for (const version of ['24.12.0', '24.22.3', '26.1.0']) expect(note(version)).toBeNull();
});

it('npm start carries on under Node 20.19+ and 22.12+, saying which Node it targets', () => {
  expect(note('20.20.2')).toEqual({
    fatal: false,
    message: expect.stringMatching(/^Note: Node 20\.20\.2 no longer gets security fixes; Seminar Desk targets Node 24/),
  });
  expect(note('22.12.0')).toMatchObject({
    fatal: false,
    message: expect.stringContaining('targets Node 24 (LTS). Starting anyway.'),
  });
});

it('npm start stops with one clear message under a Node too old to build the app', () => {
  for (const version of ['18.20.0', '20.18.1', '21.7.3', '22.11.0', '23.1.0'])
    expect(note(version)).toEqual({
      fatal: true,
      message: `Seminar Desk needs Node 24; this is Node ${version}, too old to build the app. Install Node 24 (https://nodejs.org, or \`nvm install 24\`), then run \`npm install && npm start\` again.`,
    });
});
