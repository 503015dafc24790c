import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { synthesisToMarkdown } from '../../../shared/synthesis/export/markdown.js';
import { markdownToSynthesis } from '../../../shared/synthesis/export/markdown-read.js';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import {
  readDocx,
  wElements,
  wText,
  arabicInput,
  fixtureDoc,
  fixtureInput,
  HUMAN_QUOTE,
  MACHINE_QUOTE,
  ORIGINAL_QUOTE,
  SAME_CONTRIBUTION_QUOTE,
} from './synthesis-fixtures.js';

const NBSP = '\u00a0';
const markdown = synthesisToMarkdown(fixtureInput);
const [, frontMatter = '', rest = ''] = /^---\n([^]*?)\n---\n([^]*)$/.exec(markdown) ?? [];
const [body = '', generated = ''] = rest.split('<!-- seminar-desk: end of synthesis -->');
const definitions = generated.split('\n').filter((line) => line.startsWith('[^'));

/** The fixture as the export writes it: its empty paragraph (the editor's spacing) left out. */
const exportedDoc = {
  ...fixtureDoc,
  content: fixtureDoc.content.filter((n) => !(n.type === 'paragraph' && !n.content?.length)),
};

describe('synthesisToMarkdown', () => {
  it('starts with front matter naming the title, rapporteurs, date, language and direction', () => {
    expect(frontMatter.split('\n')).toEqual([
      'title: "Synthèse I.ii — gouvernance"',
      'author:',
      '  - "Claire Martin"',
      '  - "Kim Min-jun"',
      'date: "2017-02-02"',
      'lang: "fr"',
      'dir: "ltr"',
    ]);
  });

  it('writes each run of quoted words as it is, followed by the reference of its quote’s note', () => {
    // The quote cut by a bold word is one run with one reference; the same quote later refers to the same note.
    expect(body).toContain('> digital sovereignty requires **common** rules[^1]\n');
    expect(body).toContain(
      '_digital sovereignty_[^1], puis international law applies[^2] ; en chinois, 网络主权需要共同规则[^3]',
    );
    expect(body).toContain('traduit de l’arabe : la souveraineté numérique[^4].');
    expect(body.match(/\[\^\d+\]/g)).toEqual(['[^1]', '[^1]', '[^2]', '[^3]', '[^4]']);
  });

  it('writes one note per quote at the end, in the synthesis’s language, with the citation data in a comment', () => {
    expect(definitions.map((d) => /^\[\^(\d+)\]:/.exec(d)?.[1])).toEqual(['1', '2', '3', '4']);
    const human = definitions.map((d) => d.slice(0, d.indexOf(' <!-- cite ')));
    // A quote from a machine translation says so and gives the original's wording; Markdown characters stay text.
    expect(human[0]).toBe(
      `[^1]: Dr. Amélie \\*Durand\\* \\[chair\\] (expert juridique), contribution c-1042, question I.ii, en anglais — ` +
        `traduction automatique (systran). Original (fr)${NBSP}: «${NBSP}La souveraineté numérique -- « exige » des ` +
        `règles communes \\<et> des \\\`normes\\\` #1.${NBSP}»`,
    );
    expect(human[1]).toContain('contribution c-1042, question I.ii, en anglais — traduction automatique (systran).');
    expect(human[1]).toContain('«\u00a0Le droit international s’applique.\u00a0»');
    expect(human[2]).toBe('[^3]: 网络安全协会 (ONG), contribution c-2001, question II.i, en chinois.');
    expect(human[3]).toBe(
      `[^4]: Institut d’études (institution), contribution c-3003, question I.ii, en français — traduction humaine. ` +
        `Original (ar)${NBSP}: «${NBSP}السيادة الرقمية تتطلب قواعد مشتركة${NBSP}»`,
    );
    const data = definitions.map((d) => JSON.parse(/<!-- cite (.*) -->$/.exec(d)![1]!) as unknown);
    expect(data).toEqual([
      { attrs: MACHINE_QUOTE, runs: [QUOTE_LENGTH, 'digital sovereignty'.length] },
      { attrs: SAME_CONTRIBUTION_QUOTE, runs: ['international law applies'.length] },
      { attrs: ORIGINAL_QUOTE, runs: ['网络主权需要共同规则'.length] },
      { attrs: HUMAN_QUOTE, runs: ['la souveraineté numérique'.length] },
    ]);
    // "--" would end the comment early in GFM and older CommonMark.
    for (const d of definitions) expect(d.slice(d.indexOf('<!--') + 4, -3)).not.toContain('--');
  });

  it('lists each cited contribution once, in order of first citation, under a heading in the synthesis’s language', () => {
    const lines = generated.split('\n').filter((line) => line !== '' && !line.startsWith('[^'));
    expect(lines).toEqual([
      '# Contributions citées',
      `1. Dr. Amélie \\*Durand\\* \\[chair\\] (expert juridique), contribution c-1042, langue d’origine${NBSP}: français, question I.ii`,
      `2. 网络安全协会 (ONG), contribution c-2001, langue d’origine${NBSP}: chinois, question II.i`,
      `3. Institut d’études (institution), contribution c-3003, langue d’origine${NBSP}: arabe, question I.ii`,
    ]);
  });

  it('escapes what Markdown would read as markup, and only that', () => {
    expect(body).toContain(
      'Stars \\*a\\* \\_b\\_ \\[link\\](x) #1 \\<b>tag\\</b> \\`code\\` a\\\\b & \\&amp; \\~\\~s\\~\\~ \\| pipe > gt 100% !\n',
    );
    // At a line's start, what would open a list or a heading is escaped too; leading spaces are kept as a reference.
    expect(body).toContain('- \\- pas une liste\\\n  \\# pas un titre\n');
    expect(body).toContain('Arabe : السيادة الرقمية, et ligne\\\n&#32;  indentée\n');
    expect(body).toContain('### Points \\#2 & \\<3>\n');
  });

  it('uses HTML where Markdown has no way to say it: bold with edge spaces', () => {
    expect(body).toContain('- <strong> gras avec espaces </strong>fin\n');
  });

  it('leaves an empty paragraph out rather than write <p></p>', () => {
    expect(body).not.toContain('<p></p>');
    expect(body).not.toMatch(/\n\n\n/);
  });

  it('writes links, code, strikethrough and lists the usual way', () => {
    expect(body).toContain('[le rapport](https://example.org/report?a=1&b=\\(2\\))');
    expect(body).toContain('`npm run bench`');
    expect(body).toContain('~~idée abandonnée~~');
    expect(body).toContain('- Premier point\n\n  3. trois\n  4. quatre\n');
    expect(body).toContain('\n1. un\n2. deux\n');
  });

  it('refuses a date that is not an ISO date', () => {
    expect(() => synthesisToMarkdown({ ...fixtureInput, date: '02/02/2017' })).toThrow(RangeError);
  });
});

