import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Lang } from '../../../shared/languages.js';
import type { Annotation, AnnotationId, Tag, TagId } from '../../../shared/model/annotations.js';
import type { Contribution, ContributionId, ParticipantId, QuestionId } from '../../../shared/model/entities.js';
import { importLineSchema, type ImportLine } from '../../../shared/protocol/import-format.js';

/**
 * The demo corpus (assets/demo/corpus.jsonl) as export input: its thirty
 * contributions with all their language versions and its eleven-tag codebook,
 * and annotations on every language version of every contribution, with notes
 * written in that version's language (a sentence of another contribution in
 * the same language, plus quotes, a line break and a formula-like start) and
 * zero, one or two tags. Real texts in all ten scripts, so the validators see
 * what a seminar would export.
 */

const CORPUS = fileURLToPath(new URL('../../../assets/demo/corpus.jsonl', import.meta.url));

function readLines(): ImportLine[] {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => importLineSchema.parse(JSON.parse(line)));
}

export interface DemoCorpus {
  contributions: Contribution[];
  tags: Tag[];
  annotations: Annotation[];
}

export function loadDemoCorpus(): DemoCorpus {
  const lines = readLines();
  const contributions = new Map<string, Contribution>();
  const tags: Tag[] = [];
  for (const line of lines) {
    if (line.type === 'contribution') {
      contributions.set(line.id, {
        id: line.id as ContributionId,
        questionId: line.questionId as QuestionId,
        author: line.author,
        language: line.language,
        status: line.status,
        version: 1,
        createdAt: line.createdAt,
        updatedAt: line.createdAt,
        versions: [{ language: line.language, text: line.text, origin: 'original', engine: null, sourceVersion: 1 }],
        ...(line.replyTo ? { replyTo: line.replyTo as ContributionId } : {}),
      });
    } else if (line.type === 'translation') {
      contributions.get(line.contributionId)?.versions.push({
        language: line.language,
        text: line.text,
        origin: line.origin,
        engine: line.engine ?? null,
        sourceVersion: 1,
      });
    } else if (line.type === 'tag') {
      tags.push({
        id: line.id as TagId,
        label: line.label,
        color: line.color,
        status: 'active',
        proposedBy: null,
        order: line.order,
        version: 1,
      });
    }
  }
  const list = [...contributions.values()];
  return { contributions: list, tags, annotations: demoAnnotations(list, tags) };
}

/** A sentence of some contribution in `lang` other than `except`, for a note written in that language. */
function sentenceIn(contributions: Contribution[], lang: Lang, except: string, n: number): string {
  const others = contributions.filter((c) => c.id !== except && c.versions.some((v) => v.language === lang));
  const text = others[n % others.length]!.versions.find((v) => v.language === lang)!.text;
  return text.split(/(?<=[.!?。！？])\s*/u)[0]!.slice(0, 200);
}

function demoAnnotations(contributions: Contribution[], tags: Tag[]): Annotation[] {
  const result: Annotation[] = [];
  let n = 0;
  for (const contribution of contributions) {
    for (const version of contribution.versions) {
      const chars = [...version.text];
      // A quote of a dozen code points from the middle: astral characters stay whole.
      const startCp = Math.floor(chars.length / 3);
      const quote = chars.slice(startCp, startCp + 12).join('');
      const start = chars.slice(0, startCp).join('').length;
      const end = start + quote.length;
      const bare = n % 7 === 6;
      const tagCount = bare ? 0 : n % 3;
      result.push({
        id: `d${String(n).padStart(7, '0')}-0000-4000-8000-000000000000` as AnnotationId,
        authorId: `p-${n % 5}` as ParticipantId,
        authorName: ['Dr. Amélie Durand', '김민준', 'فاطمة الزهراء', '王芳', 'Иван "Ваня" Петров'][n % 5]!,
        target: {
          contributionId: contribution.id,
          language: version.language,
          sourceVersion: 1,
          textHash: 'demo',
          quote: {
            exact: quote,
            prefix: version.text.slice(Math.max(0, start - 16), start),
            suffix: version.text.slice(end, end + 16),
          },
          position: { start, end },
        },
        note: bare
          ? ''
          : `${n % 4 === 0 ? '=' : ''}${sentenceIn(contributions, version.language, contribution.id, n)}\n"${quote}", ${LANGUAGES[n % LANGUAGES.length]}`,
        tags: Array.from({ length: tagCount }, (_, i) => tags[(n + i * 5) % tags.length]!.id),
        visibility: n % 4 === 3 ? 'private' : 'seminar',
        createdAt: '2017-02-01T10:00:00.000Z',
        updatedAt: '2017-02-02T16:45:00.000Z',
        version: 1,
        deleted: false,
      });
      n++;
    }
  }
  return result;
}
