import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { mutationSchema } from '../../../shared/protocol/mutations.js';
import {
  annotationSchema,
  contributionSchema,
  participantSchema,
  questionSchema,
  seminarSessionSchema,
  synthesisSchema,
  tagSchema,
  themeSchema,
} from '../../../shared/protocol/schemas.js';
import { redeemSchema } from '../../../server/auth/invitations.js';
import { humanTranslationSchema, withdrawalSchema } from '../../../server/contributions/moderation.js';
import { findBadCharacter, findBadTextField } from '../../../shared/text/storable-characters.js';

/**
 * Every text field of every schema the app and the server validate with,
 * found by walking a valid example of each: a NUL or half a character in any
 * of them is refused, and the refusal names that field.
 */
const uuid = '6f1c1f5e-8a55-4a8e-9d0b-0c6f5a3b2e11';
const at = '2024-05-01T10:00:00.000Z';
const target = {
  contributionId: 'c1',
  language: 'en',
  sourceVersion: 1,
  textHash: 'abc',
  quote: { exact: 'due diligence', prefix: 'States should ', suffix: ' in cyberspace' },
  position: { start: 14, end: 27 },
};
const EXAMPLES: [string, z.ZodType, unknown][] = [
  [
    'annotation-put',
    mutationSchema,
    {
      id: uuid,
      kind: 'annotation-put',
      baseVersion: null,
      annotation: {
        id: 'a1',
        target,
        note: 'a note',
        tags: ['t1'],
        visibility: 'private',
        createdAt: at,
        updatedAt: at,
      },
    },
  ],
  [
    'annotation-delete',
    mutationSchema,
    { id: uuid, kind: 'annotation-delete', baseVersion: 1, annotationId: 'a1', deletedAt: at },
  ],
  [
    'tag-propose',
    mutationSchema,
    {
      id: uuid,
      kind: 'tag-propose',
      tag: { id: 't1', label: { en: 'Due diligence', fr: 'Diligence' }, color: '#aabbcc' },
    },
  ],
  [
    'read-state',
    mutationSchema,
    { id: uuid, kind: 'read-state', contributionId: 'c1', read: true, starred: false, updatedAt: at },
  ],
  [
    'contribution-put',
    mutationSchema,
    {
      id: uuid,
      kind: 'contribution-put',
      baseVersion: null,
      contribution: { id: 'c9', questionId: 'q1', language: 'fr', text: 'Un texte assez long pour compter.' },
    },
  ],
  [
    'synthesis-create',
    mutationSchema,
    {
      id: uuid,
      kind: 'synthesis-create',
      synthesis: { id: 's1', questionId: 'q1', title: 'Synthèse', language: 'fr' },
    },
  ],
  ['synthesis-update', mutationSchema, { id: uuid, kind: 'synthesis-update', synthesisId: 's1', update: 'AAEC' }],
  ['invitation redemption', redeemSchema, { code: 'ABCD-EFGH', deviceName: 'Laptop' }],
  ['withdrawal', withdrawalSchema, { reason: 'Posted twice' }],
  ['human translation', humanTranslationSchema, { text: 'A careful translation' }],
  ['theme', themeSchema, { id: 'th1', track: 'legal', code: 'I', order: 1, title: { en: 'Governance' }, version: 1 }],
  [
    'question',
    questionSchema,
    {
      id: 'q1',
      track: 'legal',
      theme: 'I',
      code: 'I.i',
      order: 1,
      title: { en: 'Title', ar: 'عنوان' },
      context: { fr: 'Contexte' },
      media: [{ kind: 'video', url: 'https://example.org/v.mp4', title: { en: 'Video' } }],
      version: 1,
    },
  ],
  [
    'seminar session',
    seminarSessionSchema,
    { id: 'd1', day: 1, date: '2017-02-20', order: 1, title: { en: 'Day 1' }, questionIds: ['q1'], version: 1 },
  ],
  [
    'contribution',
    contributionSchema,
    {
      id: 'c1',
      questionId: 'q1',
      author: { name: 'Dr. Albrecht', kind: 'legal-expert' },
      authorId: 'p1',
      language: 'en',
      status: 'published',
      version: 1,
      createdAt: at,
      updatedAt: at,
      versions: [
        { language: 'en', text: 'Original text', origin: 'original', engine: null, sourceVersion: 1 },
        { language: 'fr', text: 'Texte', origin: 'machine', engine: 'systran', sourceVersion: 1 },
      ],
    },
  ],
  ['participant', participantSchema, { id: 'p1', name: 'Ana Lima', roles: ['expert'], language: 'pt' }],
  [
    'annotation',
    annotationSchema,
    {
      id: 'a1',
      authorId: 'p1',
      authorName: 'Ana',
      target,
      note: 'n',
      tags: [],
      visibility: 'seminar',
      createdAt: at,
      updatedAt: at,
      version: 1,
      deleted: false,
    },
  ],
  [
    'tag',
    tagSchema,
    { id: 't1', label: { en: 'Tag' }, color: '#aabbcc', status: 'active', proposedBy: null, order: 1, version: 1 },
  ],
  [
    'synthesis',
    synthesisSchema,
    {
      id: 's1',
      questionId: 'q1',
      title: 'T',
      language: 'en',
      createdBy: 'p1',
      createdByName: 'Ana',
      createdAt: at,
      version: 1,
    },
  ],
];

