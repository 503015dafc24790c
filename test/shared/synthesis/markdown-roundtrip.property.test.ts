import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SynthesisDoc, SynthesisMark, SynthesisNode } from '../../../shared/synthesis/document.js';
import { markRank } from '../../../shared/synthesis/export/markdown-syntax.js';
import { synthesisToMarkdown } from '../../../shared/synthesis/export/markdown.js';
import { markdownToSynthesis } from '../../../shared/synthesis/export/markdown-read.js';
import { fixtureInput, HUMAN_QUOTE, MACHINE_QUOTE, ORIGINAL_QUOTE } from './synthesis-fixtures.js';

/**
 * Random documents of the supported nodes and marks, with text made of the
 * characters Markdown cares about, go through Markdown and come back equal.
 * Documents are first put in the form ProseMirror keeps them in (neighbouring
 * text nodes with equal marks joined, marks in schema order), since the
 * editor never stores anything else.
 */
const PIECES = [
  'a',
  'word',
  'é',
  'بحث',
  '中文',
  '🌐',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '*',
  '**',
  '_',
  '`',
  '``',
  '[',
  ']',
  '[^1]',
  '#',
  '<',
  '>',
  '<b>',
  '&',
  '&amp;',
  '&#10;',
  '\\',
  '~',
  '|',
  '!',
  '(',
  ')',
  ':',
  '-',
  '+',
  '=',
  '1.',
  '2)',
  '^',
  '"',
  '«',
  '€',
  '<!--',
  '-->',
];

const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const markArb: fc.Arbitrary<SynthesisMark> = fc.oneof(
  fc.constant<SynthesisMark>({ type: 'bold' }),
  fc.constant<SynthesisMark>({ type: 'italic' }),
  fc.constant<SynthesisMark>({ type: 'strike' }),
  fc.constant<SynthesisMark>({ type: 'code' }),
  fc.constant({ type: 'underline' } as unknown as SynthesisMark),
  fc
    .constantFrom('https://example.org/a?b=1&c=2', 'with space', 'a(b', '<x>', 'q&amp;r', '', 'mailto:x@y.z')
    .map((href): SynthesisMark => ({ type: 'link', attrs: { href } })),
  fc.constant({ type: 'link', attrs: { href: 'https://x.org', title: 'a "title" \\ (x) &amp;' } } as SynthesisMark),
  fc
    .constantFrom(MACHINE_QUOTE, HUMAN_QUOTE, ORIGINAL_QUOTE)
    .map((attrs): SynthesisMark => ({ type: 'citation', attrs })),
);
const marksArb = fc
  .uniqueArray(markArb, { maxLength: 3, selector: (m) => m.type })
  .map((marks) => [...marks].sort((a, b) => markRank(a.type) - markRank(b.type)));
const inlineArb: fc.Arbitrary<SynthesisNode> = fc
  .oneof(
    { weight: 5, arbitrary: fc.record({ text: textArb, marks: marksArb }) },
    { weight: 1, arbitrary: marksArb.map((marks) => ({ marks })) },
  )
  .map((n): SynthesisNode => {
    const marks = n.marks.length > 0 ? { marks: n.marks } : {};
    return 'text' in n ? { type: 'text', text: n.text, ...marks } : { type: 'hardBreak', ...marks };
  });
const inlinesArb = fc.array(inlineArb, { maxLength: 6 });

const withContent = (node: SynthesisNode, content: SynthesisNode[]): SynthesisNode =>
  content.length > 0 ? { ...node, content } : node;

const { block: blockArb } = fc.letrec<{ block: SynthesisNode; item: SynthesisNode }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: inlinesArb.map((c) => withContent({ type: 'paragraph' }, c)) },
    {
      weight: 2,
      arbitrary: fc
        .record({ level: fc.integer({ min: 1, max: 6 }), c: inlinesArb })
        .map(({ level, c }) => withContent({ type: 'heading', attrs: { level } }, c)),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(tie('block'), { minLength: 1, maxLength: 3 })
        .map((c) => ({ type: 'blockquote', content: c })),
    },
    {
      weight: 1,
      arbitrary: fc.array(tie('item'), { minLength: 1, maxLength: 3 }).map((c) => ({ type: 'bulletList', content: c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ start: fc.integer({ min: 0, max: 12 }), c: fc.array(tie('item'), { minLength: 1, maxLength: 3 }) })
        .map(({ start, c }) => ({ type: 'orderedList', attrs: { start, type: null }, content: c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          language: fc.constantFrom(null, 'ts', 'c++', 'a`b'),
          text: fc.array(fc.constantFrom('x', '`', '```', '~~~', '\n', ' ', '<p></p>', '    y'), { maxLength: 6 }),
        })
        .map(({ language, text }) =>
          withContent(
            { type: 'codeBlock', attrs: { language } },
            text.length > 0 ? [{ type: 'text', text: text.join('') }] : [],
          ),
        ),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'horizontalRule' }) },
  ),
  item: fc
    .record({ first: inlinesArb, rest: fc.array(tie('block'), { maxLength: 2 }) })
    .map(({ first, rest }) => ({ type: 'listItem', content: [withContent({ type: 'paragraph' }, first), ...rest] })),
}));

/** What ProseMirror would store: no empty text, neighbours with equal marks joined. */
function canonical(nodes: readonly SynthesisNode[]): SynthesisNode[] {
  const out: SynthesisNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.text === '') continue;
      const last = out[out.length - 1];
      if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
        out[out.length - 1] = { ...last, text: last.text! + node.text! };
        continue;
      }
      out.push({ ...node });
    } else if (node.type === 'codeBlock') {
      out.push(node);
    } else {
      out.push(node.content ? withContent({ ...node, content: undefined }, canonical(node.content)) : node);
    }
  }
  return out.map((n) => {
    if (n.content !== undefined) return n;
    const { content: _drop, ...rest } = n;
    return rest;
  });
}

/** The export leaves empty paragraphs out, but in list items (where they hold the item's place). */
function withoutEmptyParagraphs(nodes: readonly SynthesisNode[], drop = true): SynthesisNode[] {
  return nodes.flatMap((node): SynthesisNode[] => {
    if (drop && node.type === 'paragraph' && (node.content ?? []).length === 0) return [];
    if (node.type === 'blockquote') {
      const content = withoutEmptyParagraphs(node.content ?? [], true);
      return content.length > 0 ? [{ ...node, content }] : [];
    }
    if (node.type === 'codeBlock' || !node.content) return [node];
    return [{ ...node, content: withoutEmptyParagraphs(node.content, false) }];
  });
}

const docArb = fc
  .array(blockArb, { maxLength: 5 })
  .map((content): SynthesisDoc => ({ type: 'doc', content: withoutEmptyParagraphs(canonical(content)) }));

describe('Markdown round trip (property)', () => {
  it('gives back every random document of the supported nodes and marks', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const markdown = synthesisToMarkdown({ ...fixtureInput, doc });
        expect(markdownToSynthesis(markdown).doc).toStrictEqual(doc);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});
