import type { Lang } from '../../../shared/languages.js';
import type { Annotation, AnnotationId, Tag, TagId } from '../../../shared/model/annotations.js';
import type { Contribution, ContributionId, ParticipantId, QuestionId } from '../../../shared/model/entities.js';

/**
 * A small corpus for the export tests. The texts put astral characters (an
 * emoji, CJK Extension B) before the quotes, so UTF-16 offsets and code-point
 * offsets differ there, and mix French, Chinese and Arabic.
 */
export const FR_TEXT = 'La souveraineté numérique 🌐 exige des règles communes.';
export const EN_TEXT = 'Digital sovereignty 🌐 requires common rules, "now".';
export const ZH_TEXT = '网络主权𠀀需要共同规则。𠀁国际法适用。';
export const AR_TEXT = 'السيادة الرقمية 🌐 تتطلب قواعد مشتركة.';

export const contributions: Contribution[] = [
  {
    id: 'c-1' as ContributionId,
    questionId: 'legal-I-i' as QuestionId,
    author: { name: 'Dr. Amélie Durand', kind: 'legal-expert' },
    language: 'fr',
    status: 'published',
    version: 2,
    createdAt: '2017-01-10T09:00:00.000Z',
    updatedAt: '2017-01-12T09:00:00.000Z',
    versions: [
      { language: 'fr', text: FR_TEXT, origin: 'original', engine: null, sourceVersion: 2 },
      { language: 'en', text: EN_TEXT, origin: 'machine', engine: 'systran', sourceVersion: 2 },
    ],
  },
  {
    id: 'c:2' as ContributionId,
    questionId: 'public-3' as QuestionId,
    author: { name: '网络安全协会', kind: 'ngo' },
    language: 'zh',
    status: 'published',
    version: 1,
    createdAt: '2017-01-11T09:00:00.000Z',
    updatedAt: '2017-01-11T09:00:00.000Z',
    versions: [
      { language: 'zh', text: ZH_TEXT, origin: 'original', engine: null, sourceVersion: 1 },
      { language: 'ar', text: AR_TEXT, origin: 'machine', engine: 'systran', sourceVersion: 1 },
    ],
  },
];

export const tags: Tag[] = [
  {
    id: 't-gov' as TagId,
    label: { en: 'Governance', fr: 'Gouvernance', ar: 'الحوكمة', zh: '治理' },
    color: '#1f77b4',
    status: 'active',
    proposedBy: null,
    order: 1,
    version: 1,
  },
  {
    id: 't-norms' as TagId,
    label: { fr: 'Normes & <règles>' },
    color: '#ff7f0e',
    status: 'proposed',
    proposedBy: 'p-2' as ParticipantId,
    order: 2,
    version: 1,
  },
];

const texts: Record<string, string> = { 'c-1:fr': FR_TEXT, 'c-1:en': EN_TEXT, 'c:2:zh': ZH_TEXT, 'c:2:ar': AR_TEXT };

export function textOf(contributionId: string, language: Lang): string {
  const text = texts[`${contributionId}:${language}`];
  if (text === undefined) throw new Error(`no text for ${contributionId} ${language}`);
  return text;
}

interface AnnotationSpec {
  id: string;
  contributionId: string;
  language: Lang;
  exact: string;
  note?: string;
  tags?: string[];
  visibility?: Annotation['visibility'];
  deleted?: boolean;
  /** For a quote the text no longer has. */
  position?: { start: number; end: number };
}

/** An annotation on `exact` in the given version, with its stored (UTF-16) position and context. */
export function annotation(spec: AnnotationSpec): Annotation {
  const text = spec.position ? '' : textOf(spec.contributionId, spec.language);
  const start = spec.position?.start ?? text.indexOf(spec.exact);
  if (start < 0) throw new Error(`"${spec.exact}" is not in the text`);
  const end = spec.position?.end ?? start + spec.exact.length;
  return {
    id: spec.id as AnnotationId,
    authorId: 'p-1' as ParticipantId,
    authorName: 'Prof. Kim Min-jun',
    target: {
      contributionId: spec.contributionId as ContributionId,
      language: spec.language,
      sourceVersion: 2,
      textHash: 'hash',
      quote: { exact: spec.exact, prefix: text.slice(Math.max(0, start - 8), start), suffix: text.slice(end, end + 8) },
      position: { start, end },
    },
    note: spec.note ?? '',
    tags: (spec.tags ?? []) as TagId[],
    visibility: spec.visibility ?? 'seminar',
    createdAt: '2017-02-01T10:00:00.000Z',
    updatedAt: '2017-02-01T11:30:00.000Z',
    version: 1,
    deleted: spec.deleted ?? false,
  };
}

export const annotations: Annotation[] = [
  annotation({
    id: '0b7c3f1e-5a2d-4c1b-9e8f-2a3b4c5d6e7f',
    contributionId: 'c-1',
    language: 'en',
    exact: 'requires common rules',
    note: 'Key claim.\r\nCompare with the Tallinn Manual.',
    tags: ['t-gov', 't-norms'],
  }),
  annotation({
    id: '1c8d4a2f-6b3e-4d2c-8f9a-3b4c5d6e7f80',
    contributionId: 'c:2',
    language: 'zh',
    exact: '国际法适用',
    note: 'ملاحظة: القانون الدولي ينطبق',
    tags: ['t-gov'],
  }),
  annotation({
    id: 'legacy:a-3',
    contributionId: 'c:2',
    language: 'ar',
    exact: 'قواعد مشتركة',
    note: 'He said "yes", then\nleft',
    visibility: 'private',
  }),
  annotation({
    id: '2d9e5b30-7c4f-4e3d-9a0b-4c5d6e7f8091',
    contributionId: 'c-1',
    language: 'fr',
    exact: 'un passage disparu',
    position: { start: 3, end: 21 },
    note: 'Orphaned after an edit.',
    tags: ['t-gov'],
  }),
  annotation({
    id: '3e0f6c41-8d5a-4f4e-8b1c-5d6e7f8091a2',
    contributionId: 'c-1',
    language: 'fr',
    exact: 'exige',
    deleted: true,
  }),
];

export const liveAnnotations = annotations.filter((a) => !a.deleted);
