import { parse, type Options } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { annotationsToCsv, annotationsToCsvBytes } from '../../../shared/export/csv.js';
import { LANGUAGES } from '../../../shared/languages.js';
import type { Annotation } from '../../../shared/model/annotations.js';
import { loadDemoCorpus } from './demo-corpus.js';

/**
 * The CSV export read back by a standard RFC 4180 parser (csv-parse, strict:
 * no relaxed quotes, a fixed column count, CRLF records only) on the demo
 * corpus: every script, notes with quotes, commas, line breaks and formulas.
 */

const demo = loadDemoCorpus();
const context = { contributions: demo.contributions, tags: demo.tags, language: 'en' as const };

const strict: Options = {
  bom: true,
  record_delimiter: ['\r\n'],
  relax_quotes: false,
  relax_column_count: false,
  skip_empty_lines: false,
};

/** What a spreadsheet must show: the text, or the text made inert when it would run as a formula. */
const shown = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function expectedRow(a: Annotation): string[] {
  const contribution = demo.contributions.find((c) => c.id === a.target.contributionId)!;
  const version = contribution.versions.find((v) => v.language === a.target.language)!;
  const tagText = a.tags.map((id) => {
    const label = demo.tags.find((t) => t.id === id)!.label;
    return label.en ?? Object.values(label)[0]!;
  });
  return [
    a.id,
    contribution.id,
    contribution.questionId,
    contribution.author.name,
    contribution.author.kind,
    a.target.language,
    version.origin,
    a.target.quote.exact,
    a.note,
    tagText.join('; '),
    a.visibility,
    a.authorName,
    a.createdAt,
    a.updatedAt,
    '',
  ].map(shown);
}

describe('CSV export read by an RFC 4180 parser (csv-parse)', () => {
  const bytes = annotationsToCsvBytes(demo.annotations, context);
  const text = Buffer.from(bytes).toString('utf8');
  const records = parse(text, strict) as string[][];

  it('starts with the UTF-8 byte-order mark, which the parser takes off', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records[0]![0]).toBe('annotation id');
    // Without BOM handling the mark would be part of the first header: it is really there.
    expect((parse(text, { ...strict, bom: false }) as string[][])[0]![0]).toBe('\uFEFFannotation id');
  });

  it('gives back every field of every annotation intact, in all ten languages', () => {
    const [, ...rows] = records;
    expect(rows).toHaveLength(demo.annotations.length);
    expect(rows).toEqual(demo.annotations.map(expectedRow));
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(LANGUAGES));
  });

  it('the demo notes do exercise quotes, commas, line breaks and formula starts', () => {
    const notes = demo.annotations.map((a) => a.note);
    expect(notes.some((n) => n.includes('"'))).toBe(true);
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(notes.some((n) => n.includes('\n'))).toBe(true);
    expect(notes.some((n) => n.startsWith('='))).toBe(true);
  });

  it.each([
    ['CR LF inside a note', 'a\r\nb'],
    ['a lone CR', 'a\rb'],
    ['a lone LF', 'a\nb'],
    ['quotes only', '""'],
    ['a trailing comma', 'x,'],
    ['a formula after a line break', 'ok\n=1+1'],
    ['spaces around', '  padded  '],
    ['every formula start', '=1;+1;-1;@1'],
    ['a leading tab', '\t=cmd'],
  ])('keeps %s', (_name, note) => {
    const a = { ...demo.annotations[0]!, note };
    const [, row] = parse(annotationsToCsv([a], context), strict) as string[][];
    expect(row![8]).toBe(shown(note));
  });
});
