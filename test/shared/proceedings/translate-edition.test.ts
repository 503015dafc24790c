import { describe, expect, it } from 'vitest';
import type { ProceedingsInput } from '../../../shared/export/proceedings/input.js';
import {
  editionQuotes,
  parseInline,
  quoteKey,
  serializeInline,
  translateEdition,
  translationUnits,
  type QuoteVersion,
} from '../../../shared/proceedings/translate-edition.js';
import { citationsIn } from '../../../shared/synthesis/citation.js';
import type { CitationAttrs, SynthesisNode } from '../../../shared/synthesis/document.js';
import { demoProceedings } from '../export/proceedings/proceedings-fixtures.js';

const cited: SynthesisNode = {
  type: 'text',
  text: 'due <diligence>',
  marks: [{ type: 'citation', attrs: { citationId: 'c' } as never }],
};
const block: SynthesisNode[] = [
  { type: 'text', text: 'States & ' },
  cited,
  { type: 'hardBreak' },
  { type: 'text', text: 'now', marks: [{ type: 'bold' }] },
];

describe('a block sent to translation as text with tags', () => {
  it('keeps marks, breaks and special characters through a provider that keeps the tags', () => {
    const { text, marks } = serializeInline(block);
    expect(text).toBe('States &amp; <x0>due &lt;diligence&gt;</x0><br/><x1>now</x1>');
    expect(parseInline(text, marks, block)).toEqual(block);
    const moved = parseInline('<x1>Jetzt</x1> Staaten &amp; <x0>Sorgfalt</x0>', marks, block);
    expect(moved).toEqual([
      { type: 'text', text: 'Jetzt', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' Staaten & ' },
      { type: 'text', text: 'Sorgfalt', marks: cited.marks },
    ]);
  });

  it('never loses a quote when the provider breaks the tags: the source piece follows the translated words', () => {
    const { marks } = serializeInline(block);
    const broken = parseInline('Staaten <x0>Sorgfalt jetzt', marks, block);
    expect(broken[0]).toEqual({ type: 'text', text: 'Staaten  Sorgfalt jetzt' });
    expect(broken).toContainEqual(cited);
    const dropped = parseInline('Staaten Sorgfalt <x1>jetzt</x1>', marks, block);
    expect(dropped).toContainEqual(cited);
  });
});

describe('a quote in an edition of another language', () => {
  const attrs = (fields: Partial<CitationAttrs>): CitationAttrs => ({
    citationId: 'q',
    contributionId: 'c3',
    annotationId: null,
    authorName: 'Haddad',
    authorKind: 'ngo',
    language: 'en',
    origin: 'original',
    engine: null,
    originalLanguage: 'en',
    originalText: null,
    textHash: 'h-en',
    sourceVersion: 2,
    questionCode: '1',
    ...fields,
  });
  // A quote in two pieces (its last word bold), and another quote of the same contribution.
  const paragraph: SynthesisNode = {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Elle conclut : ' },
      { type: 'text', text: 'They must also ', marks: [{ type: 'citation', attrs: attrs({}) }] },
      { type: 'text', text: 'cooperate!', marks: [{ type: 'bold' }, { type: 'citation', attrs: attrs({}) }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'Who else?', marks: [{ type: 'citation', attrs: attrs({ citationId: 'r' }) }] },
    ],
  };
  const base = demoProceedings('fr', { syntheses: 1 });
  const synthesis = base.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
  const input = {
    ...base,
    foreword: null,
    closing: null,
    days: [
      {
        ...base.days[0]!,
        sessions: [
          {
            ...base.days[0]!.sessions[0]!,
            questions: [
              {
                ...base.days[0]!.sessions[0]!.questions[0]!,
                syntheses: [{ ...synthesis, doc: { type: 'doc' as const, content: [paragraph] } }],
              },
            ],
          },
        ],
      },
    ],
  };
  const sameWords = new Map(translationUnits(input).map((u) => [u.hash, u.text]));
  const quotesOf = (edition: ProceedingsInput) =>
    citationsIn({ type: 'doc', content: edition.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!.doc.content });
  const piecesOf = (edition: ProceedingsInput) =>
    edition.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!.doc.content[0]!.content!;

  it('lists each quote of an edition once, its pieces joined, named by contribution, language and words', () => {
    expect(editionQuotes(input)).toEqual([
      {
        key: quoteKey('c3', 'en', 'They must also cooperate!'),
        contributionId: 'c3',
        language: 'en',
        words: 'They must also cooperate!',
      },
      { key: quoteKey('c3', 'en', 'Who else?'), contributionId: 'c3', language: 'en', words: 'Who else?' },
    ]);
    expect(quoteKey('c3', 'en', 'Who else?')).not.toBe(quoteKey('c4', 'en', 'Who else?'));
    expect(quoteKey('c3', 'en', 'Who else?')).not.toBe(quoteKey('c3', 'fr', 'Who else?'));
  });

  it('takes the version’s passage, once for a quote in pieces, with that version’s provenance', () => {
    const version: QuoteVersion = {
      text: 'Sie müssen auch zusammenarbeiten!',
      origin: 'human',
      engine: null,
      sourceVersion: 2,
      textHash: 'h-de',
    };
    const key = quoteKey('c3', 'en', 'They must also cooperate!');
    const de = translateEdition(
      input,
      'de',
      'fake',
      (h) => sameWords.get(h),
      undefined,
      (k) => (k === key ? version : undefined),
    )!;
    expect(piecesOf(de).map((n) => n.text)).toEqual([
      'Elle conclut : ',
      'Sie müssen auch zusammenarbeiten!',
      ' ',
      'Who else?',
    ]);
    const [whole, other] = quotesOf(de);
    expect(whole).toEqual(
      attrs({ language: 'de', origin: 'human', originalText: 'They must also cooperate!', textHash: 'h-de' }),
    );
    // The other quote has no passage there: translated with the edition, marked machine.
    expect(other).toEqual(
      attrs({ citationId: 'r', language: 'de', origin: 'machine', engine: 'fake', originalText: 'Who else?' }),
    );
    // A machine version names its engine; without versions the edition is as before.
    const machine = { ...version, origin: 'machine' as const, engine: 'systran' };
    const zh = translateEdition(
      input,
      'zh',
      'fake',
      (h) => sameWords.get(h),
      undefined,
      (k) => (k === key ? machine : undefined),
    )!;
    expect(quotesOf(zh)[0]).toMatchObject({ origin: 'machine', engine: 'systran', textHash: 'h-de' });
    const plain = translateEdition(input, 'de', 'fake', (h) => sameWords.get(h))!;
    expect(quotesOf(plain)[0]).toMatchObject({ origin: 'machine', engine: 'fake', textHash: 'h-en' });
    expect(piecesOf(plain).map((n) => n.text)).toEqual(piecesOf(input).map((n) => n.text));
  });
});
