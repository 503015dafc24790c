/**
 * The search benchmark's corpus and queries, shared by the page (the three
 * engines side by side, on its main thread, where heap is measured) and its
 * worker (the app's search service, as it runs in the app).
 */
import type { Lang } from '../../shared/languages.js';
import type { Contribution, ContributionId, QuestionId, TextVersion } from '../../shared/model/entities.js';
import { generateSyntheticCorpus } from '../../server/demo/synthetic-corpus.js';

export const SCRIPTS = ['Latin', 'Cyrillic', 'Arabic', 'Chinese', 'Korean'] as const;
export type Script = (typeof SCRIPTS)[number];
export const QUERY_KINDS = ['word', 'prefix', 'phrase'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  script: Script;
  /** As typed in the app: a finished word ends with a space, a prefix does not, a phrase is quoted. */
  text: string;
  /** The same words for engines without these notions (MiniSearch, FlexSearch defaults). */
  plain: string;
}

/** Words and phrases of the synthetic corpus's lexicons (server/demo/synthetic-corpus.ts). */
const WORDS: Record<Script, { word: string[]; prefix: string[]; phrase: string[] }> = {
  Latin: {
    word: ['attribution', 'coopération', 'Sorgfaltspflicht', 'transfronteriza', 'diligenza', 'proteção'],
    prefix: ['attrib', 'coopér', 'Sorgfalt', 'transfront', 'dilig', 'prote'],
    phrase: [
      'due diligence in cyberspace',
      'la protection des données personnelles',
      'den Schutz personenbezogener Daten',
      'la cooperación transfronteriza',
      'la dovuta diligenza',
      'a devida diligência',
    ],
  },
  Cyrillic: {
    word: ['осмотрительность', 'атрибуцию', 'сотрудничество', 'киберпространстве', 'Государства', 'данные'],
    prefix: ['осмотр', 'сотруд', 'кибер', 'атриб', 'госуд', 'персон'],
    phrase: [
      'должную осмотрительность',
      'персональные данные',
      'трансграничное сотрудничество',
      'международным правом',
      'на национальном уровне',
      'атрибуцию атак',
    ],
  },
  Arabic: {
    word: ['العناية', 'الهجمات', 'البيانات', 'الدول', 'التعاون', 'الخبيثة'],
    prefix: ['العنا', 'الهجم', 'التعا', 'البيا', 'الخبي', 'المنظ'],
    phrase: [
      'العناية الواجبة',
      'حماية البيانات الشخصية',
      'التعاون العابر للحدود',
      'إسناد الهجمات الإلكترونية',
      'المجتمع المدني',
      'الأعمال الخبيثة',
    ],
  },
  Chinese: {
    word: ['审慎', '网络', '国际法', '合作', '规范', '数据'],
    prefix: ['审', '网', '合', '规', '保', '国'],
    phrase: ['审慎义务', '个人数据', '跨境合作', '网络攻击', '国际和平', '恶意网络行为'],
  },
  Korean: {
    word: ['사이버', '협력을', '국가들은', '개인정보', '규범을', '귀속을'],
    prefix: ['사이', '협', '국가', '개인', '규', '귀'],
    phrase: [
      '개인정보 보호를',
      '국경을 넘는 협력을',
      '상당한 주의 의무를',
      '악의적 행위에 대한',
      '핵심 기반시설',
      '시민사회는',
    ],
  },
};

export function benchQueries(): BenchQuery[] {
  const queries: BenchQuery[] = [];
  for (const script of SCRIPTS) {
    const words = WORDS[script];
    for (const word of words.word) queries.push({ kind: 'word', script, text: `${word} `, plain: word });
    for (const prefix of words.prefix) queries.push({ kind: 'prefix', script, text: prefix, plain: prefix });
    for (const phrase of words.phrase) queries.push({ kind: 'phrase', script, text: `"${phrase}"`, plain: phrase });
  }
  return queries;
}

/** The synthetic corpus as the sync would hand it over: whole contributions with their ten versions. */
export function syntheticContributions(count: number, seed = 1): Contribution[] {
  const out: Contribution[] = [];
  for (const line of generateSyntheticCorpus({ contributions: count, seed })) {
    const record = JSON.parse(line) as {
      type: string;
      id?: string;
      questionId?: string;
      author?: Contribution['author'];
      language: Lang;
      createdAt?: string;
      text: string;
      origin?: TextVersion['origin'];
      engine?: string;
    };
    if (record.type === 'contribution') {
      const version: TextVersion = {
        language: record.language,
        text: record.text,
        origin: 'original',
        engine: null,
        sourceVersion: 1,
      };
      out.push({
        id: record.id as ContributionId,
        questionId: record.questionId as QuestionId,
        author: record.author!,
        language: record.language,
        status: 'published',
        version: 1,
        createdAt: record.createdAt!,
        updatedAt: record.createdAt!,
        versions: [version],
      });
    } else if (record.type === 'translation') {
      out.at(-1)!.versions.push({
        language: record.language,
        text: record.text,
        origin: record.origin ?? 'machine',
        engine: record.engine ?? null,
        sourceVersion: 1,
      });
    }
  }
  return out;
}

export interface QuerySamples {
  /** Milliseconds per run of each query, in benchQueries() order. */
  times: number[][];
  /** Results of each query's first run (contributions or documents, as the engine counts them). */
  hits: number[];
}
