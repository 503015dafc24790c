import { LANGUAGES, type Lang } from '../../shared/languages.js';
import { AUTHOR_KINDS } from '../../shared/model/entities.js';

/**
 * A synthetic consultation export for load tests and benchmarks: one theme,
 * eight questions, then each contribution followed by its nine machine
 * translations. Text is built from per-language phrase lists in each
 * language's real script, so sizes and character mixes resemble the real
 * corpus. Deterministic for a given seed; yields one line at a time.
 */
export interface SyntheticCorpusOptions {
  contributions: number;
  seed?: number;
}

const QUESTION_COUNT = 8;

/** mulberry32: a tiny, fast, deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Lexicon {
  subjects: readonly string[];
  verbs: readonly string[];
  objects: readonly string[];
  tails: readonly string[];
  /** Whether the tail (an infinitive) comes before the object, as in English and Romance languages. */
  tailFirst?: boolean;
  /** Joins the parts of a sentence: a space, or nothing for Chinese. */
  sep: string;
  end: string;
  /** Joins sentences within a paragraph. */
  gap: string;
}

const LEXICONS: Record<Lang, Lexicon> = {
  de: {
    subjects: [
      'Die Staaten',
      'Private Akteure',
      'Internationale Organisationen',
      'Die Zivilgesellschaft',
      'Betreiber kritischer Infrastrukturen',
      'Die Völkerrechtler',
    ],
    verbs: ['müssen gemeinsam', 'sollten ausdrücklich', 'können wirksam', 'dürfen nicht einseitig', 'werden künftig'],
    objects: [
      'die Sorgfaltspflicht im Cyberraum',
      'gegen böswillige Handlungen',
      'die Zuordnung von Angriffen',
      'die Normen der Regierungsexpertengruppe',
      'den Schutz personenbezogener Daten',
      'grenzüberschreitende Zusammenarbeit',
    ],
    tails: ['stärken', 'überprüfen', 'gewährleisten', 'fördern', 'regeln', 'berücksichtigen'],
    sep: ' ',
    end: '.',
    gap: ' ',
  },
  en: {
    subjects: [
      'States',
      'Private actors',
      'International organisations',
      'Civil society',
      'Operators of critical infrastructure',
      'Legal scholars',
    ],
    verbs: ['must jointly', 'should explicitly', 'can effectively', 'may not unilaterally', 'will increasingly'],
    objects: [
      'due diligence in cyberspace',
      'responses to malicious acts',
      'the attribution of attacks',
      'the norms agreed in the GGE',
      'the protection of personal data',
      'cross-border cooperation',
    ],
    tails: ['strengthen', 'review', 'guarantee', 'promote', 'regulate', 'take into account'],
    sep: ' ',
    end: '.',
    gap: ' ',
    tailFirst: true,
  },
  ar: {
    subjects: [
      'الدول',
      'الجهات الخاصة',
      'المنظمات الدولية',
      'المجتمع المدني',
      'مشغلو البنى التحتية الحيوية',
      'خبراء القانون الدولي',
    ],
    verbs: ['يجب أن تعزز', 'ينبغي أن تراجع', 'يمكن أن تضمن', 'لا يجوز أن تقرر منفردة', 'ستنظم مستقبلا'],
    objects: [
      'مبدأ العناية الواجبة في الفضاء الرقمي',
      'الرد على الأعمال الخبيثة',
      'إسناد الهجمات الإلكترونية',
      'القواعد المتفق عليها في فريق الخبراء الحكوميين',
      'حماية البيانات الشخصية',
      'التعاون العابر للحدود',
    ],
    tails: ['بشكل مشترك', 'بوضوح تام', 'وفقا للقانون الدولي', 'دون تأخير', 'بروح المسؤولية', 'على المستوى الوطني'],
    sep: ' ',
    end: '.',
    gap: ' ',
  },
  zh: {
    subjects: ['各国', '私营行为体', '国际组织', '公民社会', '关键基础设施运营者', '国际法学者'],
    verbs: ['应当共同', '必须明确', '可以有效地', '不得单方面', '将逐步'],
    objects: [
      '履行网络空间的审慎义务',
      '应对恶意网络行为',
      '确定网络攻击的归属',
      '推广政府专家组商定的规范',
      '保护个人数据',
      '加强跨境合作',
    ],
    tails: ['并承担相应责任', '以维护国际和平', '符合国际法', '而不损害他国权利', '以增进信任', '在多方参与下进行'],
    sep: '',
    end: '。',
    gap: '',
  },
  ko: {
    subjects: [
      '국가들은',
      '민간 행위자들은',
      '국제기구들은',
      '시민사회는',
      '핵심 기반시설 운영자들은',
      '국제법 학자들은',
    ],
    verbs: ['함께', '명시적으로', '효과적으로', '일방적으로', '점차'],
    objects: [
      '사이버 공간의 상당한 주의 의무를',
      '악의적 행위에 대한 대응을',
      '사이버 공격의 귀속을',
      '정부전문가그룹의 규범을',
      '개인정보 보호를',
      '국경을 넘는 협력을',
    ],
    tails: ['강화해야 한다', '검토해야 한다', '보장할 수 있다', '촉진해야 한다', '규율해야 한다', '고려해야 한다'],
    sep: ' ',
    end: '.',
    gap: ' ',
  },
  es: {
    subjects: [
      'Los Estados',
      'Los actores privados',
      'Las organizaciones internacionales',
      'La sociedad civil',
      'Los operadores de infraestructuras críticas',
      'Los juristas',
    ],
    verbs: [
      'deben conjuntamente',
      'deberían explícitamente',
      'pueden eficazmente',
      'no pueden unilateralmente',
      'van a',
    ],
    objects: [
      'la diligencia debida en el ciberespacio',
      'la respuesta a los actos maliciosos',
      'la atribución de los ataques',
      'las normas acordadas en el GEG',
      'la protección de los datos personales',
      'la cooperación transfronteriza',
    ],
    tails: ['reforzar', 'revisar', 'garantizar', 'promover', 'regular', 'tener en cuenta'],
    sep: ' ',
    end: '.',
    gap: ' ',
    tailFirst: true,
  },
  fr: {
    subjects: [
      'Les États',
      'Les acteurs privés',
      'Les organisations internationales',
      'La société civile',
      "Les opérateurs d'infrastructures critiques",
      'Les juristes',
    ],
    verbs: [
      'doivent conjointement',
      'devraient explicitement',
      'peuvent efficacement',
      'ne peuvent pas unilatéralement',
      'vont progressivement',
    ],
    objects: [
      "la diligence requise dans l'espace numérique",
      'la réponse aux actes malveillants',
      "l'attribution des attaques",
      'les normes agréées au sein du GGE',
      'la protection des données personnelles',
      'la coopération transfrontalière',
    ],
    tails: ['renforcer', 'réexaminer', 'garantir', 'promouvoir', 'encadrer', 'prendre en considération'],
    sep: ' ',
    end: '.',
    gap: ' ',
    tailFirst: true,
  },
  it: {
    subjects: [
      'Gli Stati',
      'Gli attori privati',
      'Le organizzazioni internazionali',
      'La società civile',
      'Gli operatori di infrastrutture critiche',
      'I giuristi',
    ],
    verbs: [
      'devono congiuntamente',
      'dovrebbero esplicitamente',
      'possono efficacemente',
      'non possono unilateralmente',
      'dovranno sempre più',
    ],
    objects: [
      'la dovuta diligenza nel ciberspazio',
      'la risposta agli atti malevoli',
      "l'attribuzione degli attacchi",
      'le norme concordate nel GGE',
      'la protezione dei dati personali',
      'la cooperazione transfrontaliera',
    ],
    tails: ['rafforzare', 'riesaminare', 'garantire', 'promuovere', 'regolare', 'prendere in considerazione'],
    sep: ' ',
    end: '.',
    gap: ' ',
    tailFirst: true,
  },
  pt: {
    subjects: [
      'Os Estados',
      'Os atores privados',
      'As organizações internacionais',
      'A sociedade civil',
      'Os operadores de infraestruturas críticas',
      'Os juristas',
    ],
    verbs: [
      'devem conjuntamente',
      'deveriam explicitamente',
      'podem eficazmente',
      'não podem unilateralmente',
      'vão cada vez mais',
    ],
    objects: [
      'a devida diligência no ciberespaço',
      'a resposta aos atos maliciosos',
      'a atribuição dos ataques',
      'as normas acordadas no GGE',
      'a proteção dos dados pessoais',
      'a cooperação transfronteiriça',
    ],
    tails: ['reforçar', 'reexaminar', 'garantir', 'promover', 'regulamentar', 'levar em consideração'],
    sep: ' ',
    end: '.',
    gap: ' ',
    tailFirst: true,
  },
  ru: {
    subjects: [
      'Государства',
      'Частные субъекты',
      'Международные организации',
      'Гражданское общество',
      'Операторы критической инфраструктуры',
      'Юристы-международники',
    ],
    verbs: [
      'должны совместно',
      'следует прямо',
      'могут эффективно',
      'не вправе в одностороннем порядке',
      'будут постепенно',
    ],
    objects: [
      'соблюдать должную осмотрительность в киберпространстве',
      'отвечать на злонамеренные действия',
      'устанавливать атрибуцию атак',
      'применять нормы Группы правительственных экспертов',
      'защищать персональные данные',
      'развивать трансграничное сотрудничество',
    ],
    tails: [
      'в соответствии с международным правом',
      'без промедления',
      'на национальном уровне',
      'ради взаимного доверия',
      'с участием всех сторон',
      'под контролем судов',
    ],
    sep: ' ',
    end: '.',
    gap: ' ',
  },
};

