/**
 * Quotes are searched in a folded copy of the text, so that a version whose
 * diacritics changed still anchors: Arabic is written with or without vowel
 * marks (الدَّوْلَة / الدولة), a corrector adds accents to a French capital
 * (Etat / État), and bidi or zero-width marks come and go with editors. Folding
 * drops nonspacing marks (after canonical decomposition), the Arabic tatweel and
 * invisible format characters, one UTF-16 unit at a time, and keeps a map back
 * to the original offsets. Case is kept: a changed capital costs one error in
 * the fuzzy matcher, which is cheap, and folding case correctly (ß, İ) is not.
 */

export interface FoldedText {
  /** The folded text that quotes are searched in. */
  text: string;
  /** Folded offset → original offset; one entry longer than `text`, the last being the original length. */
  toOriginal: Int32Array;
  /** Original offset → folded offset of the first folded unit at or after it; one entry longer than the original. */
  fromOriginal: Int32Array;
}

const UNKNOWN = -2;
const DROPPED = -1;
const NONSPACING_MARK = /\p{Mn}/gu;
const FORMAT_CHARACTERS = new Set([
  0x00ad, // soft hyphen
  0x0640, // Arabic tatweel (kashida): stretches a word, never changes it
  0x061c, // Arabic letter mark
  0x200b, // zero width space
  0x200c, // zero width non-joiner
  0x200d, // zero width joiner
  0x200e, // left-to-right mark
  0x200f, // right-to-left mark
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e, // bidi embeddings and overrides
  0x2060, // word joiner
  0x2066,
  0x2067,
  0x2068,
  0x2069, // bidi isolates
  0xfeff, // byte order mark
]);

// What each BMP code unit folds to, filled lazily: `normalize` is far too slow to call per character of every text.
let table: Int32Array | undefined;

function foldUnit(code: number): number {
  if (code < 0xc0) return code === 0xad ? DROPPED : code;
  // Surrogates are kept as they are: astral letters and emoji have no marks to drop.
  if (code >= 0xd800 && code <= 0xdfff) return code;
  table ??= new Int32Array(0x10000).fill(UNKNOWN);
  let folded = table[code] ?? UNKNOWN;
  if (folded === UNKNOWN) {
    folded = computeFold(code);
    table[code] = folded;
  }
  return folded;
}

function computeFold(code: number): number {
  if (FORMAT_CHARACTERS.has(code)) return DROPPED;
  const bare = String.fromCharCode(code).normalize('NFD').replace(NONSPACING_MARK, '');
  if (bare.length === 0) return DROPPED;
  // Hangul syllables decompose into several jamo, which are letters: keep those characters whole.
  return bare.length === 1 ? bare.charCodeAt(0) : code;
}

/** The folded form of a short string (a quote or its context), without offset maps. */
export function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const folded = foldUnit(text.charCodeAt(i));
    if (folded !== DROPPED) out += String.fromCharCode(folded);
  }
  return out;
}

export function foldText(text: string): FoldedText {
  const units = new Uint16Array(text.length);
  const toOriginal = new Int32Array(text.length + 1);
  const fromOriginal = new Int32Array(text.length + 1);
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    fromOriginal[i] = length;
    const folded = foldUnit(text.charCodeAt(i));
    if (folded === DROPPED) continue;
    units[length] = folded;
    toOriginal[length] = i;
    length += 1;
  }
  fromOriginal[text.length] = length;
  toOriginal[length] = text.length;
  return {
    text: decodeUnits(units.subarray(0, length)),
    toOriginal: toOriginal.slice(0, length + 1),
    fromOriginal,
  };
}

function decodeUnits(units: Uint16Array): string {
  // In chunks: spreading 100,000 arguments into one call overflows some engines' stacks.
  const CHUNK = 8_192;
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) {
    out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  }
  return out;
}
