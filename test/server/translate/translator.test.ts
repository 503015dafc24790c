import { describe, expect, it } from 'vitest';
import { TranslatorError, parseRetryAfter, type TranslatorErrorKind } from '../../../server/translate/translator.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('Sun, 06 Nov 1994 08:49:37 GMT');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 3 ', 3_000],
    ['1.5', 1_500],
    ['Sun, 06 Nov 1994 08:51:37 GMT', 120_000], // IMF-fixdate
    ['Sunday, 06-Nov-94 08:50:37 GMT', 60_000], // obsolete RFC 850
    ['Sun Nov  6 08:50:07 1994', 30_000], // asctime: GMT, without saying so
    ['Sun, 06 Nov 1994 08:00:00 GMT', 0], // already past: now
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, undefined, '', '-5', 'soon', '5 minutes', 'Foo, 99 Bar 2024'])('has no delay in %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe('TranslatorError', () => {
  it.each<[TranslatorErrorKind, boolean]>([
    ['auth', false],
    ['too-large', false],
    ['unsupported', false],
    ['rejected', false],
    ['rate-limited', true],
    ['quota', true],
    ['unavailable', true],
    ['timeout', true],
    ['malformed', true],
  ])('%s is retryable: %s', (kind, retryable) => {
    const error = new TranslatorError(kind, 'what happened', { engine: 'systran', status: 500 });
    expect(error).toMatchObject({ kind, retryable, engine: 'systran', status: 500, retryAfterMs: null });
    expect(error.message).toBe('systran: what happened');
    expect(error.name).toBe('TranslatorError');
  });
});
