import { describe, expect, it } from 'vitest';
import { annotationsToCsv, annotationsToCsvBytes, csvField } from '../../../shared/export/csv.js';
import { annotation, annotations, contributions, liveAnnotations, tags } from './export-fixtures.js';

const context = { contributions, tags, language: 'en' as const };

/** RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF records. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i += 1;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (/["\r\n]/.test(field)) throw new Error(`unquoted special character in ${JSON.stringify(field)}`);
      i += field.length;
    }
    row.push(field);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
}

describe('CSV export', () => {
  const csv = annotationsToCsv(annotations, context);
  const [header, ...rows] = readCsv(csv.slice(1));

  it('is UTF-8 with a byte-order mark and CRLF line ends', () => {
    expect(csv.startsWith('\uFEFFannotation id,')).toBe(true);
    const bytes = annotationsToCsvBytes(annotations, context);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).toString('utf8')).toBe(csv);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every LF outside a quoted note is part of a CRLF.
    expect(csv.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/)).toBeNull();
  });

  it('has the columns in order and one row per live annotation', () => {
    expect(header).toEqual([
      'annotation id',
      'contribution id',
      'question id',
      'contribution author',
      'author kind',
      'language',
      'origin',
      'quote',
      'note',
      'tags',
      'visibility',
      'annotator',
      'created',
      'updated',
      'status',
    ]);
    expect(rows.map((r) => r[0])).toEqual(liveAnnotations.map((a) => a.id));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
  });

  it('keeps Arabic and Chinese text, quotes, commas and line breaks intact', () => {
    const chinese = rows[1]!;
    expect(chinese.slice(0, 10)).toEqual([
      liveAnnotations[1]!.id,
      'c:2',
      'public-3',
      '网络安全协会',
      'ngo',
      'zh',
      'original',
      '国际法适用',
      'ملاحظة: القانون الدولي ينطبق',
      'Governance',
    ]);
    const arabic = rows[2]!;
    expect(arabic[7]).toBe('قواعد مشتركة');
    expect(arabic[8]).toBe('He said "yes", then\nleft');
    expect(arabic[10]).toBe('private');
    expect(rows[0]![8]).toBe('Key claim.\r\nCompare with the Tallinn Manual.');
  });

  it('labels machine translations and joins tag labels with "; "', () => {
    expect(rows[0]![6]).toBe('machine');
    expect(rows[0]![9]).toBe('Governance; Normes & <règles>');
  });

  it('reports the anchoring status when given, and translated headers', () => {
    const anchors = new Map([[liveAnnotations[3]!.id as string, { status: 'orphan' as const }]]);
    const [head, ...withStatus] = readCsv(
      annotationsToCsv(liveAnnotations, { ...context, anchors, headers: { status: 'état' } }).slice(1),
    );
    expect(head!.at(-1)).toBe('état');
    expect(withStatus.map((r) => r.at(-1))).toEqual(['', '', '', 'orphan']);
  });

  it.each([['=HYPERLINK("http://evil.example","click")'], ['+1+1'], ['-2+3'], ['@SUM(A1:A2)'], ['\t=1'], ['\r=1']])(
    'turns a note that a spreadsheet would run (%j) into text',
    (note) => {
      const [, row] = readCsv(annotationsToCsv([annotation({ ...noteSpec, note })], context).slice(1));
      expect(row![8]).toBe(`'${note}`);
    },
  );

  it('leaves ordinary cells alone', () => {
    expect(csvField('Governance')).toBe('Governance');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('2017-02-01T10:00:00.000Z')).toBe('2017-02-01T10:00:00.000Z');
    expect(csvField('')).toBe('');
  });
});

const noteSpec = { id: 'n-1', contributionId: 'c-1', language: 'fr' as const, exact: 'exige' };
