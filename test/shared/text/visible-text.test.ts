import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../shared/text/visible-text.js';

describe('visibleText', () => {
  it.each<[string, string, string, number]>([
    ['a right-to-left override that turns gpj.exe into exe.jpg', 'Anna \u202Egpj.exe\u202C', 'Anna gpj.exe', 2],
    ['isolates and marks', '\u2066Omar\u2069 \u200FHaddad\u200E', 'Omar Haddad', 4],
    ['zero-width spaces that make two names differ invisibly', 'Ad\u200Bmin\uFEFF', 'Admin', 2],
    ['Arabic and Chinese names stay whole', 'ليلى حداد · 王伟', 'ليلى حداد · 王伟', 0],
    [
      'joiners that scripts and emoji need are kept',
      'Rapporteur\u200D👩‍💻 می\u200Cخواهم',
      'Rapporteur\u200D👩‍💻 می\u200Cخواهم',
      0,
    ],
  ])('%s', (_case, input, text, stripped) => {
    expect(visibleText(input)).toEqual({ text, stripped });
  });
});
