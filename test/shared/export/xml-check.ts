/**
 * A strict little XML reader for the tests (node has no DOMParser): it throws
 * on anything not well-formed that our writer could get wrong — unbalanced or
 * crossed tags, unquoted or repeated attributes, a raw "<" or "&", an unknown
 * entity, a character XML 1.0 forbids, text outside the root — and returns the
 * tree with entities decoded, so tests assert on structure, not on regexes.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const FORBIDDEN_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseXml(xml: string): XmlNode {
  const bad = FORBIDDEN_CHAR.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML`);
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    i = end + 2;
  }
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i += 1;
  };
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  skipSpace();
  while (i < xml.length) {
    if (xml.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad end tag');
      i += name.length;
      skipSpace();
      if (xml[i] !== '>') fail('bad end tag');
      i += 1;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name}>`);
      if (stack.length === 0) break;
    } else if (xml[i] === '<') {
      i += 1;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad start tag');
      i += name.length;
      const node: XmlNode = { name, attrs: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (i === before) fail('attributes must be separated by space');
        const attr = NAME.exec(xml.slice(i))?.[0] ?? fail('bad attribute name');
        i += attr.length;
        if (xml[i] !== '=') fail('attribute without "="');
        const quote = xml[i + 1];
        if (quote !== '"' && quote !== "'") fail('unquoted attribute');
        const end = xml.indexOf(quote!, i + 2);
        if (end < 0) fail('unterminated attribute');
        const raw = xml.slice(i + 2, end);
        if (raw.includes('<')) fail('"<" in an attribute value');
        if (attr in node.attrs) fail(`repeated attribute ${attr}`);
        // Attribute-value normalisation: literal white space becomes a space; references survive.
        node.attrs[attr] = decode(raw.replace(/[\t\n\r]/g, ' '), fail);
        i = end + 1;
      }
      if (stack.length === 0 && root) fail('a second root element');
      stack.at(-1)?.children.push(node);
      if (stack.length === 0) root = node;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) break;
      } else {
        i += 1;
        stack.push(node);
      }
    } else {
      if (stack.length === 0) fail('text outside the root element');
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (raw.includes(']]>')) fail('"]]>" in text');
      // XML end-of-line handling: CR LF and lone CR read as LF; &#13; survives.
      stack.at(-1)!.text += decode(raw.replace(/\r\n?/g, '\n'), fail);
      i += raw.length;
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.name}> is not closed`);
  skipSpace();
  if (i < xml.length) fail('content after the root element');
  if (!root) throw new Error('no root element');
  return root;
}

function decode(raw: string, fail: (message: string) => never): string {
  return raw.replace(/&([^;&]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) return fail('raw "&"');
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref]!;
    const code = /^#x([0-9a-f]+)$/i.exec(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d+$/.test(ref)
        ? Number(ref.slice(1))
        : NaN;
    if (Number.isNaN(code)) return fail(`unknown entity ${match}`);
    return String.fromCodePoint(code);
  });
}

/** The element children called `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Every descendant called `name`, in document order. */
export function descendants(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
