import { describe, expect, it } from 'vitest';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import { markdownToSynthesis } from '../../../shared/synthesis/export/markdown-read.js';
import { synthesisToMarkdown } from '../../../shared/synthesis/export/markdown.js';
import {
  blockTexts,
  locatePassage,
  synthesisQuoteBlock,
  synthesisQuoteFor,
  synthesisQuoteState,
  synthesisQuotesIn,
  type QuotedSynthesis,
} from '../../../shared/synthesis/synthesis-quote.js';
import { citationFor, quoteBlock } from '../../../shared/synthesis/citation.js';
import { readDocx, W_NS, wElements, wText } from './synthesis-fixtures.js';

const february: QuotedSynthesis = {
  eventId: 'seminar-2017-02',
  eventTitle: { fr: 'Séminaire fermé de février', en: 'Closed seminar of February' },
  eventStartsOn: '2017-02-01',
  eventEndsOn: '2017-02-02',
  synthesisId: 's-feb-1',
  synthesisTitle: 'Due diligence: where we stand',
  synthesisLanguage: 'en',
  rapporteur: 'Claire Martin',
  questionCode: 'II.i',
};

const earlier: SynthesisDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Findings' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'States owe due diligence.' },
        { type: 'hardBreak' },
        { type: 'text', text: 'Private actors share it.', marks: [{ type: 'bold' }] },
      ],
    },
    { type: 'paragraph' },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A duty to warn.' }] }] },
      ],
    },
  ],
};

describe('a quote of an earlier synthesis', () => {
  const blocks = blockTexts(earlier);

  it('reads the blocks of a document as the history reads them (a hard break as a line break, empty paragraphs kept)', () => {
    expect(blocks).toEqual(['Findings', 'States owe due diligence.\nPrivate actors share it.', '', 'A duty to warn.']);
  });

  it('keeps its provenance and an anchor: the words, their context, their place and the version of the block', () => {
    const attrs = synthesisQuoteFor(february, blocks, 1, 'q1', '2017-04-01', { start: 26, end: 50 });
    expect(attrs).toMatchObject({
      ...february,
      quoteId: 'q1',
      block: 1,
      exact: 'Private actors share it.',
      prefix: 'States owe due diligence.\n',
      suffix: '',
      quotedOn: '2017-04-01',
    });
    expect(synthesisQuoteState(attrs, blocks)).toBe('current');
    expect(locatePassage(attrs, blocks)).toEqual({ block: 1, start: 26, end: 50 });
    // A whole block by default.
    expect(synthesisQuoteFor(february, blocks, 3, 'q2', '2017-04-01').exact).toBe('A duty to warn.');
    expect(() => synthesisQuoteFor(february, blocks, 9, 'q3', '2017-04-01')).toThrow(RangeError);
  });

  it('finds the words again after the synthesis changed, and says when they are gone', () => {
    const attrs = synthesisQuoteFor(february, blocks, 1, 'q1', '2017-04-01', { start: 26, end: 50 });
    const moved = ['Introduction', 'Findings', 'In short: States owe due diligence.\nPrivate actors share it.'];
    expect(synthesisQuoteState(attrs, moved)).toBe('changed');
    expect(locatePassage(attrs, moved)).toEqual({ block: 2, start: 36, end: 60 });
    const gone = ['Findings', 'States owe due diligence.'];
    expect(synthesisQuoteState(attrs, gone)).toBe('missing');
    expect(locatePassage(attrs, gone)).toBeNull();
    expect(synthesisQuoteState(attrs, undefined)).toBe('missing');
  });

  it('prefers the occurrence whose context agrees when the words occur twice', () => {
    const twice = ['Yes. It is so.', 'No. It is so.'];
    const attrs = synthesisQuoteFor(february, twice, 1, 'q', '2017-04-01', { start: 4, end: 13 });
    expect(locatePassage(attrs, ['Yes. It is so!', 'Yes. It is so.', 'No. It is so.'])).toEqual({
      block: 2,
      start: 4,
      end: 13,
    });
  });

  const quote = synthesisQuoteFor(february, blocks, 1, 'q1', '2017-04-01', { start: 26, end: 50 });
  const contribution = quoteBlock(
    'They must exercise due diligence.',
    citationFor(
      {
        id: 'a-1',
        target: {
          contributionId: 'c-1',
          language: 'en',
          textHash: 'x',
          quote: { exact: 'x', prefix: '', suffix: '' },
          position: { start: 0, end: 33 },
        },
      } as never,
      {
        id: 'c-1',
        author: { name: 'Dr. Albrecht', kind: 'legal-expert' },
        language: 'en',
        versions: [{ language: 'en', origin: 'original', text: 'They must exercise due diligence.' }],
        version: 1,
      } as never,
      'II.i',
      'c1',
    ),
  );
  const doc: SynthesisDoc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'As the seminar found:' }] },
      synthesisQuoteBlock(quote),
      contribution,
    ],
  };

  it('is found in a document apart from contributions’ citations', () => {
    expect(synthesisQuotesIn(doc)).toEqual([quote]);
  });

  it('is exported with its provenance in Markdown, and read back with it', () => {
    const markdown = synthesisToMarkdown({ title: 'Conference synthesis', language: 'en', doc, date: '2017-04-07' });
    // Intl writes the range of dates with thin spaces around its dash.
    const note = markdown
      .split('\n')
      .find((line) => line.startsWith('[^1]:'))!
      .replace(/\u2009/g, ' ');
    expect(note).toContain(
      'synthesis “Due diligence: where we stand” by Claire Martin, Closed seminar of February (February 1 – 2, 2017), question II.i, paragraph 2, quoted on April 1, 2017.',
    );
    // The contribution is listed as cited; the synthesis is not a contribution.
    expect(markdown).toContain('1. Dr. Albrecht (legal expert), contribution c-1');
    expect(markdown).not.toContain('contribution s-feb-1');
    expect(markdownToSynthesis(markdown).doc).toStrictEqual(doc);
  });

  it('is exported with its provenance in Word, in the synthesis’s language', async () => {
    const docx = readDocx(await synthesisToDocx({ title: 'Synthèse', language: 'fr', doc, date: '2017-04-07' }));
    const notes = wElements(docx.xml('word/footnotes.xml'), 'footnote')
      .filter((f) => Number(f.getAttributeNS(W_NS, 'id')) > 0)
      .map(wText);
    expect(notes[0]).toBe(
      'synthèse «\u00a0Due diligence: where we stand\u00a0» de Claire Martin, Séminaire fermé de février (1–2 février 2017), question II.i, paragraphe 2, citée le 1 avril 2017.',
    );
    expect(notes[1]).toContain('contribution c-1');
  });
});