const QUOTE_LENGTH = 'digital sovereignty requires common rules'.length;

describe('markdownToSynthesis', () => {
  it('reads back exactly the document that was exported', () => {
    expect(markdownToSynthesis(markdown).doc).toStrictEqual(exportedDoc);
  });

  it('reads back the title, language, rapporteurs and date', () => {
    const { title, language, authors, date } = markdownToSynthesis(markdown);
    expect({ title, language, authors, date }).toEqual({
      title: fixtureInput.title,
      language: 'fr',
      authors: fixtureInput.authors,
      date: '2017-02-02',
    });
  });

  it.each(LANGUAGES)('round-trips the synthesis exported in %s', (language) => {
    const exported = synthesisToMarkdown({ ...fixtureInput, language });
    const read = markdownToSynthesis(exported);
    expect(read.doc).toStrictEqual(exportedDoc);
    expect(read.language).toBe(language);
  });

  it('marks an Arabic synthesis right-to-left in the front matter only, and round-trips it', () => {
    const exported = synthesisToMarkdown(arabicInput);
    expect(exported).toMatch(/^---\ntitle: "خلاصة السؤال I.ii"\nauthor:\n {2}- "ليلى حداد"\n/);
    expect(exported).toContain('\nlang: "ar"\ndir: "rtl"\n---\n');
    expect(exported).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/);
    expect(exported).toContain('\n# المساهمات المستشهد بها\n');
    expect(exported).toContain('ترجمة آلية (systran)');
    const read = markdownToSynthesis(exported);
    expect(read.doc).toStrictEqual(arabicInput.doc);
    expect(read.language).toBe('ar');
  });

  it('round-trips a synthesis without citations, and an empty one', () => {
    const plain = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] };
    const exported = synthesisToMarkdown({ ...fixtureInput, doc: plain });
    expect(exported).not.toContain('Contributions citées');
    expect(markdownToSynthesis(exported).doc).toStrictEqual(plain);
    const empty = { type: 'doc' as const, content: [] };
    expect(markdownToSynthesis(synthesisToMarkdown({ ...fixtureInput, doc: empty })).doc).toStrictEqual(empty);
  });

  it('keeps a nested list whose first item is empty a list, not a heading under its paragraph', () => {
    // Found by the round-trip property (seed 2089016256): "a" then a bare "-" is a setext heading in CommonMark.
    const text = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
    const emptyItem = { type: 'listItem', content: [{ type: 'paragraph' }] };
    for (const nested of [
      { type: 'bulletList', content: [emptyItem] },
      { type: 'bulletList', content: [emptyItem, { type: 'listItem', content: [text('b')] }] },
      { type: 'orderedList', attrs: { start: 1, type: null }, content: [emptyItem] },
    ]) {
      for (const outer of ['bulletList', 'orderedList']) {
        const list = { type: outer, ...(outer === 'orderedList' ? { attrs: { start: 1, type: null } } : {}) };
        const doc = {
          type: 'doc' as const,
          content: [{ ...list, content: [{ type: 'listItem', content: [text('a'), nested] }] }],
        };
        const exported = synthesisToMarkdown({ ...fixtureInput, doc });
        expect(markdownToSynthesis(exported).doc, exported).toStrictEqual(doc);
      }
    }
  });

  it('reads Markdown from elsewhere without losing words: what it does not know stays text', () => {
    const read = markdownToSynthesis(
      'Intro with *em*, __strong__ and a note[^x].\nSoft line\n\n* item\n* item 2\n\nTitle\n=====\n\n[^x]: a plain footnote\n',
    );
    expect(read.title).toBe('');
    expect(read.language).toBeNull();
    expect(read.doc.content).toStrictEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Intro with ' },
          { type: 'text', text: 'em', marks: [{ type: 'italic' }] },
          { type: 'text', text: ', ' },
          { type: 'text', text: 'strong', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and a note[^x]. Soft line' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item 2' }] }] },
        ],
      },
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '[^x]: a plain footnote' }] },
    ]);
  });

  it('takes no citation from a malformed or tampered note: the reference stays as text', () => {
    const broken = markdown.replace(/"authorKind":"legal-expert"/g, '"authorKind":"pirate"');
    const read = markdownToSynthesis(broken);
    const json = JSON.stringify(read.doc);
    expect(json).not.toContain('cit-1');
    expect(json).not.toContain('cit-2');
    expect(json).toContain('rules[^1]');
    // The other quotes are intact.
    expect(json).toContain('cit-3');
    expect(json).toContain('cit-4');
  });
});

