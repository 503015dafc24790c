import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proceedingsToDocx } from '../../../../shared/export/proceedings/docx.js';
import type { ProceedingsInput } from '../../../../shared/export/proceedings/input.js';
import { proceedingsToPdf } from '../../../../shared/export/proceedings/pdf.js';
import { proceedingsToSite } from '../../../../shared/export/proceedings/site.js';
import type { MaterialId } from '../../../../shared/model/material.js';
import { materialQuoteBlock, materialQuoteFor } from '../../../../shared/synthesis/material-quote.js';
import { nodeFontSource } from '../../../support/proceedings-fonts.js';
import { readDocx, W_NS, wElements, wText } from '../../synthesis/synthesis-fixtures.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * A synthesis quoting a page of the preparatory study, published: the
 * proceedings' site, Word and PDF give the quote a note with its provenance
 * ("title", p. N), beside the contributions' notes.
 */
const quote = materialQuoteFor(
  { id: 'study-1', title: { en: 'Preparatory study', fr: 'Étude préparatoire' }, owner: { kind: 'question', id: 'q' } },
  {
    kind: 'pdf',
    materialId: 'study-1' as MaterialId,
    sha256: 'b'.repeat(64),
    page: 37,
    textHash: 'h',
    quote: { exact: 'no State may knowingly allow its territory to be used', prefix: '', suffix: '' },
    position: { start: 0, end: 10 },
  },
  { quoteId: 'mq-1', noteId: null },
  '2017-02-02',
);

function withQuote(): ProceedingsInput {
  const input = demoProceedings('en');
  const synthesis = input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
  synthesis.doc = { ...synthesis.doc, content: [materialQuoteBlock(quote), ...synthesis.doc.content] };
  return input;
}

const NOTE = '“Preparatory study”, p. 37.';
const dir = mkdtempSync(join(tmpdir(), 'proceedings-material-quote-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a quote of a document in the proceedings', () => {
  it('is noted with its document and page on the site, before the contributions’ notes', async () => {
    const site = await proceedingsToSite([withQuote()], nodeFontSource());
    const page = [...site].find(
      ([path, bytes]) => path.startsWith('en/q-') && new TextDecoder().decode(bytes).includes('knowingly'),
    );
    const html = new TextDecoder().decode(page![1]);
    expect(html).toContain('<q class="quote" dir="auto">no State may knowingly allow its territory to be used</q>');
    const notes = [...html.matchAll(/<li id="[^"]*note-(\d+)"[^>]*>(.*?)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(notes[0]![1]).toContain(NOTE);
    expect(notes[0]![1]).not.toContain('class="source"');
    expect(notes[1]![1]).toContain('class="source"');
  });

  it('is noted with its document and page in Word', async () => {
    const docx = readDocx(await proceedingsToDocx(withQuote()));
    const notes = wElements(docx.xml('word/footnotes.xml'), 'footnote')
      .filter((f) => Number(f.getAttributeNS(W_NS, 'id')) > 0)
      .map(wText);
    expect(notes).toContain(NOTE);
  });

  it('is noted with its document and page in the PDF', async () => {
    const file = join(dir, 'en.pdf');
    writeFileSync(file, await proceedingsToPdf(withQuote(), nodeFontSource()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
    expect(text.replace(/\s+/g, ' ')).toContain(NOTE);
  }, 120_000);
});
