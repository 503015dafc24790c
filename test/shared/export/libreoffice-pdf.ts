import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A Word file opened by another word processor: LibreOffice in headless mode
 * (Debian libreoffice-writer-nogui) converts it to PDF, and pdftotext
 * (poppler-utils) gives the PDF's text back. Used by the synthesis and the
 * proceedings DOCX tests.
 */

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

/** The PDF text LibreOffice makes of the document (files written in `dir`). */
export function libreOfficePdfText(bytes: Uint8Array, name: string, dir: string): string {
  const docx = join(dir, `${name}.docx`);
  writeFileSync(docx, bytes);
  // Its own profile directory: no shared state with a user's LibreOffice, nothing left behind.
  const profile = pathToFileURL(join(dir, `profile-${name}`)).href;
  run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx]);
  const pdf = join(dir, `${name}.pdf`);
  if (readFileSync(pdf).subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${pdf} is not a PDF`);
  return run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
}

/**
 * Words (letters and marks) of a text, for comparing text whose line breaks
 * and spacing a PDF changes. The lam-alef ligatures (لا لأ لإ لآ) are one glyph
 * in the PDF, which pdftotext gives back as alef-lam (خلاصة comes back خالصة):
 * both orders count as the same here, on both sides.
 */
export const words = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\u0644([\u0622\u0623\u0625\u0627])/gu, '$1\u0644')
    .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
