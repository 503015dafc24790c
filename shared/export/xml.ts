/**
 * Just enough XML writing for the REFI-QDA files: every value escaped, and
 * characters XML 1.0 cannot carry (C0 controls but tab and line breaks, lone
 * surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, one code point for one, so
 * that a stray control character in a contribution cannot make the file
 * unreadable nor shift an offset.
 */

export type XmlAttrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/** CR as a reference too: parsers turn a raw CR LF into LF. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

/** Line breaks and tabs as references: a parser would otherwise fold them into spaces. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;');
}

function attrs(values: XmlAttrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttr(String(value))}"`)
    .join('');
}

/** An element whose children are already-serialised elements, one per line. */
export function element(name: string, attributes: XmlAttrs = {}, children: readonly string[] = []): string {
  if (children.length === 0) return `<${name}${attrs(attributes)}/>`;
  return `<${name}${attrs(attributes)}>\n${children.join('\n')}\n</${name}>`;
}

/** An element holding text, exactly as given (no added whitespace). */
export function textElement(name: string, text: string, attributes: XmlAttrs = {}): string {
  return `<${name}${attrs(attributes)}>${escapeXmlText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