const QUESTION_TITLES: Record<Lang, string> = {
  de: 'Synthetische Frage',
  en: 'Synthetic question',
  ar: 'سؤال اصطناعي',
  zh: '合成问题',
  ko: '합성 질문',
  es: 'Pregunta sintética',
  fr: 'Question synthétique',
  it: 'Domanda sintetica',
  pt: 'Pergunta sintética',
  ru: 'Синтетический вопрос',
};

const THEME_TITLES: Record<Lang, string> = {
  de: 'Synthetisches Thema',
  en: 'Synthetic theme',
  ar: 'موضوع اصطناعي',
  zh: '合成主题',
  ko: '합성 주제',
  es: 'Tema sintético',
  fr: 'Thème synthétique',
  it: 'Tema sintetico',
  pt: 'Tema sintético',
  ru: 'Синтетическая тема',
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function sentence(random: () => number, lex: Lexicon): string {
  const subject = pick(random, lex.subjects);
  const verb = pick(random, lex.verbs);
  const object = pick(random, lex.objects);
  const tail = pick(random, lex.tails);
  const rest = lex.tailFirst ? tail + lex.sep + object : object + lex.sep + tail;
  return subject + lex.sep + verb + lex.sep + rest + lex.end;
}

/**
 * Text of about `target` characters (never less than one sentence), in
 * paragraphs of 2–6 sentences separated by a blank line.
 */
function text(random: () => number, lang: Lang, target: number): string {
  const lex = LEXICONS[lang];
  const paragraphs: string[] = [];
  let length = 0;
  while (length < target || paragraphs.length === 0) {
    const count = 2 + Math.floor(random() * 5);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(sentence(random, lex));
    const paragraph = sentences.join(lex.gap);
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

/** Target length per version: 300–6,000 characters, skewed, mean about 2,000. */
function targetLength(random: () => number): number {
  const u = random();
  return Math.min(6_000, Math.round(300 + 6_840 * u * u * u));
}

function localized(titles: Record<Lang, string>, suffix: string): Record<Lang, string> {
  const out = {} as Record<Lang, string>;
  for (const lang of LANGUAGES) out[lang] = `${titles[lang]} ${suffix}`;
  return out;
}

const BASE_TIME = Date.UTC(2017, 1, 1, 8, 0, 0);

export function* generateSyntheticCorpus(options: SyntheticCorpusOptions): Generator<string> {
  const random = mulberry32(options.seed ?? 1);
  yield JSON.stringify({
    type: 'theme',
    id: 'syn-theme',
    track: 'public',
    code: 'SYN',
    order: 1,
    title: localized(THEME_TITLES, 'SYN'),
  });
  for (let q = 1; q <= QUESTION_COUNT; q++) {
    yield JSON.stringify({
      type: 'question',
      id: `syn-q-${q}`,
      track: 'public',
      theme: 'SYN',
      code: `S${q}`,
      order: q,
      title: localized(QUESTION_TITLES, String(q)),
    });
  }
  for (let n = 1; n <= options.contributions; n++) {
    const id = `syn-c-${n}`;
    const language = LANGUAGES[(n - 1) % LANGUAGES.length] as Lang;
    const target = targetLength(random);
    yield JSON.stringify({
      type: 'contribution',
      id,
      questionId: `syn-q-${1 + Math.floor(random() * QUESTION_COUNT)}`,
      author: { name: `Synthetic author ${1 + ((n * 7919) % 997)}`, kind: AUTHOR_KINDS[n % AUTHOR_KINDS.length] },
      language,
      createdAt: new Date(BASE_TIME + n * 61_000).toISOString(),
      status: 'published',
      text: text(random, language, target),
    });
    for (const other of LANGUAGES) {
      if (other === language) continue;
      // Translations differ in length from the original by a few percent, as real ones do.
      const length = Math.round(target * (0.85 + random() * 0.3));
      yield JSON.stringify({
        type: 'translation',
        contributionId: id,
        language: other,
        origin: 'machine',
        engine: 'synthetic',
        text: text(random, other, length),
      });
    }
  }
}
