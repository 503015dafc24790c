import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { ERROR_CODES } from '../../../shared/protocol/errors.js';
import { CLIENT_ERROR_CODES } from '../../../renderer/i18n/errors.js';

const errorsOf = (lang: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../../renderer/i18n/locales/${lang}.json`, import.meta.url), 'utf8')) as {
      errors: Record<string, string>;
    }
  ).errors;

it('every error code the server or the client can give has its message in all ten languages', () => {
  for (const lang of LANGUAGES) {
    const errors = errorsOf(lang);
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES])
      expect(errors[code], `${lang}: errors.${code}`).toBeTruthy();
  }
});

it('a server out of disk space is named as such, with the work kept on the device', () => {
  expect(errorsOf('en')['insufficient-storage']).toMatch(
    /^The server is out of disk space: your changes stay on this device/,
  );
  // A translation, not the English text copied.
  for (const lang of LANGUAGES.filter((l) => l !== 'en'))
    expect(errorsOf(lang)['insufficient-storage']).not.toBe(errorsOf('en')['insufficient-storage']);
});
