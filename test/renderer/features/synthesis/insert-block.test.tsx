import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { quoteBlock } from '../../../../shared/synthesis/citation.js';
import type { CitationAttrs } from '../../../../shared/synthesis/document.js';
import { Citation } from '../../../../renderer/features/synthesis/citation-mark.js';
import { insertBlockAfterCursor } from '../../../../renderer/features/synthesis/insert-block.js';

const attrs: CitationAttrs = {
  citationId: 'q1',
  contributionId: 'c-1',
  annotationId: null,
  authorName: 'Albrecht',
  authorKind: 'legal-expert',
  language: 'en',
  origin: 'machine',
  engine: 'deepl',
  originalLanguage: 'de',
  originalText: 'Sorgfalt.',
  textHash: 'h',
  sourceVersion: 1,
  questionCode: 'I.i',
};

const editorWith = (html: string) =>
  new Editor({ element: document.createElement('div'), extensions: [StarterKit, Citation], content: html });

const shape = (editor: Editor) =>
  (editor.getJSON().content ?? []).map((n) => [
    n.type,
    JSON.stringify(n)
      .match(/"text":"([^"]*)"/g)
      ?.join(' ') ?? '',
  ]);

describe('inserting a quote from the side panel', () => {
  it('in the middle of a paragraph: the paragraph stays whole, the quote follows it, typing goes after the quote', () => {
    const editor = editorWith('<p>Before the quote, and after.</p>');
    editor.commands.setTextSelection(8); // "Before t|he quote"
    insertBlockAfterCursor(editor, quoteBlock('Due diligence.', attrs));
    editor.commands.insertContent('My own words');
    expect(shape(editor)).toEqual([
      ['paragraph', '"text":"Before the quote, and after."'],
      ['blockquote', '"text":"Due diligence."'],
      ['paragraph', '"text":"My own words"'],
    ]);
    editor.destroy();
  });

  it('in an empty paragraph: the quote takes its place', () => {
    const editor = editorWith('<p>First.</p><p></p>');
    editor.commands.setTextSelection(9);
    insertBlockAfterCursor(editor, quoteBlock('Due diligence.', attrs));
    editor.commands.insertContent('Next');
    expect(shape(editor)).toEqual([
      ['paragraph', '"text":"First."'],
      ['blockquote', '"text":"Due diligence."'],
      ['paragraph', '"text":"Next"'],
    ]);
    editor.destroy();
  });
});
