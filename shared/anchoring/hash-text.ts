/**
 * FNV-1a 64-bit of the text's UTF-8 bytes, as 16 lower-case hex digits.
 *
 * Not cryptographic: it only tells "this is the text the annotation was made on"
 * apart from an edited or re-translated one. FNV-1a over UTF-8 is a published
 * definition, so the server, the renderer or a SQL script all get the same
 * string. Lone surrogates are hashed as U+FFFD, as `TextEncoder` would encode
 * them. The 64-bit state is kept as two 32-bit halves because JavaScript
 * bit operations are 32-bit (and BigInt is ten times slower here).
 */
export function hashText(text: string): string {
  // Offset basis 0xcbf29ce484222325.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;

  const byte = (value: number) => {
    lo = (lo ^ value) >>> 0;
    // Multiply by the prime 2^40 + 0x1b3, modulo 2^64. Every intermediate stays below 2^53, so doubles are exact.
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x1_0000_0000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  };

  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x80) {
      byte(code);
    } else if (code < 0x800) {
      byte(0xc0 | (code >> 6));
      byte(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      byte(0xe0 | (code >> 12));
      byte(0x80 | ((code >> 6) & 0x3f));
      byte(0x80 | (code & 0x3f));
    } else {
      byte(0xf0 | (code >> 18));
      byte(0x80 | ((code >> 12) & 0x3f));
      byte(0x80 | ((code >> 6) & 0x3f));
      byte(0x80 | (code & 0x3f));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
