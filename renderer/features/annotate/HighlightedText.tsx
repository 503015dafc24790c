import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection, type Lang } from '../../../shared/languages.js';
import { paragraphRanges } from '../../../shared/anchoring/index.js';
import { segmentParagraph, type HighlightSpan } from './highlight-segments.js';
import { selectionToTextRange, type TextRange } from './selection-offsets.js';

export interface ShownHighlight extends HighlightSpan {
  color: string;
  own: boolean;
  moved: boolean;
}

interface Props {
  text: string;
  lang: Lang;
  highlights: readonly ShownHighlight[];
  /** Paragraph indexes that hold a note made on another language version. */
  notedParagraphs?: ReadonlySet<number>;
  /** When set, the text is selectable with the mouse and the keyboard and reports selections. */
  onSelect?: (range: TextRange | null) => void;
  /** Enter on a keyboard selection. */
  onConfirmSelection?: () => void;
  onHighlightClick?: (id: string) => void;
}

/** Keys that would edit the text: the body is a caret-browsable, read-only surface. */
const EDITING_KEYS = new Set(['Backspace', 'Delete', 'Enter', 'Tab']);

/**
 * One language version's text with its highlights. Selecting is done with the
 * mouse or, for keyboard users, by moving a caret (the body is contentEditable
 * but refuses every edit) and extending with Shift+arrows; Enter then opens the
 * note editor.
 */
export function HighlightedText({
  text,
  lang,
  highlights,
  notedParagraphs,
  onSelect,
  onConfirmSelection,
  onHighlightClick,
}: Props) {
  const { t } = useTranslation();
  const localRef = useRef<HTMLDivElement | null>(null);
  const selectable = onSelect !== undefined;
  const colorOf = new Map(highlights.map((h) => [h.id, h]));

  const report = () => {
    if (!onSelect || !localRef.current) return;
    onSelect(selectionToTextRange(localRef.current, localRef.current.ownerDocument.getSelection()));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!selectable) return;
    if (event.key === 'Enter' && onConfirmSelection) {
      event.preventDefault();
      report();
      onConfirmSelection();
      return;
    }
    const printable = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    const cutOrPaste = (event.ctrlKey || event.metaKey) && ['x', 'v', 'z', 'y'].includes(event.key.toLowerCase());
    if (printable || cutOrPaste || (EDITING_KEYS.has(event.key) && event.key !== 'Tab')) event.preventDefault();
  };

  return (
    <div
      ref={localRef}
      className={selectable ? 'text-body text-body-selectable' : 'text-body'}
      lang={lang}
      dir={textDirection(lang)}
      data-testid="text-body"
      {...(selectable
        ? {
            contentEditable: true,
            suppressContentEditableWarning: true,
            spellCheck: false,
            inputMode: 'none' as const,
            role: 'textbox',
            'aria-readonly': true,
            'aria-multiline': true,
            'aria-label': t('annotate.textLabel'),
            'aria-describedby': 'annotate-hint',
            onBeforeInput: (event: { preventDefault(): void }) => event.preventDefault(),
            onPaste: (event: { preventDefault(): void }) => event.preventDefault(),
            onCut: (event: { preventDefault(): void }) => event.preventDefault(),
            onDrop: (event: { preventDefault(): void }) => event.preventDefault(),
            onKeyDown,
            onKeyUp: report,
            onMouseUp: report,
          }
        : {})}
    >
      {paragraphRanges(text).map((p, index) => (
        <p
          key={p.start}
          dir="auto"
          data-start={p.start}
          data-end={p.end}
          className={notedParagraphs?.has(index) ? 'paragraph-noted' : undefined}
          data-noted={notedParagraphs?.has(index) ? 'true' : undefined}
        >
          {segmentParagraph(p.start, p.end, highlights).map((segment) => {
            const piece = text.slice(segment.start, segment.end);
            if (segment.ids.length === 0) return piece;
            const first = colorOf.get(segment.ids[0]!)!;
            return (
              <mark
                key={segment.start}
                data-testid="highlight"
                data-annotation-id={segment.ids.join(' ')}
                className={[
                  'highlight',
                  first.own ? 'highlight-own' : 'highlight-other',
                  first.moved ? 'highlight-moved' : '',
                ].join(' ')}
                style={{ backgroundColor: `${first.color}40`, borderBlockEndColor: first.color }}
                onClick={onHighlightClick ? () => onHighlightClick(segment.ids[0]!) : undefined}
              >
                {piece}
              </mark>
            );
          })}
        </p>
      ))}
    </div>
  );
}
