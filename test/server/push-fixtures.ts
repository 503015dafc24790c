import { randomUUID } from 'node:crypto';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { PushResult, ReadStateRecord } from '../../shared/protocol/push.js';
import type { Annotation, Tag } from '../../shared/model/annotations.js';

/** A question with two contributions: c1 in English and French, c2 in English. */
export const PUSH_CORPUS = [
  { type: 'theme', id: 't1', track: 'legal', code: 'I', order: 1, title: { en: 'Theme' } },
  { type: 'question', id: 'q1', track: 'legal', theme: 'I', code: '1', order: 1, title: { en: 'Q' } },
  ...['c1', 'c2'].map((id) => ({
    type: 'contribution',
    id,
    questionId: 'q1',
    author: { name: 'A', kind: 'individual' },
    language: 'en',
    createdAt: '2017-01-01T00:00:00Z',
    status: 'published',
    text: 'States should exercise due diligence in cyberspace.',
  })),
  { type: 'translation', contributionId: 'c1', language: 'fr', origin: 'machine', engine: 'mt', text: 'Les États…' },
].map((r) => JSON.stringify(r));

type AnnotationFields = Partial<Extract<Mutation, { kind: 'annotation-put' }>['annotation']>;

/** An annotation-put mutation (a creation unless `baseVersion` is given), checked against the wire schema. */
export function annotationPut(fields: AnnotationFields = {}, baseVersion: number | null = null): Mutation {
  return mutationSchema.parse({
    id: randomUUID(),
    kind: 'annotation-put',
    baseVersion,
    annotation: {
      id: randomUUID(),
      target: {
        contributionId: 'c1',
        language: 'en',
        sourceVersion: 1,
        textHash: 'hash',
        quote: { exact: 'exercise due diligence', prefix: 'States should ', suffix: ' in cyberspace.' },
        position: { start: 14, end: 36 },
      },
      note: 'a note',
      tags: [],
      visibility: 'private',
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
      ...fields,
    },
  });
}

/** The same annotation edited: a new mutation id, made on `baseVersion`. */
export function annotationEdit(put: Mutation, fields: AnnotationFields, baseVersion: number): Mutation {
  if (put.kind !== 'annotation-put') throw new Error('not an annotation-put');
  return annotationPut({ ...put.annotation, updatedAt: '2024-05-02T10:00:00.000Z', ...fields }, baseVersion);
}

export function annotationDelete(annotationId: string, baseVersion: number | null): Mutation {
  return mutationSchema.parse({
    id: randomUUID(),
    kind: 'annotation-delete',
    baseVersion,
    annotationId,
    deletedAt: '2024-05-03T10:00:00.000Z',
  });
}

export function tagPropose(id: string, label = 'Proposed'): Mutation {
  return mutationSchema.parse({
    id: randomUUID(),
    kind: 'tag-propose',
    tag: { id, label: { en: label }, color: '#17becf' },
  });
}

export function readState(
  contributionId: string,
  flags: { read: boolean; starred?: boolean },
  updatedAt = '2024-05-01T10:00:00.000Z',
): Mutation {
  return mutationSchema.parse({
    id: randomUUID(),
    kind: 'read-state',
    contributionId,
    read: flags.read,
    starred: flags.starred ?? false,
    updatedAt,
  });
}

export function appliedAnnotation(result: PushResult | undefined): Annotation {
  if (result?.status !== 'applied' || result.record.kind !== 'annotation')
    throw new Error(`expected an applied annotation, got ${JSON.stringify(result)}`);
  return result.record.annotation;
}

export function appliedTag(result: PushResult | undefined): Tag {
  if (result?.status !== 'applied' || result.record.kind !== 'tag')
    throw new Error(`expected an applied tag, got ${JSON.stringify(result)}`);
  return result.record.tag;
}

export function appliedReadState(result: PushResult | undefined): ReadStateRecord {
  if (result?.status !== 'applied' || result.record.kind !== 'read-state')
    throw new Error(`expected an applied read state, got ${JSON.stringify(result)}`);
  return result.record.readState;
}
