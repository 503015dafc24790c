import { describe, expect, it } from 'vitest';
import { materialNotesToWebAnnotations } from '../../../shared/export/material-notes-export.js';
import type { AnnotationId, Tag, TagId } from '../../../shared/model/annotations.js';
import type { ParticipantId } from '../../../shared/model/entities.js';
import type { MaterialId } from '../../../shared/model/material.js';
import type { MaterialNote } from '../../../shared/model/material-note.js';
import { failures, loadAssertions } from '../export/web-annotation-assertions.js';

const PAGE = 'Attribution, 𝒞ountermeasures and the duty to cooperate.';
const base = {
  authorId: 'ana' as ParticipantId,
  authorName: 'Ana',
  visibility: 'seminar' as const,
  createdAt: '2017-02-01T10:00:00.000Z',
  updatedAt: '2017-02-01T10:00:00.000Z',
  version: 1,
  deleted: false,
};
const NOTES: MaterialNote[] = [
  {
    ...base,
    id: '0b7c5a3e-8f1e-4c3a-9f7d-2a1b3c4d5e6f' as AnnotationId,
    note: 'Read first',
    tags: ['t-due' as TagId],
    target: {
      kind: 'pdf',
      materialId: 'study' as MaterialId,
      sha256: 'a'.repeat(64),
      page: 2,
      textHash: 'h',
      quote: { exact: 'duty to cooperate', prefix: 'and the ', suffix: '.' },
      position: { start: PAGE.indexOf('duty'), end: PAGE.indexOf('duty') + 17 },
    },
  },
  {
    ...base,
    id: '1c8d6b4f-9a2f-4d4b-8a8e-3b2c4d5e6f70' as AnnotationId,
    note: '',
    tags: [],
    target: { kind: 'media', materialId: 'video' as MaterialId, sha256: 'b'.repeat(64), start: 12.5, end: 20 },
  },
  {
    ...base,
    id: 'gone' as AnnotationId,
    note: 'x',
    tags: [],
    deleted: true,
    target: { kind: 'media', materialId: 'video' as MaterialId, sha256: 'b'.repeat(64), start: 1, end: 2 },
  },
];
const TAGS: Tag[] = [
  {
    id: 't-due' as TagId,
    label: { en: 'Due diligence', fr: 'Diligence' },
    color: '#112233',
    status: 'active',
    proposedBy: null,
    order: 1,
    version: 1,
  },
];

describe('notes on materials as W3C Web Annotations', () => {
  const collection = materialNotesToWebAnnotations(NOTES, {
    tags: TAGS,
    language: 'fr',
    pageText: (id, page) => (id === 'study' && page === 2 ? PAGE : undefined),
  });
  const [pdf, video] = collection.first.items;

  it('gives a PDF passage its quote and its page refined by the position in code points', () => {
    expect(collection.total).toBe(2);
    expect(pdf!.target).toEqual({
      type: 'SpecificResource',
      source: 'urn:seminar-desk:material:study',
      'schema:sha256': 'a'.repeat(64),
      selector: [
        { type: 'TextQuoteSelector', exact: 'duty to cooperate', prefix: 'and the ', suffix: '.' },
        {
          type: 'FragmentSelector',
          conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
          value: 'page=2',
          // The mathematical letter before counts as one code point, two UTF-16 units.
          refinedBy: { type: 'TextPositionSelector', start: PAGE.indexOf('duty') - 1, end: PAGE.indexOf('duty') + 16 },
        },
      ],
    });
    expect(pdf!.body).toEqual([
      { type: 'TextualBody', value: 'Read first', format: 'text/plain', purpose: 'commenting' },
      {
        type: 'SpecificResource',
        source: { id: 'urn:seminar-desk:tag:t-due', label: 'Diligence', language: 'fr' },
        purpose: 'tagging',
      },
    ]);
  });

  it('gives a time range a Media Fragments selector, and leaves the position out when the page text is unknown', () => {
    expect(video!.target.selector).toEqual([
      { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 't=12.5,20' },
    ]);
    expect(video!.motivation).toBe('highlighting');
    const blind = materialNotesToWebAnnotations(NOTES.slice(0, 1), { tags: TAGS, language: 'en' });
    expect(blind.first.items[0]!.target.selector[1]).not.toHaveProperty('refinedBy');
  });

  it('passes the Working Group’s MUST assertions', () => {
    const musts = loadAssertions('annotations/annotationMusts.test', [
      'bodiesTargets/3.3.5-bodyEWRNoPurpose.json',
      'bodiesTargets/3.3.5-targEWRNoPurpose.json',
    ]);
    const subjects = collection.first.items.map((item) => ({
      name: item.id,
      json: JSON.parse(JSON.stringify({ '@context': collection['@context'], ...item })) as unknown,
    }));
    expect(failures(musts, subjects)).toEqual([]);
  });
});
