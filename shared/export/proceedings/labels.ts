import type { Lang } from '../../languages.js';
import { languageName } from '../../synthesis/export/labels.js';
import type { EditionState, SectionOrigin } from './input.js';

/**
 * The words the proceedings write themselves, in the edition's language.
 * Notes on quotes and the names of author kinds come from the synthesis
 * exports' labels (SYNTHESIS_LABELS), so a reader meets one wording in the
 * app, in an exported synthesis and in the proceedings.
 */
export interface ProceedingsLabels {
  contents: string;
  foreword: string;
  closing: string;
  participants: string;
  appendix: string;
  tagIndex: string;
  notes: string;
  languages: string;
  /** `{n}` */
  day: string;
  /** `{n}` */
  edition: string;
  /** `{n}`: a contribution's version in the appendix and in each note's link to it. */
  version: string;
  contentHash: string;
  /** Before the list of parts where a contribution is cited. */
  citedIn: string;
  /** Before the language versions a contribution is quoted from. */
  quotedFrom: string;
  /** `{language}`, `{engine}` */
  machineFrom: string;
  machineFromUnnamed: string;
  /** `{language}` */
  correctedFrom: string;
  original: string;
  rapporteurs: string;
  states: Readonly<Record<EditionState, string>>;
  /** Printed on every edition that is not published. */
  notForPublication: string;
  /** After a label, before its value. */
  colon: string;
}

