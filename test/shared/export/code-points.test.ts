import { describe, expect, it } from 'vitest';
import {
  codePointRangeToUtf16,
  codePointToUtf16Offset,
  utf16RangeToCodePoints,
  utf16ToCodePointOffset,
} from '../../../shared/export/code-points.js';

// x 🌐 y 𠀀 z: UTF-16 offsets 0 1-2 3 4-5 6; code points 0 1 2 3 4.
const TEXT = 'x🌐y𠀀z';

describe('code points and UTF-16 offsets', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 2],
    [4, 3],
    [6, 4],
    [7, 5],
  ])('UTF-16 offset %i is code point %i', (utf16, codePoint) => {
    expect(utf16ToCodePointOffset(TEXT, utf16)).toBe(codePoint);
    expect(codePointToUtf16Offset(TEXT, codePoint)).toBe(utf16);
  });

  it('leaves text without astral characters alone', () => {
    const text = 'Gouvernance, الحوكمة, 治理';
    for (let i = 0; i <= text.length; i += 1) expect(utf16ToCodePointOffset(text, i)).toBe(i);
  });

  it('converts ranges both ways so that the same characters are selected', () => {
    const start = TEXT.indexOf('y');
    const utf16 = { start, end: TEXT.length };
    const codePoints = utf16RangeToCodePoints(TEXT, utf16);
    expect(codePoints).toEqual({ start: 2, end: 5 });
    expect([...TEXT].slice(codePoints.start, codePoints.end).join('')).toBe('y𠀀z');
    expect(codePointRangeToUtf16(TEXT, codePoints)).toEqual(utf16);
  });

  it('clamps offsets past the end', () => {
    expect(codePointToUtf16Offset(TEXT, 99)).toBe(TEXT.length);
    expect(utf16ToCodePointOffset(TEXT, 99)).toBe(5);
  });
});
