import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationAttrs } from '../../../shared/synthesis/document.js';
import type { SynthesisQuoteAttrs } from '../../../shared/synthesis/synthesis-quote.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { languageName } from '../../i18n/format.js';
import './synthesis-history.css';

interface Shown {
  attrs: Partial<CitationAttrs>;
  /** Set when the words are a quote of an earlier event's synthesis. */
  quote?: Partial<SynthesisQuoteAttrs>;
  top: number;
  inline: number;
}

const ID = 'citation-details';

/**
 * Where a quote in the editor comes from, shown while the pointer is on it,
 * while a citation link has the focus (read-only editor), or while the caret
 * is in quoted words (editing with the keyboard): author and kind, the
 * language version and whether it is the original, a machine or a human
 * translation, and the original's wording of the passage. Escape hides it.
 */
export function CitationDetails({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    const root = editor.view.dom as HTMLElement;
    const frame = root.closest('.synthesis-editor') ?? root.parentElement!;
    const rtl = getComputedStyle(frame).direction === 'rtl';
    const place = (
      rect: { top: number; bottom: number; left: number; right: number },
      attrs: Partial<CitationAttrs>,
      quote?: Partial<SynthesisQuoteAttrs>,
    ) => {
      const base = frame.getBoundingClientRect();
      setShown({
        attrs,
        ...(quote ? { quote } : {}),
        top: rect.bottom - base.top + 4,
        inline: Math.max(0, rtl ? base.right - rect.right : rect.left - base.left),
      });
    };
    const fromLink = (event: Event) => {
      const link = (event.target as HTMLElement | null)?.closest?.('a.citation, a.synthesis-quote');
      if (!link) return;
      link.setAttribute('aria-describedby', ID);
      if (link.classList.contains('synthesis-quote')) {
        let quote: Partial<SynthesisQuoteAttrs> = {};
        try {
          quote = JSON.parse(link.getAttribute('data-quote') ?? '{}') as Partial<SynthesisQuoteAttrs>;
        } catch {
          // Shown without details rather than not at all.
        }
        return place(link.getBoundingClientRect(), {}, quote);
      }
      const attrs = Object.fromEntries(
        (['authorName', 'authorKind', 'language', 'origin', 'engine', 'originalLanguage', 'originalText'] as const).map(
          (key) => [key, link.getAttribute(`data-${key}`)],
        ),
      ) as Partial<CitationAttrs>;
      place(link.getBoundingClientRect(), attrs);
    };
    const leave = (event: MouseEvent | FocusEvent) => {
      const to = event.relatedTarget as HTMLElement | null;
      if (to?.closest?.(`#${ID}, a.citation, a.synthesis-quote`)) return;
      if ((editor.isActive('citation') || editor.isActive('synthesisQuote')) && editor.isFocused) return;
      setShown(null);
    };
    const fromCaret = () => {
      const quoted = editor.isActive('synthesisQuote');
      if (!editor.isFocused || (!editor.isActive('citation') && !quoted)) return setShown(null);
      let coords: { top: number; bottom: number; left: number; right: number };
      try {
        coords = editor.view.coordsAtPos(editor.state.selection.from);
      } catch {
        // No layout to measure (a page not laid out): under the editor's top edge.
        coords = root.getBoundingClientRect();
      }
      if (quoted) place(coords, {}, editor.getAttributes('synthesisQuote') as Partial<SynthesisQuoteAttrs>);
      else place(coords, editor.getAttributes('citation') as Partial<CitationAttrs>);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setShown(null);
    };
    root.addEventListener('mouseover', fromLink);
    root.addEventListener('focusin', fromLink);
    root.addEventListener('mouseout', leave);
    root.addEventListener('focusout', leave);
    root.addEventListener('keydown', escape);
    editor.on('selectionUpdate', fromCaret);
    editor.on('focus', fromCaret);
    return () => {
      root.removeEventListener('mouseover', fromLink);
      root.removeEventListener('focusin', fromLink);
      root.removeEventListener('mouseout', leave);
      root.removeEventListener('focusout', leave);
      root.removeEventListener('keydown', escape);
      editor.off('selectionUpdate', fromCaret);
      editor.off('focus', fromCaret);
    };
  }, [editor]);
  if (!shown) return null;
  const { attrs, quote } = shown;
  if (quote)
    return (
      <div
        id={ID}
        role="tooltip"
        aria-label={t('synthesis.citationDetails')}
        className="citation-details"
        data-testid="citation-details"
        style={{ insetBlockStart: shown.top, insetInlineStart: shown.inline }}
      >
        <p>
          <strong dir="auto">{quote.synthesisTitle}</strong>
          {quote.rapporteur ? (
            <>
              {' · '}
              <Name text={quote.rapporteur} />
            </>
          ) : null}
        </p>
        <p>
          {quote.eventTitle ? <Localized text={quote.eventTitle} /> : null}
          {quote.questionCode ? ` · ${quote.questionCode}` : ''}
          {typeof quote.block === 'number' ? ` · ${t('events.earlier.paragraph', { n: quote.block + 1 })}` : ''}
        </p>
      </div>
    );
  const origin =
    attrs.origin === 'machine'
      ? attrs.engine
        ? t('reader.machine', { engine: attrs.engine })
        : t('reader.machineNoEngine')
      : attrs.origin === 'human'
        ? t('reader.human')
        : t('reader.original');
  return (
    <div
      id={ID}
      role="tooltip"
      aria-label={t('synthesis.citationDetails')}
      className="citation-details"
      data-testid="citation-details"
      style={{ insetBlockStart: shown.top, insetInlineStart: shown.inline }}
    >
      <p>
        <strong>
          <Name text={attrs.authorName ?? ''} />
        </strong>
        {attrs.authorKind ? ` · ${t(`authorKind.${attrs.authorKind}`)}` : ''}
      </p>
      <p>
        {attrs.language ? t('synthesis.citationVersion', { language: languageName(uiLang, attrs.language) }) : ''} ·{' '}
        {origin}
      </p>
      {attrs.origin !== 'original' && attrs.originalText && attrs.originalLanguage ? (
        <p data-testid="citation-original">
          {t('synthesis.originalWording', { language: languageName(uiLang, attrs.originalLanguage) })}{' '}
          <q dir="auto" lang={attrs.originalLanguage}>
            {attrs.originalText}
          </q>
        </p>
      ) : null}
    </div>
  );
}
