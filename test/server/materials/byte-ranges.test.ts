import { describe, expect, it } from 'vitest';
import { answerRange } from '../../../server/materials/byte-ranges.js';

const ETAG = '"abc"';

describe('answerRange', () => {
  // [headers, size, expected]
  const cases: [Record<string, string>, number, unknown][] = [
    [{}, 100, { status: 200 }],
    [{ range: 'bytes=0-9' }, 100, { status: 206, range: { start: 0, end: 9 } }],
    [{ range: 'bytes=90-' }, 100, { status: 206, range: { start: 90, end: 99 } }],
    [{ range: 'bytes=90-500' }, 100, { status: 206, range: { start: 90, end: 99 } }],
    [{ range: 'bytes=-10' }, 100, { status: 206, range: { start: 90, end: 99 } }],
    [{ range: 'bytes=-500' }, 100, { status: 206, range: { start: 0, end: 99 } }],
    [{ range: 'bytes=100-' }, 100, { status: 416 }],
    [{ range: 'bytes=-0' }, 100, { status: 416 }],
    [{ range: 'bytes=0-' }, 0, { status: 416 }],
    // Not served, so ignored: the whole file.
    [{ range: 'bytes=0-1,5-6' }, 100, { status: 200 }],
    [{ range: 'items=0-1' }, 100, { status: 200 }],
    [{ range: 'bytes=9-3' }, 100, { status: 200 }],
    [{ range: 'bytes=-' }, 100, { status: 200 }],
    // If-Range: the range only if the client's part is of the same file.
    [{ range: 'bytes=5-', 'if-range': ETAG }, 100, { status: 206, range: { start: 5, end: 99 } }],
    [{ range: 'bytes=5-', 'if-range': '"other"' }, 100, { status: 200 }],
    [{ range: 'bytes=5-', 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 100, { status: 200 }],
    [{ range: 'bytes=5-', 'if-range': `W/${ETAG}` }, 100, { status: 200 }],
    // If-None-Match wins over Range; weak comparison.
    [{ 'if-none-match': ETAG, range: 'bytes=0-1' }, 100, { status: 304 }],
    [{ 'if-none-match': `"x", W/${ETAG}` }, 100, { status: 304 }],
    [{ 'if-none-match': '*' }, 100, { status: 304 }],
    [{ 'if-none-match': '"x"' }, 100, { status: 200 }],
  ];
  it.each(cases)('%j of %i bytes', (headers, size, expected) => {
    expect(answerRange(headers, ETAG, size)).toEqual(expected);
  });
});
