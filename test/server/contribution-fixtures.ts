import { randomUUID } from 'node:crypto';
import type { Lang } from '../../shared/languages.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';

export const KOREAN =
  '국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다.\n\n특히 중요 기반 시설에 대한 공격을 막기 위해 협력해야 한다.';
export const FRENCH =
  'Les États doivent exercer une diligence raisonnable dans le cyberespace, y compris envers les infrastructures.';

/** A contribution-put mutation (a creation unless `baseVersion` is given), checked against the wire schema. */
export function contributionPut(
  fields: { id?: string; questionId?: string; language?: Lang; text?: string } = {},
  baseVersion: number | null = null,
): Mutation {
  return mutationSchema.parse({
    id: randomUUID(),
    kind: 'contribution-put',
    baseVersion,
    contribution: { id: `c-${randomUUID()}`, questionId: 'q1', language: 'ko', text: KOREAN, ...fields },
  });
}
