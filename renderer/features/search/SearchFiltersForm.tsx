import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLang, type Lang } from '../../../shared/languages.js';
import type { TagId } from '../../../shared/model/annotations.js';
import {
  AUTHOR_KINDS,
  TRACKS,
  type AuthorKind,
  type Question,
  type QuestionId,
  type Track,
} from '../../../shared/model/entities.js';
import { pickLocalizedText, useUiLang } from '../../app/Localized.js';
import type { TagRow } from '../../db/database.js';
import { languageName } from '../../i18n/format.js';
import type { SearchFilters } from '../../search/protocol.js';

interface Props {
  filters: SearchFilters;
  questions: Question[];
  tags: TagRow[];
  onChange(filters: SearchFilters): void;
}

const ANY = '';

/** The filters of the search screen: each one a select (or a checkbox), "any" by default. */
export function SearchFiltersForm({ filters, questions, tags, onChange }: Props) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const id = useId();
  const set = (patch: SearchFilters) => onChange({ ...filters, ...patch });
  const any = <option value={ANY}>{t('search.any')}</option>;
  const languageOptions = LANGUAGES.map((code) => (
    <option key={code} value={code}>
      {languageName(uiLang, code)}
    </option>
  ));
  const active = Object.values(filters).some((value) => value !== null && value !== undefined && value !== false);
  const asLang = (value: string): Lang | null => (isLang(value) ? value : null);
  return (
    <div className="filters search-filters" role="group" aria-label={t('search.filters')}>
      <div className="field">
        <label htmlFor={`${id}-question`}>{t('search.question')}</label>
        <select
          id={`${id}-question`}
          data-testid="search-filter-question"
          value={filters.questionId ?? ANY}
          onChange={(e) => set({ questionId: e.target.value ? (e.target.value as QuestionId) : null })}
        >
          {any}
          {questions.map((question) => (
            <option key={question.id} value={question.id}>
              {question.code} · {pickLocalizedText(question.title, uiLang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-track`}>{t('search.track')}</label>
        <select
          id={`${id}-track`}
          data-testid="search-filter-track"
          value={filters.track ?? ANY}
          onChange={(e) => set({ track: TRACKS.includes(e.target.value as Track) ? (e.target.value as Track) : null })}
        >
          {any}
          {TRACKS.map((track) => (
            <option key={track} value={track}>
              {t(`questions.track.${track}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-original`}>{t('search.originalLanguage')}</label>
        <select
          id={`${id}-original`}
          data-testid="search-filter-original"
          value={filters.originalLanguage ?? ANY}
          onChange={(e) => set({ originalLanguage: asLang(e.target.value) })}
        >
          {any}
          {languageOptions}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-matched`}>{t('search.matchedLanguage')}</label>
        <select
          id={`${id}-matched`}
          data-testid="search-filter-matched"
          value={filters.matchedLanguage ?? ANY}
          onChange={(e) => set({ matchedLanguage: asLang(e.target.value) })}
        >
          {any}
          {languageOptions}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tag`}>{t('search.tag')}</label>
        <select
          id={`${id}-tag`}
          data-testid="search-filter-tag"
          value={filters.tagId ?? ANY}
          onChange={(e) => set({ tagId: e.target.value ? (e.target.value as TagId) : null })}
        >
          {any}
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {pickLocalizedText(tag.label, uiLang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('search.authorKind')}</label>
        <select
          id={`${id}-kind`}
          data-testid="search-filter-author-kind"
          value={filters.authorKind ?? ANY}
          onChange={(e) =>
            set({
              authorKind: AUTHOR_KINDS.includes(e.target.value as AuthorKind) ? (e.target.value as AuthorKind) : null,
            })
          }
        >
          {any}
          {AUTHOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`authorKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check">
        <input
          id={`${id}-mine`}
          type="checkbox"
          data-testid="search-filter-my-notes"
          checked={filters.myNotes ?? false}
          onChange={(e) => set({ myNotes: e.target.checked })}
        />
        <label htmlFor={`${id}-mine`}>{t('search.myNotesOnly')}</label>
      </div>
      {active ? (
        <button type="button" className="link-button" data-testid="search-clear-filters" onClick={() => onChange({})}>
          {t('search.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
