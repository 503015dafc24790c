import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProceedingsInput, ProceedingsSynthesis } from '../../../../shared/export/proceedings/input.js';
import { pickLocalized, type Lang } from '../../../../shared/languages.js';
import { citationFor, quoteBlock } from '../../../../shared/synthesis/citation.js';
import type { SynthesisNode } from '../../../../shared/synthesis/document.js';
import { importLineSchema, type ImportLine } from '../../../../shared/protocol/import-format.js';
import { loadDemoCorpus } from '../demo-corpus.js';

/**
 * Proceedings of the demo seminar, built the way the app will build them:
 * the demo corpus's agenda (its two days, three sessions and their
 * questions, titles in the edition's language), one synthesis per question
 * that has contributions, written in the edition's language from its
 * contributions' texts and quoting their passages through the demo
 * annotations (citationFor + quoteBlock, as the editor inserts them): quotes
 * of originals, of machine translations (with the original's wording in the
 * note) and of other scripts inside the edition's (a French original quoted
 * in Arabic text). A foreword, closing remarks, named participants and the
 * tags of the quoted annotations complete it.
 *
 * `paragraphs` scales each synthesis (the bench's "ten pages" is ~40).
 */

const CORPUS = fileURLToPath(new URL('../../../../assets/demo/corpus.jsonl', import.meta.url));

const lines: ImportLine[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => importLineSchema.parse(JSON.parse(l)));

const corpus = loadDemoCorpus();

const pick = (text: Partial<Record<Lang, string>>, lang: Lang) => pickLocalized(text, lang)?.text ?? '';

const p = (text: string): SynthesisNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

export interface DemoProceedingsOptions {
  paragraphs?: number;
  /** Limit the number of syntheses (in agenda order). */
  syntheses?: number;
  /** A question may hold this many syntheses (each a copy with its own id). */
  perQuestion?: number;
  state?: ProceedingsInput['edition']['state'];
}

