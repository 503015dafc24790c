import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { CitationAttrs } from '../../../shared/synthesis/document.js';

const KEYS: (keyof CitationAttrs)[] = [
  'citationId',
  'contributionId',
  'annotationId',
  'authorName',
  'authorKind',
  'language',
  'origin',
  'engine',
  'originalLanguage',
  'originalText',
  'textHash',
  'sourceVersion',
  'questionCode',
  'inAnswerTo',
];

/** Where a citation leads: the contribution, at the highlight it was quoted from. */
export function citationHref(attrs: Pick<CitationAttrs, 'contributionId' | 'annotationId'>): string {
  const id = encodeURIComponent(attrs.contributionId);
  return attrs.annotationId
    ? `#/contributions/${id}/notes/${encodeURIComponent(attrs.annotationId)}`
    : `#/contributions/${id}`;
}

/**
 * The `citation` mark (shared/synthesis/document.ts): the quoted words carry
 * their provenance as flat attributes, which the CRDT stores with the text and
 * the exports read. Drawn as a link to the passage, marked when the words are
 * a machine translation; a click opens the passage.
 */
export const Citation = Mark.create({
  name: 'citation',
  inclusive: false,
  addAttributes() {
    return Object.fromEntries(
      KEYS.map((key) => [
        key,
        {
          // inAnswerTo is absent from a quote that answers nothing (never null: the exports' schema says so).
          default: key === 'inAnswerTo' ? undefined : null,
          parseHTML: (element: HTMLElement) => {
            const raw = element.getAttribute(`data-${key}`);
            if (raw === null) return null;
            if (key === 'sourceVersion') return Number(raw);
            if (key !== 'inAnswerTo') return raw;
            try {
              return JSON.parse(raw) as unknown;
            } catch {
              return null;
            }
          },
          // inAnswerTo is an object: as JSON (String() would make it "[object Object]").
          renderHTML: (attrs: Record<string, unknown>) =>
            attrs[key] === null || attrs[key] === undefined
              ? {}
              : { [`data-${key}`]: key === 'inAnswerTo' ? JSON.stringify(attrs[key]) : String(attrs[key]) },
        },
      ]),
    );
  },
  parseHTML() {
    return [{ tag: 'a[data-citationId]' }];
  },
  renderHTML({ HTMLAttributes, mark }) {
    const attrs = mark.attrs as CitationAttrs;
    return [
      'a',
      mergeAttributes(HTMLAttributes, {
        class: attrs.origin === 'machine' ? 'citation citation-machine' : 'citation',
        href: citationHref(attrs),
        'data-testid': 'citation',
      }),
      0,
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleClick(view, pos, event) {
            const link = (event.target as HTMLElement | null)?.closest?.('a.citation');
            if (!link) return false;
            // Opening the passage is the app's own navigation (a hash route), never a page elsewhere.
            const href = link.getAttribute('href') ?? '';
            if (href.startsWith('#/contributions/')) window.location.hash = href;
            return true;
          },
        },
      }),
    ];
  },
});
