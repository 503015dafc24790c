import { NATIVE_NAMES, type Lang } from '../../languages.js';
import type { AuthorKind } from '../../model/entities.js';
import type { CitationAttrs } from '../document.js';

/**
 * The few words an exported synthesis writes itself (the notes, the list of
 * cited contributions), in the synthesis's language. The wording follows the
 * renderer's locale files (author kinds, "machine translation") so a reader
 * meets the same terms in the app and in the proceedings. Templates take
 * `{name}` placeholders; punctuation differs by language (Chinese full-width
 * commas and brackets, the Arabic comma, French spaces before colons).
 */
export interface SynthesisLabels {
  citedContributions: string;
  /** `{author}`, `{kind}` */
  authorWithKind: string;
  /** `{id}` */
  contribution: string;
  /** `{code}` */
  question: string;
  /** A quote from an answer: `{author}` and `{id}` of the contribution it answers; unnamed when its author is unknown. */
  inAnswerTo: string;
  inAnswerToUnnamed: string;
  /** The language version quoted: `{language}` is its name in the synthesis's language. */
  quotedIn: string;
  /** `{engine}` */
  machineTranslation: string;
  machineTranslationUnnamed: string;
  humanTranslation: string;
  /** Before the original's wording: `{language}` is the original's language code. */
  originalWording: string;
  /** `{language}` is the language's name. */
  originalLanguage: string;
  /** A sentence of the note on a quote whose contribution was withdrawn (without its full stop). */
  withdrawnSinceQuoted: string;
  /** Ends the entry of a withdrawn contribution in the list of cited contributions. */
  withdrawn: string;
  authorKinds: Readonly<Record<AuthorKind, string>>;
  separator: string;
  /** Between the provenance and the translation label. */
  dash: string;
  fullStop: string;
  /** After a full stop, before the next sentence. */
  sentenceGap: string;
  quotes: readonly [open: string, close: string];
}

const NBSP = '\u00a0';

