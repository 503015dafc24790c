import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorAt, resolveAnchor, runText, textRuns } from '../../../shared/proceedings/comment-anchor.js';
import { yDocOf } from '../../support/synthesis-yjs.js';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function twoReplicas() {
  const a = yDocOf({ type: 'doc', content: [p('Intro words.'), p('States must exercise due diligence.')] });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('review comments anchored by Yjs relative positions', () => {
  it('follow their words through edits before, inside-adjacent and after them, made on another replica', () => {
    const { a, b } = twoReplicas();
    const anchor = anchorAt(a, 1, 7, 34); // "must exercise due diligence"
    expect(anchor.quote).toBe('must exercise due diligence');
    // Another rapporteur, offline, edits the same paragraph before and after the words, and adds a paragraph above.
    const run = textRuns(b)[1]!;
    run.insert(0, 'All ');
    run.insert(runText(run).length - 1, ' at all times');
    b.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    (b.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('New first paragraph.')]);
    sync(b, a);
    const resolved = resolveAnchor(a, anchor)!;
    expect(resolved.text).toBe('must exercise due diligence');
    expect(resolved.run).toBe(2);
    expect(runText(textRuns(a)[2]!)).toBe('All States must exercise due diligence at all times.');
  });

  it('grow with words typed inside them, and are lost (null) only when their words are deleted', () => {
    const { a, b } = twoReplicas();
    const anchor = anchorAt(a, 1, 7, 34);
    textRuns(b)[1]!.insert(11, ' always');
    sync(b, a);
    expect(resolveAnchor(a, anchor)!.text).toBe('must always exercise due diligence');
    textRuns(a)[1]!.delete(7, 34);
    expect(resolveAnchor(a, anchor)).toBeNull();
    expect(anchor.quote).toBe('must exercise due diligence');
  });

  it('refuses an empty or out-of-range selection and a malformed anchor', () => {
    const { a } = twoReplicas();
    expect(() => anchorAt(a, 1, 5, 5)).toThrow();
    expect(() => anchorAt(a, 9, 0, 1)).toThrow();
    expect(resolveAnchor(a, { start: 'zz', end: '00', quote: 'x' })).toBeNull();
  });
});
