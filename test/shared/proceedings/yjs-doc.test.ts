import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CitationAttrs, SynthesisDoc } from '../../../shared/synthesis/document.js';
import { synthesisDocOf } from '../../../shared/synthesis/yjs-doc.js';
import { editorJson, yDocOf } from '../../support/synthesis-yjs.js';

const citation: CitationAttrs = {
  citationId: 'cit-1',
  contributionId: 'c1',
  annotationId: 'a1',
  authorName: 'Dr. F. Albrecht',
  authorKind: 'legal-expert',
  language: 'en',
  origin: 'machine',
  engine: 'fake',
  originalLanguage: 'fr',
  originalText: 'Les États doivent…',
  textHash: 'abcdef0123456789',
  sourceVersion: 2,
  questionCode: 'I.ii',
};

const doc: SynthesisDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Due diligence' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'States ' },
        { type: 'text', text: 'must', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: ' act', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'الدول', marks: [{ type: 'code' }] },
      ],
    },
    {
      type: 'blockquote',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'must exercise due diligence', marks: [{ type: 'citation', attrs: citation }] },
          ],
        },
      ],
    },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
    },
    { type: 'paragraph' },
  ],
};

describe('a synthesis read from its CRDT state without the editor', () => {
  it('gives what the editor itself reads: nodes, attributes, marks and citation provenance', () => {
    const ydoc = yDocOf(doc);
    const ours = synthesisDocOf(Y.encodeStateAsUpdate(ydoc));
    // The editor's JSON lists default attributes too (link target, rel…); compare on ours, the fields the exports read.
    const reference = editorJson(ydoc) as SynthesisDoc;
    expect(JSON.stringify(ours.content.map((n) => n.type))).toBe(JSON.stringify(reference.content.map((n) => n.type)));
    const quote = ours.content[2]!.content![0]!.content![0]!;
    expect(quote.marks).toEqual([{ type: 'citation', attrs: citation }]);
    const para = ours.content[1]!.content!;
    expect(para.map((n) => n.type)).toEqual(['text', 'text', 'text', 'hardBreak', 'text']);
    expect(para[1]!.marks!.map((m) => m.type).sort()).toEqual(['bold', 'italic']);
    expect((para[2]!.marks![0] as { attrs: { href: string } }).attrs.href).toBe('https://example.org/');
    expect(ours.content[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Due diligence' }],
    });
    expect(ours.content[4]).toEqual({ type: 'paragraph' });
    // Text, run by run, equals the editor's.
    const texts = (d: unknown) => JSON.stringify(d).match(/"text":"[^"]*"/g);
    expect(texts(ours)).toEqual(texts(reference));
  });

  it('reads an empty or absent state as an empty document', () => {
    expect(synthesisDocOf(null)).toEqual({ type: 'doc', content: [] });
    expect(synthesisDocOf(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ type: 'doc', content: [] });
  });
});
