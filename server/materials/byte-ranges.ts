import type { ByteRange } from './blob-store.js';

/**
 * What a GET of a material answers, from its request headers (RFC 9110 §13
 * and §14): 304 when the client's copy is current (If-None-Match), one range
 * (206) when asked for one the client may combine with what it has (If-Range
 * names the current ETag, or is absent), 416 when the range lies past the
 * end, else the whole file. A Range the server does not serve (several
 * ranges, another unit, bad syntax) is ignored, which the RFC allows: the
 * client then gets the whole file with 200 and knows it.
 */
export type RangeAnswer = { status: 304 } | { status: 200 } | { status: 206; range: ByteRange } | { status: 416 };

const etagsIn = (header: string) =>
  header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean);

export function answerRange(
  headers: { range?: string; 'if-range'?: string; 'if-none-match'?: string },
  etag: string,
  size: number,
): RangeAnswer {
  const ifNoneMatch = headers['if-none-match'];
  // Weak comparison for If-None-Match (§13.1.2): the file is the same.
  if (ifNoneMatch !== undefined && (ifNoneMatch.trim() === '*' || etagsIn(ifNoneMatch).includes(etag)))
    return { status: 304 };
  const header = headers.range;
  if (header === undefined) return { status: 200 };
  // If-Range needs a strong match (§13.1.5); a date or another tag: the whole file, the client's part is stale.
  const ifRange = headers['if-range'];
  if (ifRange !== undefined && ifRange.trim() !== etag) return { status: 200 };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { status: 200 };
  const [, first, last] = match;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { status: 416 };
    return { status: 206, range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { status: 416 };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { status: 200 };
  return { status: 206, range: { start, end } };
}
