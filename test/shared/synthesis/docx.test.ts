import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { directionRuns, hyperlinkTarget, synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import {
  arabicInput,
  blockquote,
  bulletList,
  fixtureInput,
  heading,
  item,
  paragraph,
  text,
  QUOTE_BOLD_PART,
  QUOTE_FIRST_PART,
  QUOTE_LAST_PART,
  readDocx,
  SPECIAL,
  W_NS,
  wElements,
  wText,
} from './synthesis-fixtures.js';

const NBSP = '\u00a0';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const bytes = await synthesisToDocx(fixtureInput);
const docx = readDocx(bytes);
const documentXml = docx.xml('word/document.xml');
const footnotesXml = docx.xml('word/footnotes.xml');
const paragraphs = wElements(documentXml, 'p');
const texts = paragraphs.map(wText);
const style = (p: Element) => wElements(p, 'pStyle')[0]?.getAttributeNS(W_NS, 'val') ?? null;
const paragraphWith = (text: string) => paragraphs.find((p) => wText(p).includes(text))!;
/** The notes themselves: Word's separator notes have ids -1 and 0. */
const notes = wElements(footnotesXml, 'footnote').filter((f) => Number(f.getAttributeNS(W_NS, 'id')) > 0);
const noteText = (id: number) => wText(notes.find((n) => n.getAttributeNS(W_NS, 'id') === String(id))!);
const referenceIds = (node: Document | Element) =>
  wElements(node, 'footnoteReference').map((r) => Number(r.getAttributeNS(W_NS, 'id')));

describe('synthesisToDocx', () => {
  it('is a Word package whose parts are well-formed XML', () => {
    expect(Object.keys(docx.files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/footnotes.xml', 'word/numbering.xml']),
    );
    for (const path of Object.keys(docx.files).filter((p) => /\.(xml|rels)$/.test(p)))
      expect(() => docx.xml(path)).not.toThrow();
  });

  it('starts with the title, the rapporteurs and the date in the synthesis’s language', () => {
    expect(texts.slice(0, 3)).toEqual([
      'Synthèse I.ii — gouvernance',
      'Claire Martin et Kim Min-jun',
      '2 février 2017',
    ]);
    expect(style(paragraphs[0]!)).toBe('Title');
  });

  it('keeps headings, emphasis, links, code and lists', () => {
    expect(paragraphs.filter((p) => /^Heading\d$/.test(style(p) ?? '')).map((p) => [style(p), wText(p)])).toEqual([
      ['Heading1', 'Synthèse de la question I.ii'],
      ['Heading2', 'Citations'],
      ['Heading3', 'Points #2 & <3>'],
      ['Heading1', 'Contributions citées'],
    ]);
    const intro = paragraphWith('Les experts estiment');
    const runWith = (text: string) => wElements(intro, 'r').find((r) => wText(r) === text)!;
    expect(wElements(runWith('la coopération'), 'b')).toHaveLength(1);
    expect(wElements(runWith('confiance'), 'i')).toHaveLength(1);
    expect(wElements(runWith('idée abandonnée'), 'strike')).toHaveLength(1);
    expect(wElements(runWith('npm run bench'), 'rFonts')[0]!.getAttributeNS(W_NS, 'ascii')).toBe('Courier New');

    const hyperlink = wElements(intro, 'hyperlink')[0]!;
    expect(wText(hyperlink)).toBe('le rapport');
    const rels = docx.xml('word/_rels/document.xml.rels');
    const rel = [...rels.getElementsByTagName('Relationship')].find(
      (r) => r.getAttribute('Id') === hyperlink.getAttributeNS(R_NS, 'id'),
    )!;
    expect(rel.getAttribute('Target')).toBe('https://example.org/report?a=1&b=(2)');
    expect(rel.getAttribute('TargetMode')).toBe('External');

    const level = (p: Element) => wElements(p, 'ilvl')[0]?.getAttributeNS(W_NS, 'val');
    expect(level(paragraphWith('Premier point'))).toBe('0');
    expect(level(paragraphWith('trois'))).toBe('1');
    // The nested ordered list counts from 3.
    const numbering = strFromU8(docx.files['word/numbering.xml']!);
    expect(numbering).toContain('<w:start w:val="3"/>');
  });

  it('writes each run of quoted words followed by a footnote reference, one note per quote', () => {
    const quote = paragraphs.find((p) => style(p) === 'Quote')!;
    expect(wText(quote)).toBe(QUOTE_FIRST_PART + QUOTE_BOLD_PART + QUOTE_LAST_PART);
    expect(referenceIds(quote)).toEqual([1]);
    // The reference follows the quoted words.
    const runs = wElements(quote, 'r');
    expect(wElements(runs[runs.length - 1]!, 'footnoteReference')).toHaveLength(1);
    expect(
      wElements(
        runs.find((r) => wText(r) === QUOTE_BOLD_PART)!,
        'b',
      ),
    ).toHaveLength(1);
    // The same quote again refers to the same note; two quotes of one contribution have two notes.
    expect(referenceIds(documentXml)).toEqual([1, 1, 2, 3, 4]);
    expect(notes).toHaveLength(4);
  });

  it('says in each note who wrote the quote, where it is, and for a translation what the original says', () => {
    expect(noteText(1)).toBe(
      'Dr. Amélie *Durand* [chair] (expert juridique), contribution c-1042, question I.ii, en anglais — ' +
        `traduction automatique (systran). Original (fr)${NBSP}: «${NBSP}La souveraineté numérique -- « exige » des ` +
        `règles communes <et> des \`normes\` #1.${NBSP}»`,
    );
    expect(noteText(2)).toContain('traduction automatique (systran)');
    expect(noteText(2)).toContain('Le droit international s’applique.');
    expect(noteText(3)).toBe('网络安全协会 (ONG), contribution c-2001, question II.i, en chinois.');
    expect(noteText(4)).toContain('traduction humaine');
    expect(noteText(4)).toContain('السيادة الرقمية تتطلب قواعد مشتركة');
    for (const note of notes) expect(style(wElements(note, 'p')[0]!)).toBe('FootnoteText');
  });

  it('ends with the list of cited contributions, once each, in order of first citation', () => {
    const heading = texts.indexOf('Contributions citées');
    const list = paragraphs.slice(heading + 1);
    expect(list.map(wText)).toEqual([
      `Dr. Amélie *Durand* [chair] (expert juridique), contribution c-1042, langue d’origine${NBSP}: français, question I.ii`,
      `网络安全协会 (ONG), contribution c-2001, langue d’origine${NBSP}: chinois, question II.i`,
      `Institut d’études (institution), contribution c-3003, langue d’origine${NBSP}: arabe, question I.ii`,
    ]);
    for (const p of list) expect(wElements(p, 'numPr')).toHaveLength(1);
  });

  it('keeps every character of the text, breaks included', () => {
    expect(texts).toContain(SPECIAL);
    expect(texts).toContain('Arabe : السيادة الرقمية, et ligne\n   indentée');
  });

  it('sets the document’s language; a French synthesis is left to right, its Arabic words right-to-left runs', () => {
    const lang = wElements(docx.xml('word/styles.xml'), 'docDefaults')[0]!.getElementsByTagNameNS(W_NS, 'lang')[0]!;
    expect(lang.getAttributeNS(W_NS, 'val')).toBe('fr-FR');
    expect(wElements(documentXml, 'bidi')).toHaveLength(0);
    const arabic = wElements(paragraphWith('Arabe : '), 'r').filter((r) => wElements(r, 'rtl').length > 0);
    expect(arabic.map(wText)).toEqual(['السيادة الرقمية']);
  });

  it('gives the same bytes for the same synthesis, dated by the caller', async () => {
    expect(await synthesisToDocx(fixtureInput)).toEqual(bytes);
    const core = strFromU8(docx.files['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-02-02T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:creator>Claire Martin, Kim Min-jun</dc:creator>');
    expect(core).toContain('<dc:language>fr-FR</dc:language>');
  });

  it('refuses a date that is not an ISO date', async () => {
    await expect(synthesisToDocx({ ...fixtureInput, date: 'yesterday' })).rejects.toThrow(RangeError);
  });

  it('gives each paragraph one style, in quotes and lists too', async () => {
    const nested = {
      type: 'doc' as const,
      content: [
        blockquote(
          heading(2, text('Titre cité')),
          { type: 'codeBlock', attrs: { language: null }, content: [text('x\ny')] },
          bulletList(item(paragraph(text('point')), paragraph(text('suite')))),
          paragraph(text('cité')),
        ),
      ],
    };
    const read = readDocx(await synthesisToDocx({ ...fixtureInput, doc: nested }));
    const all = wElements(read.xml('word/document.xml'), 'p');
    for (const p of all) expect(wElements(p, 'pStyle').length).toBeLessThanOrEqual(1);
    expect(all.map((p) => [style(p), wText(p)])).toEqual([
      ['Title', fixtureInput.title],
      [null, 'Claire Martin et Kim Min-jun'],
      [null, '2 février 2017'],
      ['Heading2', 'Titre cité'],
      [null, 'x\ny'],
      ['ListParagraph', 'point'],
      [null, 'suite'],
      ['Quote', 'cité'],
    ]);
    for (const p of all.slice(3)) expect(wElements(p, 'ind')[0]!.getAttributeNS(W_NS, 'start')).not.toBeNull();
  });

  it('writes characters XML cannot hold as U+FFFD rather than a broken file', async () => {
    const doc = {
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\u0001b' }] }],
    };
    const read = readDocx(await synthesisToDocx({ ...fixtureInput, doc }));
    expect(wElements(read.xml('word/document.xml'), 'p').map(wText)).toContain('a\uFFFDb');
  });
});

describe('synthesisToDocx in Arabic', async () => {
  const arabic = readDocx(await synthesisToDocx(arabicInput));
  const body = arabic.xml('word/document.xml');
  const footnotes = arabic.xml('word/footnotes.xml');
  const isRtl = (r: Element) => wElements(r, 'rtl').length > 0;

  it('makes every paragraph right-to-left, notes included', () => {
    const all = wElements(body, 'p');
    expect(all.length).toBeGreaterThan(5);
    for (const p of all) expect(wElements(p, 'bidi')).toHaveLength(1);
    const note = wElements(footnotes, 'footnote').find((f) => f.getAttributeNS(W_NS, 'id') === '1')!;
    expect(wElements(note, 'bidi')).toHaveLength(1);
  });

  it('writes Arabic words as right-to-left runs and a Latin quote as a left-to-right one', () => {
    const runs = wElements(body, 'r');
    const byText = (t: string) => runs.find((r) => wText(r) === t)!;
    expect(isRtl(byText('السيادة الرقمية'))).toBe(true);
    expect(wElements(byText('السيادة الرقمية'), 'bCs')).toHaveLength(1);
    expect(isRtl(byText('digital sovereignty requires common rules'))).toBe(false);
    expect(referenceIds(body)).toEqual([1]);
  });

  it('sets Arabic as the document’s language, and writes the labels in Arabic', () => {
    const lang = wElements(arabic.xml('word/styles.xml'), 'docDefaults')[0]!.getElementsByTagNameNS(W_NS, 'lang')[0]!;
    expect(lang.getAttributeNS(W_NS, 'bidi')).toBe('ar-SA');
    const texts = wElements(body, 'p').map(wText);
    expect(texts).toContain('المساهمات المستشهد بها');
    expect(wText(footnotes.documentElement)).toContain('ترجمة آلية (systran)');
    expect(wText(footnotes.documentElement)).toContain('الأصل (fr):');
  });
});

describe('hyperlinkTarget', () => {
  it('leaves a URI as it is and %-encodes what a URI cannot hold', () => {
    expect(hyperlinkTarget('https://example.org/report?a=1&b=(2)#x')).toBe('https://example.org/report?a=1&b=(2)#x');
    expect(hyperlinkTarget('https://example.org/a b/é<"x">')).toBe('https://example.org/a%20b/%C3%A9%3C%22x%22%3E');
    expect(hyperlinkTarget('https://example.org/%20')).toBe('https://example.org/%20');
  });
});

describe('directionRuns', () => {
  it.each([
    ['only Latin', 'common rules', [['common rules', false]]],
    ['only Arabic', 'قواعد مشتركة', [['قواعد مشتركة', true]]],
    [
      'Latin inside Arabic: the spaces and brackets between them are left to the bidi algorithm',
      'المساهمة c-1، السؤال (I.ii)',
      [
        ['المساهمة', true],
        [' c-1، ', false],
        ['السؤال', true],
        [' (I.ii)', false],
      ],
    ],
    [
      'Arabic with its digits',
      'فبراير 2017 ok',
      [
        ['فبراير 2017', true],
        [' ok', false],
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(directionRuns(input).map((r) => [r.text, r.rtl])).toEqual(expected);
  });
});
