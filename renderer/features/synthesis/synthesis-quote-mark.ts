import type { SynthesisQuoteAttrs } from '../../../shared/synthesis/synthesis-quote.js';
import { quoteLinkMark } from './quote-link-mark.js';

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

/**
 * The `synthesisQuote` mark (shared/synthesis/synthesis-quote.ts): words quoted
 * from an earlier event's synthesis. Drawn as a link to the passage; a click opens it.
 */
export const SynthesisQuote = quoteLinkMark<SynthesisQuoteAttrs>({
  name: 'synthesisQuote',
  keys: KEYS,
  dataAttribute: 'data-quote',
  className: 'synthesis-quote',
  href: synthesisQuoteHref,
  hrefPrefix: '#/syntheses/',
});
