import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import { arabicInput, fixtureInput, readDocx, W_NS, wElements, wText } from '../synthesis/synthesis-fixtures.js';

/**
 * A synthesis exported as Word, opened by another word processor: LibreOffice
 * in headless mode (Debian libreoffice-writer-nogui) converts it to PDF without
 * error, and the PDF's text (pdftotext, poppler-utils) still has the Arabic
 * words, the French text and the footnotes the citations became.
 */

const dir = mkdtempSync(join(tmpdir(), 'docx-libreoffice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { stdio: 'pipe', timeout: 120_000 }).toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT')
      throw new Error(`${command} is missing: apt-get install libreoffice-writer-nogui poppler-utils`);
    throw new Error(`${command} failed: ${String(e.stderr)}`);
  }
}

/** The PDF text LibreOffice makes of the document. */
function pdfTextOf(bytes: Uint8Array, name: string): string {
  const docx = join(dir, `${name}.docx`);
  writeFileSync(docx, bytes);
  // Its own profile directory: no shared state with a user's LibreOffice, nothing left behind.
  const profile = pathToFileURL(join(dir, `profile-${name}`)).href;
  run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx]);
  const pdf = join(dir, `${name}.pdf`);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
}

/**
 * Words (letters and marks) of a text, for comparing text whose line breaks
 * and spacing a PDF changes. The lam-alef ligatures (لا لأ لإ لآ) are one glyph
 * in the PDF, which pdftotext gives back as alef-lam (خلاصة comes back خالصة):
 * both orders count as the same here, on both sides.
 */
const words = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\u0644([\u0622\u0623\u0625\u0627])/gu, '$1\u0644')
    .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** The notes' texts as the document has them (Word's separator notes have ids -1 and 0). */
function footnoteTexts(bytes: Uint8Array): string[] {
  const notes = wElements(readDocx(bytes).xml('word/footnotes.xml'), 'footnote');
  return notes.filter((n) => Number(n.getAttributeNS(W_NS, 'id')) > 0).map(wText);
}

describe('synthesis DOCX opened by LibreOffice (headless) and read back from its PDF', () => {
  it('an Arabic synthesis keeps its Arabic text and its footnote', { timeout: 180_000 }, async () => {
    const bytes = await synthesisToDocx(arabicInput);
    const pdfText = pdfTextOf(bytes, 'arabic');
    const pdfWords = new Set(words(pdfText));
    // The sentence reads back in its own (logical) order.
    expect(words(pdfText).join(' ')).toContain(words('يرى الخبراء أن السيادة الرقمية').join(' '));
    for (const word of words('خلاصة السؤال الحوكمة والتنظيم يرى الخبراء أن السيادة الرقمية نقطة أولى نقطة ثانية'))
      expect(pdfWords, word).toContain(word);
    const notes = footnoteTexts(bytes);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) for (const word of words(note)) expect(pdfWords, word).toContain(word);
  });

  it('a French synthesis keeps its text and every footnote', { timeout: 180_000 }, async () => {
    const bytes = await synthesisToDocx(fixtureInput);
    const text = pdfTextOf(bytes, 'french');
    const pdfWords = new Set(words(text));
    expect(text).toContain('Synthèse I.ii — gouvernance');
    const notes = footnoteTexts(bytes);
    expect(notes.length).toBeGreaterThan(1);
    for (const note of notes) for (const word of words(note)) expect(pdfWords, word).toContain(word);
  });
});
