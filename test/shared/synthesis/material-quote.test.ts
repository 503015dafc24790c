import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import type { MaterialId } from '../../../shared/model/material.js';
import type { PdfPassageTarget } from '../../../shared/model/material-note.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import { markdownToSynthesis } from '../../../shared/synthesis/export/markdown-read.js';
import { synthesisToMarkdown } from '../../../shared/synthesis/export/markdown.js';
import { materialQuoteNoteText } from '../../../shared/synthesis/export/synthesis-quote-labels.js';
import { materialQuoteBlock, materialQuoteFor, materialQuotesIn } from '../../../shared/synthesis/material-quote.js';
import { citationFor, quoteBlock } from '../../../shared/synthesis/citation.js';
import { readDocx, W_NS, wElements, wText } from './synthesis-fixtures.js';

/** A quote from a PDF note in a synthesis: its provenance (document, page) in the text and every export. */
const study = {
  id: 'study-1',
  title: { fr: 'Cyberattaques prévention-réactions', en: 'Cyberattacks: prevention and reactions' },
  owner: { kind: 'question', id: 'legal-I-i' },
};
const target: PdfPassageTarget = {
  kind: 'pdf',
  materialId: 'study-1' as MaterialId,
  sha256: 'a'.repeat(64),
  page: 12,
  textHash: 'h',
  quote: { exact: 'a duty of due diligence', prefix: 'States bear ', suffix: ' in cyberspace' },
  position: { start: 40, end: 63 },
};

describe('a quote of a PDF document in a synthesis', () => {
  const attrs = materialQuoteFor(study, target, { quoteId: 'mq1', noteId: 'note-7' }, '2017-02-02');

  it('keeps the document, its title, the page and the words with their context, from the note', () => {
    expect(attrs).toEqual({
      quoteId: 'mq1',
      materialId: 'study-1',
      materialTitle: study.title,
      questionId: 'legal-I-i',
      sha256: 'a'.repeat(64),
      page: 12,
      exact: 'a duty of due diligence',
      prefix: 'States bear ',
      suffix: ' in cyberspace',
      noteId: 'note-7',
      quotedOn: '2017-02-02',
    });
  });

  it('names the document and the page in each of the ten languages', () => {
    const notes = Object.fromEntries(LANGUAGES.map((lang) => [lang, materialQuoteNoteText(attrs, lang)]));
    expect(notes.en).toBe('“Cyberattacks: prevention and reactions”, p. 12.');
    expect(notes.fr).toBe('«\u00a0Cyberattaques prévention-réactions\u00a0», p. 12.');
    // A title missing in the language falls back to French, then English, as titles do everywhere.
    expect(notes.de).toBe('„Cyberattaques prévention-réactions“, S. 12.');
    expect(notes.zh).toBe('“Cyberattaques prévention-réactions”，第12页。');
    expect(notes.ar).toBe('«Cyberattaques prévention-réactions»، ص. 12.');
    expect(notes.ko).toContain('12쪽');
    expect(notes.ru).toContain('с. 12');
  });

  const doc: SynthesisDoc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'The study is clear.' }] },
      materialQuoteBlock(attrs),
      quoteBlock(
        'Due diligence',
        citationFor(
          {
            id: 'a1' as never,
            target: {
              contributionId: 'c-1',
              language: 'en',
              quote: { exact: 'Due diligence', prefix: '', suffix: '' },
            },
          } as never,
          {
            id: 'c-1',
            author: { name: 'Dr. Albrecht', kind: 'legal-expert' },
            language: 'en',
            version: 1,
            versions: [{ language: 'en', origin: 'original', engine: null, text: 'Due diligence', sourceVersion: 1 }],
          } as never,
          'I.i',
          'cit-1',
        ),
      ),
    ],
  };

  it('is found in a document apart from the other quotes, once', () => {
    expect(materialQuotesIn({ ...doc, content: [...doc.content, materialQuoteBlock(attrs)] })).toEqual([attrs]);
  });

  it('is exported with its provenance in Markdown, read back with it, and not listed as a contribution', () => {
    const markdown = synthesisToMarkdown({ title: 'Synthesis', language: 'en', doc, date: '2017-02-02' });
    const note = markdown.split('\n').find((line) => line.startsWith('[^1]:'))!;
    expect(note).toContain('“Cyberattacks: prevention and reactions”, p. 12.');
    expect(markdown).toContain('> a duty of due diligence[^1]');
    expect(markdown).not.toContain('contribution study-1');
    expect(markdownToSynthesis(markdown).doc).toStrictEqual(doc);
  });

  it('is exported with its provenance in Word, in the synthesis’s language', async () => {
    const docx = readDocx(await synthesisToDocx({ title: 'Synthèse', language: 'fr', doc, date: '2017-02-02' }));
    const notes = wElements(docx.xml('word/footnotes.xml'), 'footnote')
      .filter((f) => Number(f.getAttributeNS(W_NS, 'id')) > 0)
      .map(wText);
    expect(notes[0]).toBe('«\u00a0Cyberattaques prévention-réactions\u00a0», p. 12.');
  });
});
