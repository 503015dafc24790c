import { pickLocalized, type Lang } from '../../languages.js';
import type { SynthesisQuoteAttrs } from '../synthesis-quote.js';
import { materialTitleIn, pageLabel, type MaterialQuoteAttrs } from '../material-quote.js';
import { isMaterialQuote, isSynthesisQuote, type NoteAttrs } from './citations.js';
import { citationNoteText, fill, SYNTHESIS_LABELS } from './labels.js';

/**
 * The words of the note on a quote from an earlier event's synthesis, in the
 * quoting synthesis's language; punctuation (separator, quotation marks, full
 * stop) is that of the other notes (labels.ts).
 */
interface SynthesisQuoteLabels {
  /** `{title}` (already in quotation marks), `{rapporteur}` */
  synthesis: string;
  /** `{n}`: the block's number, from 1 */
  paragraph: string;
  /** `{date}`: the day it was quoted */
  quotedOn: string;
}

const LABELS: Readonly<Record<Lang, SynthesisQuoteLabels>> = {
  de: { synthesis: 'Synthese {title} von {rapporteur}', paragraph: 'Absatz {n}', quotedOn: 'zitiert am {date}' },
  en: { synthesis: 'synthesis {title} by {rapporteur}', paragraph: 'paragraph {n}', quotedOn: 'quoted on {date}' },
  ar: { synthesis: 'الخلاصة {title} التي أعدّها {rapporteur}', paragraph: 'الفقرة {n}', quotedOn: 'اقتُبست في {date}' },
  zh: { synthesis: '综述{title}（{rapporteur}）', paragraph: '第{n}段', quotedOn: '引用于{date}' },
  ko: { synthesis: '종합 보고서 {title}({rapporteur})', paragraph: '{n}번째 단락', quotedOn: '{date} 인용' },
  es: { synthesis: 'síntesis {title} de {rapporteur}', paragraph: 'párrafo {n}', quotedOn: 'citada el {date}' },
  fr: { synthesis: 'synthèse {title} de {rapporteur}', paragraph: 'paragraphe {n}', quotedOn: 'citée le {date}' },
  it: { synthesis: 'sintesi {title} di {rapporteur}', paragraph: 'paragrafo {n}', quotedOn: 'citata il {date}' },
  pt: { synthesis: 'síntese {title} de {rapporteur}', paragraph: 'parágrafo {n}', quotedOn: 'citada em {date}' },
  ru: { synthesis: 'сводка {title}, автор {rapporteur}', paragraph: 'абзац {n}', quotedOn: 'процитировано {date}' },
};

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** The event's dates as a reader of that language writes a range ("1–2 February 2017"). */
function eventDates(attrs: SynthesisQuoteAttrs, lang: Lang): string {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const from = day(attrs.eventStartsOn);
  const to = day(attrs.eventEndsOn || attrs.eventStartsOn);
  if (Number.isNaN(from.getTime())) return attrs.eventStartsOn;
  return Number.isNaN(to.getTime()) || to.getTime() === from.getTime()
    ? format.format(from)
    : format.formatRange(from, to);
}

/**
 * The note: which synthesis (title, rapporteur), of which event (title,
 * dates), on which question, which paragraph, and the day it was quoted.
 */
export function synthesisQuoteNoteText(attrs: SynthesisQuoteAttrs, lang: Lang): string {
  const labels = SYNTHESIS_LABELS[lang];
  const words = LABELS[lang];
  const [open, close] = labels.quotes;
  const quotedOn = day(attrs.quotedOn);
  return (
    [
      fill(words.synthesis, { title: `${open}${attrs.synthesisTitle}${close}`, rapporteur: attrs.rapporteur }),
      `${pickLocalized(attrs.eventTitle, lang)?.text ?? attrs.eventId} (${eventDates(attrs, lang)})`,
      fill(labels.question, { code: attrs.questionCode }),
      fill(words.paragraph, { n: new Intl.NumberFormat(lang).format(attrs.block + 1) }),
      ...(Number.isNaN(quotedOn.getTime())
        ? []
        : [
            fill(words.quotedOn, {
              date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(quotedOn),
            }),
          ]),
    ].join(labels.separator) + labels.fullStop
  );
}

/** The note on a quote of a briefing document: "“title”, p. N." in the synthesis's language. */
export function materialQuoteNoteText(attrs: MaterialQuoteAttrs, lang: Lang): string {
  const labels = SYNTHESIS_LABELS[lang];
  const [open, close] = labels.quotes;
  return `${open}${materialTitleIn(attrs, lang)}${close}${labels.separator}${pageLabel(attrs.page, lang)}${labels.fullStop}`;
}

/** The note on any kind of quote; `withdrawn` holds the contributions withdrawn since (labels.ts). */
export function noteText(attrs: NoteAttrs, lang: Lang, withdrawn: ReadonlySet<string>): string {
  if (isSynthesisQuote(attrs)) return synthesisQuoteNoteText(attrs, lang);
  if (isMaterialQuote(attrs)) return materialQuoteNoteText(attrs, lang);
  return citationNoteText(attrs, lang, withdrawn.has(attrs.contributionId));
}
