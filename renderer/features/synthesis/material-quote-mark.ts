import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { QuestionId } from '../../../shared/model/entities.js';
import type { MaterialQuoteAttrs } from '../../../shared/synthesis/material-quote.js';
import { href } from '../../app/routes.js';

const KEYS: (keyof MaterialQuoteAttrs)[] = [
  'quoteId',
  'materialId',
  'materialTitle',
  'questionId',
  'sha256',
  'page',
  'exact',
  'prefix',
  'suffix',
  'noteId',
  'quotedOn',
];

/** Where the quote leads: the document, open at the page quoted (on its question's page). */
export function materialQuoteHref(attrs: Pick<MaterialQuoteAttrs, 'questionId' | 'materialId' | 'page'>): string {
  if (!attrs.questionId) return '#/';
  return href({
    name: 'question',
    id: attrs.questionId as QuestionId,
    material: { id: attrs.materialId, page: attrs.page },
  });
}

/** The attributes as one JSON attribute of the link (some are objects and numbers, which data-* would flatten). */
const DATA = 'data-material-quote';

/**
 * The `materialQuote` mark (shared/synthesis/material-quote.ts): words quoted
 * from a page of a PDF material, carrying their provenance into the CRDT and
 * the exports. Drawn as a link to the page; a click opens it.
 */
export const MaterialQuote = Mark.create({
  name: 'materialQuote',
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
    const attrs = mark.attrs as MaterialQuoteAttrs;
    return [
      'a',
      mergeAttributes(HTMLAttributes, {
        class: 'material-quote',
        href: materialQuoteHref(attrs),
        [DATA]: JSON.stringify(attrs),
        'data-testid': 'material-quote',
      }),
      0,
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleClick(_view, _pos, event) {
            const link = (event.target as HTMLElement | null)?.closest?.('a.material-quote');
            if (!link) return false;
            const target = link.getAttribute('href') ?? '';
            if (target.startsWith('#/questions/')) window.location.hash = target;
            return true;
          },
        },
      }),
    ];
  },
});