export const PROCEEDINGS_LABELS: Readonly<Record<Lang, ProceedingsLabels>> = {
  de: {
    contents: 'Inhalt',
    foreword: 'Vorwort',
    closing: 'Schlussbemerkungen',
    participants: 'Teilnehmende',
    appendix: 'Anhang: zitierte Beiträge',
    tagIndex: 'Schlagwortverzeichnis',
    notes: 'Anmerkungen',
    languages: 'Sprachen',
    day: 'Tag {n}',
    edition: 'Ausgabe {n}',
    version: 'Version {n}',
    contentHash: 'Prüfsumme des Inhalts',
    citedIn: 'Zitiert in',
    quotedFrom: 'Zitiert nach',
    machineFrom: 'Maschinelle Übersetzung aus dem {language} ({engine})',
    machineFromUnnamed: 'Maschinelle Übersetzung aus dem {language}',
    correctedFrom: 'Maschinelle Übersetzung aus dem {language}, von Menschen korrigiert',
    original: 'Originaltext',
    rapporteurs: 'Berichterstattung',
    states: { draft: 'Entwurf', 'in-review': 'In Prüfung', approved: 'Genehmigt', published: 'Veröffentlicht' },
    notForPublication: 'Nicht zur Veröffentlichung',
    colon: ': ',
  },
  en: {
    contents: 'Contents',
    foreword: 'Foreword',
    closing: 'Closing remarks',
    participants: 'Participants',
    appendix: 'Appendix: cited contributions',
    tagIndex: 'Index of tags',
    notes: 'Notes',
    languages: 'Languages',
    day: 'Day {n}',
    edition: 'Edition {n}',
    version: 'version {n}',
    contentHash: 'Content hash',
    citedIn: 'Cited in',
    quotedFrom: 'Quoted from',
    machineFrom: 'Machine translation from {language} ({engine})',
    machineFromUnnamed: 'Machine translation from {language}',
    correctedFrom: 'Machine translation from {language}, corrected by a person',
    original: 'Original text',
    rapporteurs: 'Rapporteurs',
    states: { draft: 'Draft', 'in-review': 'In review', approved: 'Approved', published: 'Published' },
    notForPublication: 'Not for publication',
    colon: ': ',
  },
  ar: {
    contents: 'المحتويات',
    foreword: 'تمهيد',
    closing: 'ملاحظات ختامية',
    participants: 'المشاركون',
    appendix: 'ملحق: المساهمات المستشهد بها',
    tagIndex: 'فهرس الوسوم',
    notes: 'الحواشي',
    languages: 'اللغات',
    day: 'اليوم {n}',
    edition: 'الإصدار {n}',
    version: 'النسخة {n}',
    contentHash: 'بصمة المحتوى',
    citedIn: 'مستشهد بها في',
    quotedFrom: 'مقتبسة من',
    machineFrom: 'ترجمة آلية من {language} ({engine})',
    machineFromUnnamed: 'ترجمة آلية من {language}',
    correctedFrom: 'ترجمة آلية من {language} صححها شخص',
    original: 'النص الأصلي',
    rapporteurs: 'المقررون',
    states: { draft: 'مسودة', 'in-review': 'قيد المراجعة', approved: 'معتمد', published: 'منشور' },
    notForPublication: 'ليس للنشر',
    colon: ': ',
  },
  zh: {
    contents: '目录',
    foreword: '前言',
    closing: '闭幕词',
    participants: '与会者',
    appendix: '附录：引用的意见',
    tagIndex: '标签索引',
    notes: '注释',
    languages: '语言',
    day: '第{n}天',
    edition: '第{n}版',
    version: '第{n}版本',
    contentHash: '内容哈希值',
    citedIn: '引用于',
    quotedFrom: '引自',
    machineFrom: '由{language}机器翻译（{engine}）',
    machineFromUnnamed: '由{language}机器翻译',
    correctedFrom: '由{language}机器翻译，经人工校对',
    original: '原文',
    rapporteurs: '报告人',
    states: { draft: '草稿', 'in-review': '审阅中', approved: '已批准', published: '已发布' },
    notForPublication: '不得发布',
    colon: '：',
  },
  ko: {
    contents: '목차',
    foreword: '머리말',
    closing: '맺음말',
    participants: '참가자',
    appendix: '부록: 인용된 의견',
    tagIndex: '태그 색인',
    notes: '주석',
    languages: '언어',
    day: '{n}일차',
    edition: '제{n}판',
    version: '버전 {n}',
    contentHash: '내용 해시',
    citedIn: '인용 위치',
    quotedFrom: '인용 출처',
    machineFrom: '{language}에서 기계 번역 ({engine})',
    machineFromUnnamed: '{language}에서 기계 번역',
    correctedFrom: '{language}에서 기계 번역, 사람이 교정함',
    original: '원문',
    rapporteurs: '보고자',
    states: { draft: '초안', 'in-review': '검토 중', approved: '승인됨', published: '게시됨' },
    notForPublication: '게시용 아님',
    colon: ': ',
  },
  es: {
    contents: 'Índice',
    foreword: 'Prólogo',
    closing: 'Observaciones finales',
    participants: 'Participantes',
    appendix: 'Anexo: contribuciones citadas',
    tagIndex: 'Índice de etiquetas',
    notes: 'Notas',
    languages: 'Idiomas',
    day: 'Día {n}',
    edition: 'Edición {n}',
    version: 'versión {n}',
    contentHash: 'Huella del contenido',
    citedIn: 'Citada en',
    quotedFrom: 'Citada de',
    machineFrom: 'Traducción automática del {language} ({engine})',
    machineFromUnnamed: 'Traducción automática del {language}',
    correctedFrom: 'Traducción automática del {language}, corregida por una persona',
    original: 'Texto original',
    rapporteurs: 'Relatores',
    states: { draft: 'Borrador', 'in-review': 'En revisión', approved: 'Aprobada', published: 'Publicada' },
    notForPublication: 'No apto para publicación',
    colon: ': ',
  },
  fr: {
    contents: 'Sommaire',
    foreword: 'Avant-propos',
    closing: 'Remarques de clôture',
    participants: 'Participants',
    appendix: 'Annexe\u00a0: contributions citées',
    tagIndex: 'Index des étiquettes',
    notes: 'Notes',
    languages: 'Langues',
    day: 'Jour {n}',
    edition: 'Édition {n}',
    version: 'version {n}',
    contentHash: 'Empreinte du contenu',
    citedIn: 'Citée dans',
    quotedFrom: 'Citée d’après',
    machineFrom: 'Traduction automatique depuis le {language} ({engine})',
    machineFromUnnamed: 'Traduction automatique depuis le {language}',
    correctedFrom: 'Traduction automatique depuis le {language}, corrigée par une personne',
    original: 'Texte original',
    rapporteurs: 'Rapporteurs',
    states: { draft: 'Brouillon', 'in-review': 'En relecture', approved: 'Approuvée', published: 'Publiée' },
    notForPublication: 'Ne pas publier',
    colon: '\u00a0: ',
  },
  it: {
    contents: 'Indice',
    foreword: 'Premessa',
    closing: 'Osservazioni conclusive',
    participants: 'Partecipanti',
    appendix: 'Appendice: contributi citati',
    tagIndex: 'Indice delle etichette',
    notes: 'Note',
    languages: 'Lingue',
    day: 'Giorno {n}',
    edition: 'Edizione {n}',
    version: 'versione {n}',
    contentHash: 'Impronta del contenuto',
    citedIn: 'Citato in',
    quotedFrom: 'Citato da',
    machineFrom: 'Traduzione automatica dal {language} ({engine})',
    machineFromUnnamed: 'Traduzione automatica dal {language}',
    correctedFrom: 'Traduzione automatica dal {language}, corretta da una persona',
    original: 'Testo originale',
    rapporteurs: 'Relatori',
    states: { draft: 'Bozza', 'in-review': 'In revisione', approved: 'Approvata', published: 'Pubblicata' },
    notForPublication: 'Non destinato alla pubblicazione',
    colon: ': ',
  },
  pt: {
    contents: 'Sumário',
    foreword: 'Prefácio',
    closing: 'Considerações finais',
    participants: 'Participantes',
    appendix: 'Anexo: contribuições citadas',
    tagIndex: 'Índice de etiquetas',
    notes: 'Notas',
    languages: 'Idiomas',
    day: 'Dia {n}',
    edition: 'Edição {n}',
    version: 'versão {n}',
    contentHash: 'Impressão digital do conteúdo',
    citedIn: 'Citada em',
    quotedFrom: 'Citada a partir de',
    machineFrom: 'Tradução automática do {language} ({engine})',
    machineFromUnnamed: 'Tradução automática do {language}',
    correctedFrom: 'Tradução automática do {language}, corrigida por uma pessoa',
    original: 'Texto original',
    rapporteurs: 'Relatores',
    states: { draft: 'Rascunho', 'in-review': 'Em revisão', approved: 'Aprovada', published: 'Publicada' },
    notForPublication: 'Não destinado à publicação',
    colon: ': ',
  },
  ru: {
    contents: 'Содержание',
    foreword: 'Предисловие',
    closing: 'Заключительные замечания',
    participants: 'Участники',
    appendix: 'Приложение: цитируемые материалы',
    tagIndex: 'Указатель меток',
    notes: 'Примечания',
    languages: 'Языки',
    day: 'День {n}',
    edition: 'Издание {n}',
    version: 'версия {n}',
    contentHash: 'Хеш содержимого',
    citedIn: 'Цитируется в',
    quotedFrom: 'Цитируется по',
    // Language names stay in the dictionary form after a label (see SYNTHESIS_LABELS.ru.quotedIn).
    machineFrom: 'Машинный перевод, язык оригинала: {language} ({engine})',
    machineFromUnnamed: 'Машинный перевод, язык оригинала: {language}',
    correctedFrom: 'Машинный перевод, исправленный человеком, язык оригинала: {language}',
    original: 'Оригинальный текст',
    rapporteurs: 'Докладчики',
    states: { draft: 'Черновик', 'in-review': 'На рассмотрении', approved: 'Утверждено', published: 'Опубликовано' },
    notForPublication: 'Не для публикации',
    colon: ': ',
  },
};

export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The line under a section's heading that says where its words come from; null for an original text. */
export function originText(origin: SectionOrigin, lang: Lang): string | null {
  const labels = PROCEEDINGS_LABELS[lang];
  if (origin.kind === 'original') return null;
  const language = languageName(origin.from, lang);
  if (origin.kind === 'human-corrected') return fill(labels.correctedFrom, { language });
  return origin.engine
    ? fill(labels.machineFrom, { language, engine: origin.engine })
    : fill(labels.machineFromUnnamed, { language });
}

/** "1–2 February 2017" in the edition's language. */
export function formatDateRange(start: string, end: string, lang: Lang): string {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const from = new Date(`${start}T00:00:00Z`);
  const to = new Date(`${end}T00:00:00Z`);
  return start === end ? format.format(from) : format.formatRange(from, to);
}
