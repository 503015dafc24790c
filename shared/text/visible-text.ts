/**
 * Characters that change how a text looks without being seen: bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * implicit direction marks (U+200E, U+200F, U+061C), and invisible separators
 * (zero-width space U+200B, word joiner U+2060, BOM U+FEFF, Mongolian vowel
 * separator U+180E). In a name, a tag or a link they can make "evil‮gpj.exe"
 * read as "evilexe.jpg" or make two names look alike, so they are stripped
 * where identity matters. The zero-width (non-)joiners U+200C/U+200D are
 * kept: several scripts and emoji need them to spell words correctly.
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060\uFEFF\u180E]/g;

export interface VisibleText {
  text: string;
  /** How many hidden characters were taken out: the UI says the name was altered. */
  stripped: number;
}

export function visibleText(value: string): VisibleText {
  let stripped = 0;
  const text = value.replace(HIDDEN, () => {
    stripped += 1;
    return '';
  });
  return { text, stripped };
}
