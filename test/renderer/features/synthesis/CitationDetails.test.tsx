import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { quoteBlock } from '../../../../shared/synthesis/citation.js';
import type { CitationAttrs } from '../../../../shared/synthesis/document.js';
import { Citation } from '../../../../renderer/features/synthesis/citation-mark.js';
import { CitationDetails } from '../../../../renderer/features/synthesis/CitationDetails.js';

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
