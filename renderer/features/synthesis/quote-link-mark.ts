import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';

/**
 * A mark for words quoted from a source other than a contribution (an earlier
 * synthesis, a page of a document): its provenance rides in the CRDT and the
 * exports, and it is drawn as a link to the source that a click opens.
 */
export function quoteLinkMark<A extends object>(options: {
  name: string;
  keys: readonly (keyof A & string)[];
  /** The attributes as one JSON attribute of the link (some are objects and numbers, which data-* would flatten). */
  dataAttribute: string;
  /** The link's class and test id. */
  className: string;
  href: (attrs: A) => string;
  /** Only links of this kind are followed on click (a pasted link of another kind is not). */
  hrefPrefix: string;
}) {
  const { dataAttribute: data, className } = options;
  return Mark.create({
    name: options.name,
    inclusive: false,
    addAttributes() {
      return Object.fromEntries(
        options.keys.map((key) => [
          key,
          {
            default: null,
            parseHTML: (element: HTMLElement) => {
              try {
                return (JSON.parse(element.getAttribute(data) ?? '{}') as Record<string, unknown>)[key] ?? null;
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
      return [{ tag: `a[${data}]` }];
    },
    renderHTML({ HTMLAttributes, mark }) {
      const attrs = mark.attrs as A;
      return [
        'a',
        mergeAttributes(HTMLAttributes, {
          class: className,
          href: options.href(attrs),
          [data]: JSON.stringify(attrs),
          'data-testid': className,
        }),
        0,
      ];
    },
    addProseMirrorPlugins() {
      return [
        new Plugin({
          props: {
            handleClick(_view, _pos, event) {
              const link = (event.target as HTMLElement | null)?.closest?.(`a.${className}`);
              if (!link) return false;
              const target = link.getAttribute('href') ?? '';
              if (target.startsWith(options.hrefPrefix)) window.location.hash = target;
              return true;
            },
          },
        }),
      ];
    },
  });
}