export const SYNTHESIS_LABELS: Readonly<Record<Lang, SynthesisLabels>> = {
  de: {
    citedContributions: 'Zitierte Beiträge',
    authorWithKind: '{author} ({kind})',
    contribution: 'Beitrag {id}',
    question: 'Frage {code}',
    inAnswerTo: 'als Antwort auf {author} (Beitrag {id})',
    inAnswerToUnnamed: 'als Antwort auf Beitrag {id}',
    quotedIn: 'auf {language}',
    machineTranslation: 'maschinelle Übersetzung ({engine})',
    machineTranslationUnnamed: 'maschinelle Übersetzung',
    humanTranslation: 'Humanübersetzung',
    originalWording: 'Original ({language}):',
    originalLanguage: 'Originalsprache: {language}',
    withdrawnSinceQuoted: 'Beitrag seit dem Zitieren zurückgezogen',
    withdrawn: 'zurückgezogen',
    authorKinds: {
      'legal-expert': 'Rechtsexperte',
      individual: 'Privatperson',
      company: 'Unternehmen',
      ngo: 'NGO',
      institution: 'Institution',
    },
    separator: ', ',
    dash: ' – ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['„', '“'],
  },
  en: {
    citedContributions: 'Cited contributions',
    authorWithKind: '{author} ({kind})',
    contribution: 'contribution {id}',
    question: 'question {code}',
    inAnswerTo: 'in answer to {author} (contribution {id})',
    inAnswerToUnnamed: 'in answer to contribution {id}',
    quotedIn: 'in {language}',
    machineTranslation: 'machine translation ({engine})',
    machineTranslationUnnamed: 'machine translation',
    humanTranslation: 'human translation',
    originalWording: 'Original ({language}):',
    originalLanguage: 'original language: {language}',
    withdrawnSinceQuoted: 'Contribution withdrawn since it was quoted',
    withdrawn: 'withdrawn',
    authorKinds: {
      'legal-expert': 'legal expert',
      individual: 'individual',
      company: 'company',
      ngo: 'NGO',
      institution: 'institution',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['“', '”'],
  },
  ar: {
    citedContributions: 'المساهمات المستشهد بها',
    authorWithKind: '{author} ({kind})',
    contribution: 'المساهمة {id}',
    question: 'السؤال {code}',
    inAnswerTo: 'ردًّا على {author} (المساهمة {id})',
    inAnswerToUnnamed: 'ردًّا على المساهمة {id}',
    quotedIn: 'باللغة {language}',
    machineTranslation: 'ترجمة آلية ({engine})',
    machineTranslationUnnamed: 'ترجمة آلية',
    humanTranslation: 'ترجمة بشرية',
    originalWording: 'الأصل ({language}):',
    originalLanguage: 'اللغة الأصلية: {language}',
    withdrawnSinceQuoted: 'سُحبت المساهمة بعد الاستشهاد بها',
    withdrawn: 'مسحوبة',
    authorKinds: {
      'legal-expert': 'خبير قانوني',
      individual: 'فرد',
      company: 'شركة',
      ngo: 'منظمة غير حكومية',
      institution: 'مؤسسة',
    },
    separator: '، ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['«', '»'],
  },
  zh: {
    citedContributions: '引用的意见',
    authorWithKind: '{author}（{kind}）',
    contribution: '意见 {id}',
    question: '问题 {code}',
    inAnswerTo: '回复 {author}（意见 {id}）',
    inAnswerToUnnamed: '回复意见 {id}',
    quotedIn: '{language}文本',
    machineTranslation: '机器翻译（{engine}）',
    machineTranslationUnnamed: '机器翻译',
    humanTranslation: '人工翻译',
    originalWording: '原文（{language}）：',
    originalLanguage: '原始语言：{language}',
    withdrawnSinceQuoted: '该意见在引用后已被撤回',
    withdrawn: '已撤回',
    authorKinds: {
      'legal-expert': '法律专家',
      individual: '个人',
      company: '企业',
      ngo: '非政府组织',
      institution: '机构',
    },
    separator: '，',
    dash: '——',
    fullStop: '。',
    sentenceGap: '',
    quotes: ['“', '”'],
  },
  ko: {
    citedContributions: '인용된 의견',
    authorWithKind: '{author} ({kind})',
    contribution: '의견 {id}',
    question: '질문 {code}',
    inAnswerTo: '{author}의 의견에 대한 답변(의견 {id})',
    inAnswerToUnnamed: '의견 {id}에 대한 답변',
    quotedIn: '{language} 텍스트',
    machineTranslation: '기계 번역 ({engine})',
    machineTranslationUnnamed: '기계 번역',
    humanTranslation: '사람 번역',
    originalWording: '원문 ({language}):',
    originalLanguage: '원문 언어: {language}',
    withdrawnSinceQuoted: '인용 이후 철회된 의견',
    withdrawn: '철회됨',
    authorKinds: {
      'legal-expert': '법률 전문가',
      individual: '개인',
      company: '기업',
      ngo: '비정부기구',
      institution: '기관',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['“', '”'],
  },
  es: {
    citedContributions: 'Contribuciones citadas',
    authorWithKind: '{author} ({kind})',
    contribution: 'contribución {id}',
    question: 'pregunta {code}',
    inAnswerTo: 'en respuesta a {author} (contribución {id})',
    inAnswerToUnnamed: 'en respuesta a la contribución {id}',
    quotedIn: 'en {language}',
    machineTranslation: 'traducción automática ({engine})',
    machineTranslationUnnamed: 'traducción automática',
    humanTranslation: 'traducción humana',
    originalWording: 'Original ({language}):',
    originalLanguage: 'idioma original: {language}',
    withdrawnSinceQuoted: 'Contribución retirada después de ser citada',
    withdrawn: 'retirada',
    authorKinds: {
      'legal-expert': 'experto jurídico',
      individual: 'particular',
      company: 'empresa',
      ngo: 'ONG',
      institution: 'institución',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['«', '»'],
  },
  fr: {
    citedContributions: 'Contributions citées',
    authorWithKind: '{author} ({kind})',
    contribution: 'contribution {id}',
    question: 'question {code}',
    inAnswerTo: 'en réponse à {author} (contribution {id})',
    inAnswerToUnnamed: 'en réponse à la contribution {id}',
    quotedIn: 'en {language}',
    machineTranslation: 'traduction automatique ({engine})',
    machineTranslationUnnamed: 'traduction automatique',
    humanTranslation: 'traduction humaine',
    originalWording: `Original ({language})${NBSP}:`,
    originalLanguage: `langue d’origine${NBSP}: {language}`,
    withdrawnSinceQuoted: 'Contribution retirée depuis sa citation',
    withdrawn: 'retirée',
    authorKinds: {
      'legal-expert': 'expert juridique',
      individual: 'particulier',
      company: 'entreprise',
      ngo: 'ONG',
      institution: 'institution',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: [`«${NBSP}`, `${NBSP}»`],
  },
  it: {
    citedContributions: 'Contributi citati',
    authorWithKind: '{author} ({kind})',
    contribution: 'contributo {id}',
    question: 'domanda {code}',
    inAnswerTo: 'in risposta a {author} (contributo {id})',
    inAnswerToUnnamed: 'in risposta al contributo {id}',
    quotedIn: 'in {language}',
    machineTranslation: 'traduzione automatica ({engine})',
    machineTranslationUnnamed: 'traduzione automatica',
    humanTranslation: 'traduzione umana',
    originalWording: 'Originale ({language}):',
    originalLanguage: 'lingua originale: {language}',
    withdrawnSinceQuoted: 'Contributo ritirato dopo essere stato citato',
    withdrawn: 'ritirato',
    authorKinds: {
      'legal-expert': 'esperto giuridico',
      individual: 'privato cittadino',
      company: 'impresa',
      ngo: 'ONG',
      institution: 'istituzione',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['«', '»'],
  },
  pt: {
    citedContributions: 'Contribuições citadas',
    authorWithKind: '{author} ({kind})',
    contribution: 'contribuição {id}',
    question: 'pergunta {code}',
    inAnswerTo: 'em resposta a {author} (contribuição {id})',
    inAnswerToUnnamed: 'em resposta à contribuição {id}',
    quotedIn: 'em {language}',
    machineTranslation: 'tradução automática ({engine})',
    machineTranslationUnnamed: 'tradução automática',
    humanTranslation: 'tradução humana',
    originalWording: 'Original ({language}):',
    originalLanguage: 'língua original: {language}',
    withdrawnSinceQuoted: 'Contribuição retirada depois de ser citada',
    withdrawn: 'retirada',
    authorKinds: {
      'legal-expert': 'especialista jurídico',
      individual: 'pessoa física',
      company: 'empresa',
      ngo: 'ONG',
      institution: 'instituição',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['“', '”'],
  },
  ru: {
    citedContributions: 'Цитируемые материалы',
    authorWithKind: '{author} ({kind})',
    contribution: 'материал {id}',
    question: 'вопрос {code}',
    inAnswerTo: 'в ответ на {author} (материал {id})',
    inAnswerToUnnamed: 'в ответ на материал {id}',
    // Russian declines language names after a preposition; a label keeps the dictionary form.
    quotedIn: 'язык: {language}',
    machineTranslation: 'машинный перевод ({engine})',
    machineTranslationUnnamed: 'машинный перевод',
    humanTranslation: 'перевод, выполненный человеком',
    originalWording: 'Оригинал ({language}):',
    originalLanguage: 'язык оригинала: {language}',
    withdrawnSinceQuoted: 'Материал отозван после цитирования',
    withdrawn: 'отозван',
    authorKinds: {
      'legal-expert': 'эксперт-юрист',
      individual: 'частное лицо',
      company: 'компания',
      ngo: 'НПО',
      institution: 'учреждение',
    },
    separator: ', ',
    dash: ' — ',
    fullStop: '.',
    sentenceGap: ' ',
    quotes: ['«', '»'],
  },
};

export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A language's name in the synthesis's language ("anglais" in French), or its own name where Intl lacks the data. */
export function languageName(code: Lang, inLanguage: Lang): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(code) ?? NATIVE_NAMES[code];
  } catch {
    return NATIVE_NAMES[code];
  }
}

function authorKindLabel(labels: SynthesisLabels, kind: AuthorKind): string {
  // A kind unknown to this build is shown as stored rather than dropped.
  return labels.authorKinds[kind] ?? kind;
}

/**
 * The note on a quote: who wrote it, which contribution and question, which
 * language version; a translation says so (and which engine made a machine
 * one) and gives the original's wording when the citation carries it.
 */
export function citationNoteText(attrs: CitationAttrs, lang: Lang, withdrawn = false): string {
  const labels = SYNTHESIS_LABELS[lang];
  // A withdrawn contribution is still cited, and every format says it was withdrawn (see SynthesisExportInput).
  const after = withdrawn ? `${labels.sentenceGap}${labels.withdrawnSinceQuoted}${labels.fullStop}` : '';
  const provenance = [
    fill(labels.authorWithKind, { author: attrs.authorName, kind: authorKindLabel(labels, attrs.authorKind) }),
    fill(labels.contribution, { id: attrs.contributionId }),
    ...(attrs.inAnswerTo
      ? [
          attrs.inAnswerTo.authorName
            ? fill(labels.inAnswerTo, { author: attrs.inAnswerTo.authorName, id: attrs.inAnswerTo.contributionId })
            : fill(labels.inAnswerToUnnamed, { id: attrs.inAnswerTo.contributionId }),
        ]
      : []),
    fill(labels.question, { code: attrs.questionCode }),
    fill(labels.quotedIn, { language: languageName(attrs.language, lang) }),
  ].join(labels.separator);
  if (attrs.origin === 'original') return provenance + labels.fullStop + after;
  const translation =
    attrs.origin === 'machine'
      ? attrs.engine
        ? fill(labels.machineTranslation, { engine: attrs.engine })
        : labels.machineTranslationUnnamed
      : labels.humanTranslation;
  let text = provenance + labels.dash + translation + labels.fullStop;
  if (attrs.originalText !== null && attrs.originalText !== '') {
    const [open, close] = labels.quotes;
    text += `${labels.sentenceGap}${fill(labels.originalWording, { language: attrs.originalLanguage })} ${open}${attrs.originalText}${close}`;
  }
  return text + after;
}

/** One entry of the list of cited contributions. */
export interface CitedContribution {
  contributionId: string;
  authorName: string;
  authorKind: AuthorKind;
  originalLanguage: Lang;
  questionCode: string;
}

export function citedContributionText(cited: CitedContribution, lang: Lang, withdrawn = false): string {
  const labels = SYNTHESIS_LABELS[lang];
  return [
    fill(labels.authorWithKind, { author: cited.authorName, kind: authorKindLabel(labels, cited.authorKind) }),
    fill(labels.contribution, { id: cited.contributionId }),
    fill(labels.originalLanguage, { language: languageName(cited.originalLanguage, lang) }),
    fill(labels.question, { code: cited.questionCode }),
    ...(withdrawn ? [labels.withdrawn] : []),
  ].join(labels.separator);
}

/** "A, B and C" in the synthesis's language. */
export function formatAuthors(authors: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }).format(authors);
}

/** The export date as a reader of that language writes it; the date is the caller's, in UTC, never the clock's. */
export function formatDate(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parseExportDate(isoDate));
}

/** An ISO date ("2017-02-02") or a date-time with its offset; anything else is refused rather than printed as "Invalid Date". */
export function parseExportDate(isoDate: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))?$/.test(isoDate) ? new Date(isoDate) : null;
  if (!date || Number.isNaN(date.getTime())) throw new RangeError(`date is not an ISO date: ${isoDate}`);
  return date;
}
