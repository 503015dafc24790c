import { strToU8 } from 'fflate';
import type { Annotation } from '../model/annotations.js';
import { indexContext, liveAnnotations, type ExportContext } from './export-context.js';

/**
 * Annotations as one CSV table for spreadsheets: RFC 4180 (CRLF line ends,
 * fields with a comma, quote or line break in double quotes, quotes doubled),
 * UTF-8 with a byte-order mark, without which Excel reads the file in the
 * system's legacy code page and shows Arabic and Chinese as mojibake.
 */

export const CSV_COLUMNS = [
  'annotationId',
  'contributionId',
  'questionId',
  'contributionAuthor',
  'authorKind',
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
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** English headers; the UI passes its own translation in `headers`. */
export const DEFAULT_CSV_HEADERS: Readonly<Record<CsvColumn, string>> = {
  annotationId: 'annotation id',
  contributionId: 'contribution id',
  questionId: 'question id',
  contributionAuthor: 'contribution author',
  authorKind: 'author kind',
  language: 'language',
  origin: 'origin',
  quote: 'quote',
  note: 'note',
  tags: 'tags',
  visibility: 'visibility',
  annotator: 'annotator',
  created: 'created',
  updated: 'updated',
  status: 'status',
};

export interface CsvExportContext extends ExportContext {
  headers?: Partial<Record<CsvColumn, string>>;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** The table as text, starting with the BOM. */
export function annotationsToCsv(annotations: Iterable<Annotation>, context: CsvExportContext): string {
  const index = indexContext(context);
  const headers = { ...DEFAULT_CSV_HEADERS, ...context.headers };
  const rows = liveAnnotations(annotations).map((a): Record<CsvColumn, string> => {
    const contribution = index.contribution(a.target.contributionId);
    const version = index.version(a.target.contributionId, a.target.language);
    return {
      annotationId: a.id,
      contributionId: a.target.contributionId,
      questionId: contribution?.questionId ?? '',
      contributionAuthor: contribution?.author.name ?? '',
      authorKind: contribution?.author.kind ?? '',
      language: a.target.language,
      // A machine translation is labelled as such wherever it is exported (docs/architecture.md).
      origin: version?.origin ?? '',
      quote: a.target.quote.exact,
      note: a.note,
      tags: a.tags.map((id) => index.tagLabel(id).text).join('; '),
      visibility: a.visibility,
      annotator: a.authorName,
      created: a.createdAt,
      updated: a.updatedAt,
      status: index.anchor(a)?.status ?? '',
    };
  });
  const lines = [
    CSV_COLUMNS.map((c) => csvField(headers[c])),
    ...rows.map((row) => CSV_COLUMNS.map((c) => csvField(row[c]))),
  ];
  return BOM + lines.map((cells) => cells.join(',')).join(CRLF) + CRLF;
}

/** The same table as UTF-8 bytes, ready for `saveFile`. */
export function annotationsToCsvBytes(annotations: Iterable<Annotation>, context: CsvExportContext): Uint8Array {
  return strToU8(annotationsToCsv(annotations, context));
}

/**
 * One cell. Formula injection guard (OWASP "CSV injection"): a spreadsheet
 * runs a cell that starts with = + - @ (or a tab or CR, which some strip before
 * looking) as a formula, and a note or a quoted contribution is text anyone
 * could have written. A leading apostrophe makes the spreadsheet show it as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
