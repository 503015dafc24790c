import { describe, expect, it } from 'vitest';
import { hashText } from '../../../shared/anchoring/index.js';
import { AR, EN, FR, RU, ZH } from './fixtures.js';

/** The definition, written the slow and obvious way: FNV-1a 64 over TextEncoder's UTF-8 bytes. */
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('hashText', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('gives the published FNV-1a 64 value for %j', (text, hash) => {
    expect(hashText(text)).toBe(hash);
  });

  it.each([
    ['French', FR],
    ['English', EN],
    ['Arabic', AR],
    ['Chinese', ZH],
    ['Russian', RU],
    ['emoji (surrogate pairs)', 'Le rapport 📄 sur 🛡️'],
    ['a lone surrogate, hashed as U+FFFD', 'broken \ud83d text'],
  ])('hashes %s text as its UTF-8 bytes', (_name, text) => {
    expect(hashText(text)).toBe(referenceFnv1a64(text));
    expect(hashText(text)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with a single character', () => {
    expect(hashText(FR)).not.toBe(hashText(FR.replace('État', 'Etat')));
    expect(hashText(AR)).not.toBe(hashText(AR.replace('العِنايَةِ', 'العنايةِ')));
  });
});