/** Every path to a string value in `value` (object keys are not values). */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

function withValue(value: unknown, path: (string | number)[], change: (s: string) => string): unknown {
  if (path.length === 0) return change(value as string);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = withValue(copy[path[0]!], path.slice(1), change);
  return copy;
}

const freeText = (schema: z.ZodType, example: unknown, path: (string | number)[]) =>
  schema.safeParse(withValue(example, path, (s) => `${s.slice(0, 1)}é`)).success;

const BAD: [string, (s: string) => string][] = [
  ['a NUL character', (s) => `${s}\u0000`],
  ['a lone high surrogate', (s) => `${s.slice(0, 1)}\ud83d${s.slice(1)}`],
  ['a lone low surrogate', (s) => `\ude00${s}`],
];

describe('bad characters in text fields', () => {
  it.each(EXAMPLES)('the example %s is valid as it is', (_name, schema, example) => {
    expect(schema.safeParse(example).error?.issues).toBeUndefined();
  });

  it.each(EXAMPLES)('refuses them in every text field of %s, naming the field', (_name, schema, example) => {
    const paths = stringPaths(example);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      for (const [what, change] of BAD) {
        const result = schema.safeParse(withValue(example, path, change));
        const field = path.join('.');
        expect(result.success, `${field} with ${what}`).toBe(false);
        const issues = result.error!.issues.filter((i) => i.path.join('.') === field);
        expect(issues, `${field} with ${what}: ${JSON.stringify(result.error!.issues)}`).not.toEqual([]);
        // A free-text field (one that takes any other character) says which character is wrong;
        // a formatted one (a uuid, a date, an id) may refuse by its format, naming the field too.
        if (freeText(schema, example, path))
          expect(issues.map((i) => i.message).join('; '), `${field} with ${what}`).toMatch(
            /NUL character|half of a character/,
          );
      }
    }
  });

  it('keeps whole characters: emoji (surrogate pairs), every script, line breaks and tabs', () => {
    for (const text of ['👍🏽 ok', '𝕏 and 𠀀', 'عربي', '中文', 'line\nbreak\ttab', '']) {
      expect(findBadCharacter(text)).toBeNull();
    }
    expect(findBadCharacter('a\u0000b')).toEqual({ kind: 'nul', index: 1 });
    expect(findBadCharacter('ab\ud83d')).toEqual({ kind: 'lone-surrogate', index: 2 });
    expect(findBadCharacter('\ude00')).toEqual({ kind: 'lone-surrogate', index: 0 });
  });

  it('finds the first bad field of a whole change, as the app checks before queueing it', () => {
    const [, , put] = EXAMPLES[0]!;
    expect(findBadTextField(put)).toBeNull();
    expect(findBadTextField(withValue(put, ['annotation', 'note'], (s) => `${s}\u0000`))).toBe('annotation.note');
    expect(findBadTextField(withValue(put, ['annotation', 'target', 'quote', 'prefix'], (s) => `\ud800${s}`))).toBe(
      'annotation.target.quote.prefix',
    );
  });
});