export function demoProceedings(lang: Lang, options: DemoProceedingsOptions = {}): ProceedingsInput {
  const paragraphs = options.paragraphs ?? 2;
  const questions = new Map(lines.flatMap((l) => (l.type === 'question' ? [[l.id, l] as const] : [])));
  // The February seminar's agenda: the demo holds three meetings, each its own proceedings.
  const sessions = lines
    .flatMap((l) => (l.type === 'session' && l.eventId === 'seminar' ? [l] : []))
    .sort((a, b) => a.order - b.order);
  let budget = options.syntheses ?? Infinity;
  const usedTags = new Map<string, Set<string>>();
  let written = 0;

  const synthesisOf = (questionId: string, code: string, copy: number): ProceedingsSynthesis | null => {
    const contributions = corpus.contributions.filter((c) => c.questionId === questionId);
    if (contributions.length === 0) return null;
    const content: SynthesisNode[] = [];
    let n = 0;
    for (let i = 0; i < paragraphs; i += 1) {
      const contribution = contributions[i % contributions.length]!;
      const own = contribution.versions.find((v) => v.language === lang) ?? contribution.versions[0]!;
      if (i % 8 === 0)
        content.push({
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: own.text.split(/(?<=[.!?。！？])\s*/u)[0]!.slice(0, 80) }],
        });
      content.push(p(own.text));
      // Every other paragraph quotes a passage: in the edition's language when the contribution has it, else the original.
      if (i % 2 === 0) {
        const annotation =
          corpus.annotations.find((a) => a.target.contributionId === contribution.id && a.target.language === lang) ??
          corpus.annotations.find(
            (a) => a.target.contributionId === contribution.id && a.target.language === contribution.language,
          )!;
        n += 1;
        const citation = citationFor(annotation, contribution, code, `cit-${questionId}-${copy}-${n}`);
        content.push(quoteBlock(annotation.target.quote.exact, citation));
        for (const tag of annotation.tags) {
          if (!usedTags.has(tag)) usedTags.set(tag, new Set());
          usedTags.get(tag)!.add(contribution.id);
        }
      }
    }
    written += 1;
    return {
      id: `syn-${questionId}-${copy}`,
      title: `${code} — ${pick(questions.get(questionId as never)!.title, lang).slice(0, 60)}`,
      authors: ['Dr. Amélie Durand', 'فاطمة الزهراء', '王芳'],
      doc: { type: 'doc', content },
      origin:
        lang === 'fr'
          ? { kind: 'original' }
          : written % 2 === 1
            ? { kind: 'machine', from: 'fr', engine: 'systran' }
            : { kind: 'human-corrected', from: 'fr', engine: 'systran' },
    };
  };

  const days = [...new Set(sessions.map((s) => s.day))].map((day) => {
    const ofDay = sessions.filter((s) => s.day === day);
    return {
      day,
      date: ofDay[0]!.date,
      sessions: ofDay.map((session) => ({
        id: session.id,
        title: pick(session.title, lang),
        questions: session.questionIds.flatMap((id) => {
          const question = questions.get(id);
          if (!question || budget <= 0) return [];
          const syntheses: ProceedingsSynthesis[] = [];
          for (let copy = 0; copy < (options.perQuestion ?? 1) && budget > 0; copy += 1) {
            const synthesis = synthesisOf(id, question.code, copy);
            if (!synthesis) break;
            syntheses.push(synthesis);
            budget -= 1;
          }
          return syntheses.length > 0
            ? [{ id, code: question.code, title: pick(question.title, lang), syntheses }]
            : [];
        }),
      })),
    };
  });

  const tagLabels = new Map(corpus.tags.map((t) => [t.id as string, pick(t.label, lang)]));
  const frenchSentence = corpus.contributions.find((c) => c.language === 'fr')!.versions[0]!.text.split('. ')[0]!;
  return {
    language: lang,
    edition: {
      number: 1,
      state: options.state ?? 'published',
      contentHash: 'sha256:4f1c9a0e7b2d5c8f',
      date: '2017-04-10',
      publicationId: 'seminar-2017-02',
    },
    event: {
      title: pick(
        {
          fr: 'Séminaire « Construire la paix et la sécurité internationales dans la société numérique »',
          en: 'Seminar “Building international peace and security in the digital society”',
          ar: 'ندوة «بناء السلام والأمن الدوليين في المجتمع الرقمي»',
          zh: '“在数字社会中构建国际和平与安全”研讨会',
        },
        lang,
      ),
      startDate: '2017-02-01',
      endDate: '2017-02-02',
      place: 'Paris',
    },
    titlePage: {
      title: pick(
        { fr: 'Actes du séminaire', en: 'Proceedings of the seminar', ar: 'وقائع الندوة', zh: '研讨会文集' },
        lang,
      ),
      subtitle: pick(
        {
          fr: 'Paix et sécurité dans le cyberespace',
          en: 'Peace and security in cyberspace',
          ar: 'السلام والأمن في الفضاء السيبراني',
          zh: '网络空间的和平与安全',
        },
        lang,
      ),
      publisher: 'SGDSN',
    },
    foreword: {
      title: pick({ fr: 'Avant-propos', en: 'Foreword', ar: 'تمهيد', zh: '前言' }, lang),
      authors: ['SGDSN'],
      // A French sentence inside the edition's text: mixed direction in Arabic.
      doc: {
        type: 'doc',
        content: [
          p(
            pick(
              {
                fr: 'Ces actes rassemblent les synthèses du séminaire.',
                en: 'These proceedings gather the seminar’s syntheses.',
                ar: 'تجمع هذه الوقائع خلاصات الندوة، ومنها قول: «' + frenchSentence + '».',
                zh: '本文集汇集了研讨会的各项总结。',
              },
              lang,
            ),
          ),
        ],
      },
      origin: { kind: 'original' },
    },
    closing: {
      title: pick({ fr: 'Remarques de clôture', en: 'Closing remarks', ar: 'ملاحظات ختامية', zh: '闭幕词' }, lang),
      authors: ['SGDSN'],
      doc: {
        type: 'doc',
        content: [
          p(
            pick(
              {
                fr: 'Le travail continue à la conférence.',
                en: 'The work continues at the conference.',
                ar: 'يستمر العمل في المؤتمر 2017.',
                zh: '工作将在会议上继续。',
              },
              lang,
            ),
          ),
        ],
      },
      origin: lang === 'fr' ? { kind: 'original' } : { kind: 'machine', from: 'fr', engine: 'systran' },
    },
    days,
    participants: [
      { name: 'Dr. Amélie Durand', affiliation: 'Université de Paris', consented: true },
      { name: 'فاطمة الزهراء', consented: true },
      { name: '王芳', affiliation: '网络安全协会', consented: true },
      { name: '김민준', consented: true },
    ],
    tags: [...usedTags].map(([id, contributionIds]) => ({
      id,
      label: tagLabels.get(id) ?? id,
      contributionIds: [...contributionIds],
    })),
    withdrawn: [],
  };
}
