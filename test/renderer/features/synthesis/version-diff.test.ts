import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../../shared/synthesis/document.js';
import { diffVersions, paragraphTexts } from '../../../../renderer/features/synthesis/version-diff.js';

describe('what a history entry changed', () => {
  it('counts words added and removed and paragraphs touched, and marks them word by word', () => {
    const diff = diffVersions(
      ['Due diligence is an obligation.', 'Unchanged paragraph.', 'Removed paragraph here.'],
      ['Due diligence is a strict obligation of conduct.', 'Unchanged paragraph.', 'A new one.'],
    );
    expect(diff).toMatchObject({ wordsAdded: 7, wordsRemoved: 4, paragraphsTouched: 2 });
    const segments = diff.paragraphs[0]!.segments;
    const join = (kinds: string[]) =>
      segments
        .filter((x) => kinds.includes(x.kind))
        .map((x) => x.text)
        .join('');
    expect(join(['same', 'removed'])).toBe('Due diligence is an obligation.');
    expect(join(['same', 'added'])).toBe('Due diligence is a strict obligation of conduct.');
    expect(join(['removed'])).toBe('an');
    expect(diff.paragraphs.map((p) => p.kind)).toEqual(['changed', 'same', 'changed']);
  });

  it('counts Chinese characters as words and reads block texts from the document', () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('尽职调查')]);
    const quote = new Y.XmlElement('blockquote');
    const inner = new Y.XmlElement('paragraph');
    inner.insert(0, [new Y.XmlText('Quoted.')]);
    quote.insert(0, [inner]);
    doc.getXmlFragment(SYNTHESIS_FIELD).insert(0, [p, quote]);
    expect(paragraphTexts(doc)).toEqual(['尽职调查', 'Quoted.']);
    expect(diffVersions([], paragraphTexts(doc))).toMatchObject({
      wordsAdded: 5,
      wordsRemoved: 0,
      paragraphsTouched: 2,
    });
  });
});
