import { pickLocalized, type Lang } from '../languages.js';
import type { Tag } from '../model/annotations.js';
import type { MaterialNote } from '../model/material-note.js';
import { mediaFragment, MEDIA_FRAGMENT_SPEC } from '../materials/media-fragment.js';
import { utf16RangeToCodePoints } from './code-points.js';
import { stableGuid } from './stable-uuid.js';
import {
  annotationIri,
  seminarIri,
  WEB_ANNOTATION_CONTEXT,
  type WaBody,
  type WaTextPositionSelector,
  type WaTextQuoteSelector,
} from './web-annotation.js';

/**
 * Notes on materials as a W3C Web Annotation collection, like the notes on
 * contributions (web-annotation.ts), with the selectors the model gives a
 * PDF and a video:
 * - a PDF passage: the TextQuoteSelector, and the page as a FragmentSelector
 *   (RFC 3778's `page=N`) refined by the TextPositionSelector in that page's
 *   text (code points), when the page's text still has the quote there;
 * - a video's time range: a FragmentSelector conforming to Media Fragments,
 *   `t=start,end`.
 * The material is `urn:seminar-desk:material:<id>`, its file's SHA-256 beside it.
 */

const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778';

export interface WaFragmentSelector {
  type: 'FragmentSelector';
  conformsTo: string;
  value: string;
  refinedBy?: WaTextPositionSelector;
}

export interface WaMaterialAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'tagging' | 'highlighting';
  created: string;
  modified: string;
  creator: { id: string; type: 'Person'; name: string };
  audience: { type: 'schema:Audience'; 'schema:audienceType': MaterialNote['visibility'] };
  body?: WaBody[];
  target: {
    type: 'SpecificResource';
    source: string;
    selector: Array<WaTextQuoteSelector | WaFragmentSelector>;
    /** The file annotated, by its content hash. */
    'schema:sha256': string;
  };
}

export interface MaterialNotesExportContext {
  tags: readonly Tag[];
  language: Lang;
  /** A page's text (1-based page) as the app read it, when known: the position selector is checked against it. */
  pageText?: (materialId: string, page: number) => string | undefined;
  label?: string;
}

export function materialIri(id: string): string {
  return `urn:seminar-desk:material:${encodeURIComponent(id)}`;
}

export function materialNotesToWebAnnotations(notes: Iterable<MaterialNote>, context: MaterialNotesExportContext) {
  const tagsById = new Map(context.tags.map((tag) => [tag.id as string, tag]));
  const items = [...notes]
    .filter((n) => !n.deleted)
    .map((n): WaMaterialAnnotation => {
      const body: WaBody[] = [];
      if (n.note !== '') body.push({ type: 'TextualBody', value: n.note, format: 'text/plain', purpose: 'commenting' });
      for (const id of n.tags) {
        const tag = tagsById.get(id);
        const label = tag ? pickLocalized(tag.label, context.language) : undefined;
        body.push({
          type: 'SpecificResource',
          source: {
            id: seminarIri('tag', id),
            label: label?.text ?? id,
            ...(label?.lang ? { language: label.lang } : {}),
          },
          purpose: 'tagging',
        });
      }
      return {
        id: annotationIri(n.id),
        type: 'Annotation',
        motivation: n.note !== '' ? 'commenting' : n.tags.length ? 'tagging' : 'highlighting',
        created: n.createdAt,
        modified: n.updatedAt,
        creator: { id: seminarIri('participant', n.authorId), type: 'Person', name: n.authorName },
        audience: { type: 'schema:Audience', 'schema:audienceType': n.visibility },
        ...(body.length ? { body } : {}),
        target: {
          type: 'SpecificResource',
          source: materialIri(n.target.materialId),
          selector: selectors(n, context),
          'schema:sha256': n.target.sha256,
        },
      };
    });
  const id = `urn:uuid:${stableGuid('collection', ...items.map((i) => i.id))}`;
  return {
    '@context': WEB_ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection' as const,
    ...(context.label !== undefined ? { label: context.label } : {}),
    total: items.length,
    first: {
      id: `urn:uuid:${stableGuid('page', id, '0')}`,
      type: 'AnnotationPage' as const,
      startIndex: 0 as const,
      items,
    },
  };
}

function selectors(n: MaterialNote, context: MaterialNotesExportContext): WaMaterialAnnotation['target']['selector'] {
  const { target } = n;
  if (target.kind === 'media')
    return [{ type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENT_SPEC, value: mediaFragment(target) }];
  const { exact, prefix, suffix } = target.quote;
  const quote: WaTextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact,
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
  };
  const text = context.pageText?.(target.materialId, target.page);
  const holds = text !== undefined && text.slice(target.position.start, target.position.end) === exact;
  const page: WaFragmentSelector = {
    type: 'FragmentSelector',
    conformsTo: PDF_FRAGMENT_SPEC,
    value: `page=${target.page}`,
    ...(holds ? { refinedBy: { type: 'TextPositionSelector', ...utf16RangeToCodePoints(text, target.position) } } : {}),
  };
  return [quote, page];
}
