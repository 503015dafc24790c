import { describe, expect, it } from 'vitest';
import { parseXml } from './xml-check.js';

// The XML tests lean on this reader, so it must reject what it claims to.
describe('the test XML reader', () => {
  it('reads a document with entities and attribute references', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1&#10;2 &amp; &lt;3&gt;"><b>t &amp; &#x1F310;</b><c/></a>');
    expect(root.attrs.x).toBe('1\n2 & <3>');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[0]!.text).toBe('t & 🌐');
  });

  it.each([
    ['<a><b></a></b>', /does not close/],
    ['<a x=1/>', /unquoted/],
    ['<a x="1" x="2"/>', /repeated/],
    ['<a>1 & 2</a>', /raw "&"/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a x="<"/>', /"<" in an attribute/],
    ['<a/><b/>', /content after the root|second root/],
    ['<a>', /not closed/],
    ['<a>\u0001</a>', /not allowed in XML/],
  ])('rejects %j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });
});
