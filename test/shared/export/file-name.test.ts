import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, safeFileName } from '../../../shared/export/file-name.js';

describe('safeFileName', () => {
  it.each([
    ['annotations.csv', 'annotations.csv'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\notes.qdpx', 'notes.qdpx'],
    ['a<b>c:d"e|f?g*.csv', 'a_b_c_d_e_f_g_.csv'],
    ['report\u202Efdp.exe', 'report_fdp.exe'],
    ['line\nbreak.csv', 'line_break.csv'],
    ['  .hidden. ', 'hidden'],
    ['CON', '_CON'],
    ['nul.csv', '_nul.csv'],
    ['', 'export'],
    ['///', 'export'],
    ['ملاحظات الندوة.csv', 'ملاحظات الندوة.csv'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('shortens a long name by whole characters and keeps its extension', () => {
    const name = safeFileName(`${'🌐'.repeat(300)}.qdpx`);
    expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('🌐.qdpx')).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
