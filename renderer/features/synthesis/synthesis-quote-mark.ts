import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { SynthesisQuoteAttrs } from '../../../shared/synthesis/synthesis-quote.js';

const KEYS: (keyof SynthesisQuoteAttrs)[] = [
  'quoteId',
  'eventId',
  'eventTitle',
  'eventStartsOn',
  'eventEndsOn',
  'synthesisId',
  'synthesisTitle',
  'synthesisLanguage',
  'rapporteur',
  'questionCode',
  'block',
  'start',
  'end',
  'exact',
  'prefix',
  'suffix',
  'blockHash',
  'quotedOn',
];

/** Where the quote leads: the earlier synthesis, at the passage as it was quoted. */
export function synthesisQuoteHref(
  attrs: Pick<SynthesisQuoteAttrs, 'synthesisId' | 'block' | 'start' | 'end'>,
): string {
  return `#/syntheses/${encodeURIComponent(attrs.synthesisId)}/at/${attrs.block}/${attrs.start}-${attrs.end}`;
}

/** The attributes as one JSON attribute of the link (some are objects and numbers, which data-* would flatten). */
const DATA = 'data-quote';

/**
 * The `synthesisQuote` mark (shared/synthesis/synthesis-quote.ts): words quoted
 * from an earlier event's synthesis, carrying their provenance into the CRDT
 * and the exports. Drawn as a link to the passage; a click opens it.
 */
export const SynthesisQuote = Mark.create({
  name: 'synthesisQuote',
  inclusive: false,
  addAttributes() {
    return Object.fromEntries(
      KEYS.map((key) => [
        key,
        {
          default: null,
          parseHTML: (element: HTMLElement) => {
            try {
              return (JSON.parse(element.getAttribute(DATA) ?? '{}') as Record<string, unknown>)[key] ?? null;
            } catch {
              return null;
            }
          },
          // Written once, whole, by renderHTML below.
          renderHTML: () => ({}),
        },
      ]),
    );
  },
  parseHTML() {
    return [{ tag: `a[${DATA}]` }];
  },
  renderHTML({ HTMLAttributes, mark }) {
    const attrs = mark.attrs as SynthesisQuoteAttrs;
    return [
      'a',
      mergeAttributes(HTMLAttributes, {
        class: 'synthesis-quote',
        href: synthesisQuoteHref(attrs),
        [DATA]: JSON.stringify(attrs),
        'data-testid': 'synthesis-quote',
      }),
      0,
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleClick(_view, _pos, event) {
            const link = (event.target as HTMLElement | null)?.closest?.('a.synthesis-quote');
            if (!link) return false;
            const href = link.getAttribute('href') ?? '';
            if (href.startsWith('#/syntheses/')) window.location.hash = href;
            return true;
          },
        },
      }),
    ];
  },
});
