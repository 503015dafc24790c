import type { QuestionId } from '../../../shared/model/entities.js';
import type { MaterialQuoteAttrs } from '../../../shared/synthesis/material-quote.js';
import { href } from '../../app/routes.js';
import { quoteLinkMark } from './quote-link-mark.js';

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

/**
 * The `materialQuote` mark (shared/synthesis/material-quote.ts): words quoted
 * from a page of a PDF material. Drawn as a link to the page; a click opens it.
 */
export const MaterialQuote = quoteLinkMark<MaterialQuoteAttrs>({
  name: 'materialQuote',
  keys: KEYS,
  dataAttribute: 'data-material-quote',
  className: 'material-quote',
  href: materialQuoteHref,
  hrefPrefix: '#/questions/',
});
