import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { citationsIn, quoteBlock } from '../../../../shared/synthesis/citation.js';
import type { CitationAttrs, SynthesisNode } from '../../../../shared/synthesis/document.js';
import { Citation } from '../../../../renderer/features/synthesis/citation-mark.js';
import { CitationDetails } from '../../../../renderer/features/synthesis/CitationDetails.js';
import { SynthesisQuote } from '../../../../renderer/features/synthesis/synthesis-quote-mark.js';
import {
  synthesisQuoteBlock,
  synthesisQuoteFor,
  synthesisQuotesIn,
} from '../../../../shared/synthesis/synthesis-quote.js';

const attrs: CitationAttrs = {
  citationId: 'q1',
  contributionId: 'c-1',
  annotationId: null,
  authorName: 'Dr. Friedrich Albrecht',
  authorKind: 'legal-expert',
  language: 'en',
  origin: 'machine',
  engine: 'deepl',
  originalLanguage: 'de',
  originalText: 'Sie müssen Sorgfalt walten lassen.',
  textHash: 'h',
  sourceVersion: 1,
  questionCode: 'I.i',
};

function setUp() {
  const frame = document.createElement('div');
  frame.className = 'synthesis-editor';
  document.body.append(frame);
  const editor = new Editor({
    element: frame,
    extensions: [StarterKit, Citation],
    content: { type: 'doc', content: [quoteBlock('They must exercise due diligence.', attrs)] },
  });
  render(<CitationDetails editor={editor} />);
  return { editor, link: frame.querySelector('a.citation')! };
}

describe('a citation in the editor', () => {
  it('shows where it comes from on hover: author, kind, language version, machine translation, original passage', () => {
    const { editor, link } = setUp();
    expect(screen.queryByTestId('citation-details')).toBeNull();
    fireEvent.mouseOver(link);
    const details = screen.getByRole('tooltip');
    expect(details.textContent).toContain('Dr. Friedrich Albrecht');
    expect(details.textContent).toContain('Legal expert');
    expect(details.textContent).toContain('English version');
    expect(details.textContent).toContain('Machine translation · deepl');
    expect(screen.getByTestId('citation-original').textContent).toContain('Sie müssen Sorgfalt walten lassen.');
    expect(link.getAttribute('aria-describedby')).toBe('citation-details');
    fireEvent.keyDown(editor.view.dom, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    editor.destroy();
  });
});

describe('a quote of an earlier event’s synthesis in the editor (issue 18)', () => {
  it('shows its synthesis, rapporteur, event, question and paragraph on hover', () => {
    const frame = document.createElement('div');
    frame.className = 'synthesis-editor';
    document.body.append(frame);
    const quote = synthesisQuoteFor(
      {
        eventId: 'feb',
        eventTitle: { en: 'February seminar' },
        eventStartsOn: '2017-02-01',
        eventEndsOn: '2017-02-02',
        synthesisId: 's-feb',
        synthesisTitle: 'What February found',
        synthesisLanguage: 'en',
        rapporteur: 'Claire Martin',
        questionCode: 'I.i',
      },
      ['Findings', 'States owe due diligence.'],
      1,
      'q1',
      '2017-04-01',
    );
    const editor = new Editor({
      element: frame,
      extensions: [StarterKit, Citation, SynthesisQuote],
      content: { type: 'doc', content: [synthesisQuoteBlock(quote)] },
    });
    render(<CitationDetails editor={editor} />);
    const link = frame.querySelector('a.synthesis-quote')!;
    // The whole provenance survives the editor's schema (an attribute it did not declare would be dropped).
    expect(synthesisQuotesIn(editor.getJSON() as SynthesisNode)).toEqual([quote]);
    fireEvent.mouseOver(link);
    const details = screen.getByRole('tooltip');
    expect(details.textContent).toContain('What February found');
    expect(details.textContent).toContain('Claire Martin');
    expect(details.textContent).toContain('February seminar');
    expect(details.textContent).toContain('I.i');
    expect(details.textContent).toContain('paragraph 2');
    editor.destroy();
  });
});

describe('the citation mark', () => {
  it('keeps "in answer to" on a quote of an answer, and adds nothing to other quotes', () => {
    const answer = { ...attrs, citationId: 'q2', inAnswerTo: { contributionId: 'c-0', authorName: 'A. Durand' } };
    const editor = new Editor({
      extensions: [StarterKit, Citation],
      content: { type: 'doc', content: [quoteBlock('An answer.', answer), quoteBlock('Not one.', attrs)] },
    });
    expect(citationsIn(editor.getJSON() as SynthesisNode).map((c) => JSON.parse(JSON.stringify(c)) as unknown)).toEqual(
      [answer, attrs],
    );
    editor.destroy();
  });
});
