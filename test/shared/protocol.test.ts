import { describe, expect, it } from 'vitest';
import { pickLocalized } from '../../shared/languages.js';
import { contributionSchema, importLineSchema, pullPageSchema, pullQuerySchema } from '../../shared/protocol/index.js';

const contribution = {
  id: 'c-1',
  questionId: 'legal-I-i',
  author: { name: 'A. Author', kind: 'legal-expert' },
  language: 'fr',
  status: 'published',
  version: 1,
  createdAt: '2017-02-03T10:00:00Z',
  updatedAt: '2017-02-03T10:00:00Z',
  versions: [
    { language: 'fr', text: 'Bonjour', origin: 'original', engine: null, sourceVersion: 1 },
    { language: 'en', text: 'Hello', origin: 'machine', engine: 'systran', sourceVersion: 1 },
  ],
};

function page(seqs: number[], since = 0) {
  return {
    protocol: 2,
    epoch: 'e1',
    since,
    checkpoint: seqs.at(-1) ?? since,
    head: 10,
    remaining: 0,
    hasMore: false,
    changes: seqs.map((seq) => ({ seq, kind: 'withdrawal', id: `c-${seq}`, version: 1 })),
  };
}

describe('pull page schema', () => {
  it('accepts changes in ascending order ending at the checkpoint', () => {
    expect(pullPageSchema.safeParse(page([3, 4, 7], 2)).success).toBe(true);
    expect(pullPageSchema.safeParse(page([], 5)).success).toBe(true);
  });

  it.each([
    ['a change at or before since', { ...page([2, 3], 2) }],
    ['changes out of order', page([5, 4], 0)],
    ['a checkpoint that is not the last change', { ...page([1, 2]), checkpoint: 1 }],
    ['an unknown change kind', { ...page([]), changes: [{ seq: 1, kind: 'mystery' }], checkpoint: 1 }],
    ['an unknown field', { ...page([]), extra: true }],
  ])('rejects %s', (_name, candidate) => {
    expect(pullPageSchema.safeParse(candidate).success).toBe(false);
  });
});

describe('contribution schema', () => {
  it('accepts a contribution with its original', () => {
    expect(contributionSchema.safeParse(contribution).success).toBe(true);
  });

  it('rejects one whose original language version is missing or not marked original', () => {
    const withoutOriginal = { ...contribution, versions: contribution.versions.slice(1) };
    expect(contributionSchema.safeParse(withoutOriginal).success).toBe(false);
    const mislabelled = {
      ...contribution,
      versions: [{ ...contribution.versions[0], origin: 'machine' }, contribution.versions[1]],
    };
    expect(contributionSchema.safeParse(mislabelled).success).toBe(false);
  });

  it('rejects two versions in one language and unknown languages with a clear message', () => {
    const twice = { ...contribution, versions: [...contribution.versions, contribution.versions[1]] };
    expect(contributionSchema.safeParse(twice).success).toBe(false);
    const unknown = contributionSchema.safeParse({ ...contribution, language: 'xx' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues.map((issue) => issue.message)).toContain(
      'unknown language "xx": expected one of de, en, ar, zh, ko, es, fr, it, pt, ru',
    );
  });
});

describe('import line schema', () => {
  it('rejects an unknown type, an unknown field and an unknown language key in a title', () => {
    expect(importLineSchema.safeParse({ type: 'comment', id: 'x' }).success).toBe(false);
    const question = {
      type: 'question',
      id: 'q',
      track: 'legal',
      theme: 'I',
      code: 'I.i',
      order: 1,
      title: { fr: 'T' },
    };
    expect(importLineSchema.safeParse(question).success).toBe(true);
    expect(importLineSchema.safeParse({ ...question, colour: 'red' }).success).toBe(false);
    expect(importLineSchema.safeParse({ ...question, title: { fr: 'T', xx: 'T' } }).success).toBe(false);
  });
});

describe('pull query', () => {
  it.each(['-1', '1.5', 'abc', '', '01', '99999999999999999'])('rejects since=%j', (since) => {
    expect(pullQuerySchema.safeParse({ since }).success).toBe(false);
  });

  it('parses numbers', () => {
    expect(pullQuerySchema.parse({ since: '42', limit: '10' })).toEqual({ since: 42, limit: 10 });
  });
});

describe('pickLocalized', () => {
  it('falls back to French, then English, then any language', () => {
    expect(pickLocalized({ fr: 'Bonjour', en: 'Hello' }, 'de')).toEqual({ lang: 'fr', text: 'Bonjour' });
    expect(pickLocalized({ en: 'Hello', ru: 'Привет' }, 'ar')).toEqual({ lang: 'en', text: 'Hello' });
    expect(pickLocalized({ ru: 'Привет' }, 'ar')).toEqual({ lang: 'ru', text: 'Привет' });
    expect(pickLocalized({ ar: 'مرحبا', fr: 'Bonjour' }, 'ar')).toEqual({ lang: 'ar', text: 'مرحبا' });
    expect(pickLocalized({}, 'ar')).toBeUndefined();
  });
});
