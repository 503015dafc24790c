/**
 * The one event a single-seminar server becomes (migration 9), and that an
 * import of the single-seminar format fills on a server without events: the
 * dossier's closed seminar, titled in the ten languages.
 */
export const LEGACY_EVENT_ID = 'seminar';

export const LEGACY_EVENT_TITLE = {
  de: 'Seminar',
  en: 'Seminar',
  ar: 'الندوة',
  zh: '研讨会',
  ko: '세미나',
  es: 'Seminario',
  fr: 'Séminaire',
  it: 'Seminario',
  pt: 'Seminário',
  ru: 'Семинар',
};