describe('a quote of a withdrawn contribution', () => {
  it('is cited with the withdrawal said in its note and in the list, in Markdown as in DOCX', async () => {
    const input = { ...fixtureInput, language: 'en' as const, withdrawn: ['c-1042'] };
    const md = synthesisToMarkdown(input);
    const notes = md.split('\n').filter((line) => line.startsWith('[^'));
    const withdrawnNotes = notes.filter((line) => line.includes('Contribution withdrawn since it was quoted.'));
    expect(withdrawnNotes.length).toBeGreaterThan(0);
    expect(withdrawnNotes.every((line) => line.includes('contribution c-1042'))).toBe(true);
    expect(notes.filter((line) => !line.includes('contribution c-1042')).join('\n')).not.toContain('withdrawn');
    expect(md).toMatch(/^\d+\. .*contribution c-1042.*, withdrawn$/m);
    // Still read back as the same document: the mention is for readers, the citation data is unchanged.
    expect(markdownToSynthesis(md).doc).toStrictEqual(exportedDoc);

    const docx = readDocx(await synthesisToDocx(input));
    const footnotes = wElements(docx.xml('word/footnotes.xml'), 'footnote').map(wText);
    expect(
      footnotes.some((t) => t.includes('c-1042') && t.includes('Contribution withdrawn since it was quoted.')),
    ).toBe(true);
    const body = wElements(docx.xml('word/document.xml'), 'p').map(wText);
    expect(body.some((t) => t.includes('c-1042') && t.endsWith(', withdrawn'))).toBe(true);
  });
});
