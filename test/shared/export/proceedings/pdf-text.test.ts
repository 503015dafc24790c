import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proceedingsToPdf } from '../../../../shared/export/proceedings/pdf.js';
import type { Lang } from '../../../../shared/languages.js';
import type { SynthesisNode } from '../../../../shared/synthesis/document.js';
import { nodeFontSource } from '../../../support/proceedings-fonts.js';
import { words } from '../libreoffice-pdf.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * The proceedings' PDF read back by another program: pdftotext (poppler)
 * extracts the words of the Arabic, Chinese and English editions in their
 * own order — Arabic shaped by the font and laid out right to left must
 * come back as the letters written, CJK from the embedded Noto files — and
 * the document's links go from each quote to its note and on to the
 * contribution's entry in the appendix.
 */

const dir = mkdtempSync(join(tmpdir(), 'proceedings-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LANGS: Lang[] = ['en', 'ar', 'zh'];
const pdfs = new Map<Lang, Uint8Array>();

beforeAll(async () => {
  const fonts = nodeFontSource();
  for (const lang of LANGS) pdfs.set(lang, await proceedingsToPdf(demoProceedings(lang), fonts));
}, 120_000);

function pdftotext(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { stdio: 'pipe' }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('pdftotext is missing: apt-get install poppler-utils');
    throw error;
  }
}

/** Han characters come out of pdftotext one by one across line ends: compared without any space. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

const textOf = (node: SynthesisNode): string =>
  (node.text ?? '') + (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '');

describe('proceedings PDF read back with pdftotext', () => {
  it('Arabic: every word of a synthesis comes back, in reading order', () => {
    const input = demoProceedings('ar');
    const text = pdftotext(pdfs.get('ar')!, 'ar');
    const synthesis = input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
    const paragraph = textOf(synthesis.doc.content.find((n) => n.type === 'paragraph')!);
    expect(paragraph).toMatch(/[\u0627-\u064a]/);
    const found = new Set(words(text));
    for (const word of words(paragraph)) expect(found, word).toContain(word);
    // A phrase reads in its order, not reversed.
    const phrase = words(paragraph).slice(0, 5).join(' ');
    expect(words(text).join(' ')).toContain(phrase);
    // The title page and the labels in Arabic.
    expect(text).toContain('وقائع الندوة');
    expect(words(text)).toContain('الحواشي');
  });

  it('Chinese: the question titles and the syntheses’ text come back from the embedded CJK fonts', () => {
    const input = demoProceedings('zh');
    const text = squeeze(pdftotext(pdfs.get('zh')!, 'zh'));
    const question = input.days[0]!.sessions[0]!.questions[1]!;
    expect(text).toContain(squeeze(question.title));
    const paragraph = textOf(question.syntheses[0]!.doc.content.find((n) => n.type === 'paragraph')!);
    expect(paragraph).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toContain(squeeze(paragraph).slice(0, 40));
    expect(text).toContain('附录：引用的意见');
  });

  it('English: text, the notes’ provenance, and the Arabic and Chinese names inside it', () => {
    const text = pdftotext(pdfs.get('en')!, 'en');
    expect(text).toContain('Proceedings of the seminar');
    expect(text).toMatch(/machine translation \(sample-llm\)/);
    expect(text).toMatch(/demo-c-\d+, version 1/);
    expect(words(text)).toContain('فاطمة');
    expect(squeeze(text)).toContain('王芳');
  });

  it('every note number links to its note, every note to the appendix, every entry back to the text', async () => {
    const doc = await PDFDocument.load(pdfs.get('ar')!);
    const pageRefs = new Set(doc.getPages().map((p) => p.ref.toString()));
    let internal = 0;
    for (const page of doc.getPages()) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (let i = 0; i < (annots?.size() ?? 0); i += 1) {
        const annot = annots!.lookup(i, PDFDict);
        expect(annot.get(PDFName.of('Subtype'))).toEqual(PDFName.of('Link'));
        const dest = annot.lookupMaybe(PDFName.of('Dest'), PDFArray);
        if (dest) {
          expect(pageRefs).toContain(dest.get(0).toString());
          internal += 1;
        }
      }
    }
    const input = demoProceedings('ar');
    const quotes = input.days
      .flatMap((d) => d.sessions.flatMap((s) => s.questions.flatMap((q) => q.syntheses)))
      .reduce((n, s) => n + JSON.stringify(s.doc).split('"citation"').length - 1, 0);
    // A link per quote to its note and one per note to the appendix, then the contents and the appendix's own.
    expect(internal).toBeGreaterThan(2 * quotes);
    expect(doc.getTitle()).toBe('وقائع الندوة');
  });
});
