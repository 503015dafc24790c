import { describe, expect, it } from 'vitest';
import type { CitationAttrs, SynthesisDoc, SynthesisNode } from '../../../shared/synthesis/document.js';
import type { SynthesisExportInput } from '../../../shared/synthesis/export/citations.js';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import { synthesisToMarkdown } from '../../../shared/synthesis/export/markdown.js';
import { markdownToSynthesis } from '../../../shared/synthesis/export/markdown-read.js';
import { bold, cite, heading, italic, paragraph, readDocx, text, W_NS, wElements } from './synthesis-fixtures.js';

/**
 * A synthesis the size of a proceedings chapter: 30 pages, about 15,000 words,
 * 100 quotes from 40 contributions. The exports must be complete at that size;
 * their time is printed for the record (speed is measured in `npm run bench`,
 * not asserted).
 */
const WORDS = ['la', 'souveraineté', 'numérique', 'exige', 'des', 'règles', 'communes', 'et', 'une', 'coopération'];
const ENGINES = ['systran', 'deepl', null];

function quote(n: number): CitationAttrs {
  const contribution = n % 40;
  const origin = (['machine', 'human', 'original'] as const)[n % 3]!;
  return {
    citationId: `cit-${n}`,
    contributionId: `c-${1000 + contribution}`,
    annotationId: n % 2 === 0 ? `a-${n}` : null,
    authorName: `Auteur ${contribution}`,
    authorKind: 'legal-expert',
    language: origin === 'original' ? 'fr' : 'en',
    origin,
    engine: origin === 'machine' ? ENGINES[n % ENGINES.length]! : null,
    originalLanguage: 'fr',
    originalText: origin === 'original' ? null : `Passage original numéro ${n}, avec des *astérisques*.`,
    textHash: `sha256:${n}`,
    sourceVersion: 1,
    questionCode: `I.${(n % 4) + 1}`,
  };
}

function words(count: number, seed: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[(seed + i * 7) % WORDS.length]).join(' ');
}

function bigSynthesis(): SynthesisDoc {
  const content: SynthesisNode[] = [];
  for (let n = 0; n < 100; n += 1) {
    if (n % 10 === 0) content.push(heading(n % 20 === 0 ? 1 : 2, text(`Partie ${n / 10 + 1}`)));
    content.push(
      paragraph(
        text(`${words(70, n)} `),
        text(words(3, n + 1), bold),
        text(` ${words(40, n + 2)} `),
        text(words(12, n + 3), cite(quote(n))),
        text(` ${words(20, n + 4)} `),
        text(words(3, n + 5), italic),
        text(` ${words(2, n)}.`),
      ),
    );
  }
  return { type: 'doc', content };
}

const input: SynthesisExportInput = {
  title: 'Actes du séminaire — synthèse',
  language: 'fr',
  doc: bigSynthesis(),
  authors: ['Claire Martin'],
  date: '2017-02-02',
};

describe('a 30-page synthesis', () => {
  it('exports completely to Markdown and DOCX', async () => {
    const wordCount = JSON.stringify(input.doc)
      .match(/"text":"[^"]*"/g)!
      .join(' ')
      .split(/\s+/).length;
    expect(wordCount).toBeGreaterThan(15_000);

    let start = performance.now();
    const markdown = synthesisToMarkdown(input);
    const markdownMs = performance.now() - start;
    start = performance.now();
    const back = markdownToSynthesis(markdown);
    const readMs = performance.now() - start;
    start = performance.now();
    const bytes = await synthesisToDocx(input);
    const docxMs = performance.now() - start;
    console.log(
      `30-page synthesis (${wordCount} words, 100 quotes): Markdown ${markdownMs.toFixed(0)} ms ` +
        `(${markdown.length} characters), read back ${readMs.toFixed(0)} ms, DOCX ${docxMs.toFixed(0)} ms (${bytes.length} bytes)`,
    );

    expect(markdown.match(/^\[\^\d+\]: /gm)).toHaveLength(100);
    expect(markdown.match(/\[\^\d+\](?!:)/g)).toHaveLength(100);
    expect(back.doc).toStrictEqual(input.doc);

    const docx = readDocx(bytes);
    const notes = wElements(docx.xml('word/footnotes.xml'), 'footnote').filter(
      (f) => Number(f.getAttributeNS(W_NS, 'id')) > 0,
    );
    expect(notes).toHaveLength(100);
    const body = docx.xml('word/document.xml');
    expect(wElements(body, 'footnoteReference')).toHaveLength(100);
    // 40 cited contributions, each once.
    expect(wElements(body, 'numPr')).toHaveLength(40);
  });
});
