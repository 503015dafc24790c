import fontkit from '@pdf-lib/fontkit';
import { unzlibSync, zlibSync } from 'fflate';
import { PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * A TrueType font embedded in the PDF as Identity-encoded CID font, shaped
 * here with fontkit and drawn glyph by glyph at the positions fontkit gives.
 *
 * Why not pdf-lib's own embedFont: it draws the glyphs fontkit chooses but
 * drops their positioning (GPOS offsets). Noto Sans Arabic builds letters
 * from dotless skeletons and dot marks placed by GPOS, so without offsets
 * the dots land anywhere; and its subsetter lost those composite skeletons
 * (checked on this font: only marks were drawn). The fontsource files are
 * already cut by Unicode range, so each is embedded whole (a few tens of kB,
 * compressed), and only the files a text uses are embedded.
 *
 * Text stays extractable: a ToUnicode map gives each glyph used the
 * characters it was shaped from (two for a lam-alef ligature, none for a
 * dot), so pdftotext and screen readers read the words.
 */
export interface ShapedGlyph {
  /** The character id in the PDF (see `cidOf`), not the font's glyph id. */
  cid: number;
  /** In font units; offsets move this glyph only, the advance moves the pen. */
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface Shaped {
  glyphs: ShapedGlyph[];
  /** In font units. */
  advance: number;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  postscriptName: string | null;
  layout(text: string): {
    glyphs: FontkitGlyph[];
    positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
  };
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((n, i) => n === b[i]);

export class EmbeddedFont {
  readonly font: FontkitFont;
  /** CID → the font's glyph, the characters it shows there, its advance. CID 0 is .notdef. */
  private readonly cids: Array<{ gid: number; codePoints: number[]; width: number }> = [
    { gid: 0, codePoints: [], width: 0 },
  ];
  private readonly cidByKey = new Map<string, number>();
  private readonly shapes = new Map<string, Shaped>();

  constructor(
    readonly sfnt: Uint8Array,
    readonly name: string,
  ) {
    const font = fontkit.create(sfnt) as unknown as FontkitFont;
    // fontkit keeps one Glyph object per glyph id, with the characters of its first use: a skeleton
    // shared by ب and ت would keep the first letter. Each use gets its own view with its own characters.
    const cached = font.getGlyph.bind(font);
    font.getGlyph = (id: number, codePoints?: number[]) => {
      const glyph = cached(id, codePoints);
      if (!codePoints || sameNumbers(glyph.codePoints, codePoints)) return glyph;
      return Object.create(glyph as object, { codePoints: { value: codePoints } }) as FontkitGlyph;
    };
    this.font = font;
  }

  get unitsPerEm(): number {
    return this.font.unitsPerEm;
  }

  /** Shaped in logical order; a right-to-left script comes back in visual order (fontkit turns it). */
  shape(text: string): Shaped {
    let shaped = this.shapes.get(text);
    if (!shaped) {
      const run = this.font.layout(text);
      const glyphs = run.glyphs.map((g, i) => {
        const p = run.positions[i]!;
        return { cid: this.cidOf(g), xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset };
      });
      shaped = { glyphs, advance: glyphs.reduce((sum, g) => sum + g.xAdvance, 0) };
      this.shapes.set(text, shaped);
    }
    return shaped;
  }

  /**
   * One CID per glyph *and* the characters it stands for: Noto Sans Arabic
   * draws ب ت ث ن ي from one dotless skeleton (the dots are marks), so a
   * glyph id alone cannot say which letter it was; a CID per pair keeps the
   * ToUnicode map exact (CIDToGIDMap turns CIDs back into glyphs).
   */
  private cidOf(glyph: FontkitGlyph): number {
    const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
    let cid = this.cidByKey.get(key);
    if (cid === undefined) {
      cid = this.cids.length;
      if (cid > 0xffff) throw new Error('more than 65,535 glyph forms in one font file');
      this.cids.push({ gid: glyph.id, codePoints: glyph.codePoints, width: glyph.advanceWidth });
      this.cidByKey.set(key, cid);
    }
    return cid;
  }

  /** The advance the PDF's width array gives a CID, in thousandths of the font size (as written in W). */
  advanceOf(cid: number): number {
    return Math.round(((this.cids[cid]?.width ?? 0) * 1000) / this.unitsPerEm);
  }

  width(text: string, size: number): number {
    return (this.shape(text).advance * size) / this.unitsPerEm;
  }

  /** Writes the font's objects; call once every glyph is shaped. */
  embed(pdf: PDFDocument, ref: PDFRef): void {
    const context = pdf.context;
    const scale = 1000 / this.unitsPerEm;
    const fontFile = context.register(
      context.stream(zlibSync(this.sfnt, { level: 6 }), { Filter: 'FlateDecode', Length1: this.sfnt.length }),
    );
    const { bbox } = this.font;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: this.name,
        Flags: 4,
        FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale].map(Math.round),
        ItalicAngle: 0,
        Ascent: Math.round(this.font.ascent * scale),
        Descent: Math.round(this.font.descent * scale),
        CapHeight: Math.round((this.font.capHeight || this.font.ascent) * scale),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const widths = [1, this.cids.slice(1).map((_, i) => this.advanceOf(i + 1))];
    const cidToGid = new Uint8Array(this.cids.length * 2);
    this.cids.forEach((c, cid) => {
      cidToGid[cid * 2] = c.gid >> 8;
      cidToGid[cid * 2 + 1] = c.gid & 0xff;
    });
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: this.name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: widths,
        CIDToGIDMap: context.register(context.flateStream(cidToGid)),
      }),
    );
    const toUnicode = context.register(
      context.flateStream(toUnicodeCMap(this.cids.map((c, cid): [number, number[]] => [cid, c.codePoints]))),
    );
    context.assign(
      ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: this.name,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}

function utf16Hex(codePoints: number[]): string {
  return codePoints
    .map((point) => {
      if (point <= 0xffff) return point.toString(16).padStart(4, '0');
      const p = point - 0x10000;
      return ((0xd800 + (p >> 10)).toString(16) + (0xdc00 + (p & 0x3ff)).toString(16)).padStart(8, '0');
    })
    .join('');
}

/** A CMap from glyph ids to the characters they show (PDF 1.7, 9.10.3); glyphs without characters are left out. */
function toUnicodeCMap(entries: Array<[number, number[]]>): string {
  const mapped = entries.filter(([, points]) => points.length > 0);
  const chunks: string[] = [];
  // At most 100 entries per bfchar block.
  for (let i = 0; i < mapped.length; i += 100) {
    const block = mapped.slice(i, i + 100);
    chunks.push(
      `${block.length} beginbfchar\n${block.map(([id, points]) => `<${id.toString(16).padStart(4, '0')}> <${utf16Hex(points)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** A WOFF 1.0 file as the TrueType/OpenType font it wraps (W3C WOFF 1.0, section 4–5): tables inflated, offsets rebuilt. */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: Array<{ tag: number; checksum: number; data: Uint8Array }> = [];
  for (let i = 0; i < numTables; i += 1) {
    const at = 44 + i * 20;
    const tag = view.getUint32(at);
    const offset = view.getUint32(at + 4);
    const compLength = view.getUint32(at + 8);
    const origLength = view.getUint32(at + 12);
    const checksum = view.getUint32(at + 16);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? unzlibSync(raw) : raw;
    if (data.length !== origLength) throw new Error('WOFF table of the wrong length');
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const headerLength = 12 + 16 * numTables;
  const total = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const w = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  w.setUint32(0, flavor);
  w.setUint16(4, numTables);
  w.setUint16(6, power * 16);
  w.setUint16(8, Math.log2(power));
  w.setUint16(10, numTables * 16 - power * 16);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    w.setUint32(at, t.tag);
    w.setUint32(at + 4, t.checksum);
    w.setUint32(at + 8, offset);
    w.setUint32(at + 12, t.data.length);
    out.set(t.data, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}
