import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LANGUAGES } from '../../../shared/languages.js';
import type { TagId, Visibility } from '../../../shared/model/annotations.js';
import type { QuestionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { pickLocalizedText, useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { languageName } from '../../i18n/format.js';
import { AnnotationCard } from '../annotate/AnnotationCard.js';
import { ExportMenu } from './ExportMenu.js';
import { EMPTY_FILTER, useNotebook, type NotebookFilter } from './use-notebook.js';
import { InAnswerToLine } from '../threads/InAnswerToLine.js';
import { useCurrentEvent } from '../events/use-current-event.js';
import { Name } from '../../app/Name.js';

/** All my notes (and, as a filter, the seminar's), wherever they were made. */
export function NotebookScreen() {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const events = useCurrentEvent();
  const [filter, setFilter] = useState<NotebookFilter>(EMPTY_FILTER);
  const notebook = useNotebook(db, filter);
  const set = (patch: Partial<NotebookFilter>) => setFilter((previous) => ({ ...previous, ...patch }));
  const tagsById = new Map(notebook.tags.map((tag) => [tag.id as string, tag]));

  if (notebook.entries === null) return <p role="status">{t('app.loading')}</p>;
  const withdrawnCount = notebook.entries.filter((entry) => entry.contribution?.status === 'withdrawn').length;
  return (
    <section aria-labelledby="notebook-title" data-testid="notebook">
      <h2 id="notebook-title">{t('notebook.title')}</h2>
      <form className="filters" aria-label={t('contributions.filters')} onSubmit={(event) => event.preventDefault()}>
        <fieldset className="scope">
          <legend>{t('notebook.scope')}</legend>
          {(['mine', 'seminar'] as const).map((scope) => (
            <label key={scope}>
              <input
                type="radio"
                name="scope"
                checked={filter.scope === scope}
                onChange={() => set({ scope })}
                data-testid={`scope-${scope}`}
              />
              {t(`notebook.scopeOption.${scope}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('notebook.question')}
          <select
            value={filter.questionId}
            data-testid="filter-question"
            onChange={(event) => set({ questionId: event.target.value as QuestionId | '' })}
          >
            <option value="">{t('contributions.all')}</option>
            {notebook.questions
              .slice()
              .sort((a, b) => a.track.localeCompare(b.track) || a.order - b.order)
              .map((question) => (
                <option key={question.id} value={question.id}>
                  {question.code} {pickLocalizedText(question.title, uiLang)}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('annotate.tags')}
          <select
            value={filter.tag}
            data-testid="filter-tag"
            onChange={(event) => set({ tag: event.target.value as TagId | '' })}
          >
            <option value="">{t('contributions.all')}</option>
            {notebook.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {pickLocalizedText(tag.label, uiLang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('notebook.language')}
          <select
            value={filter.language}
            data-testid="filter-language"
            onChange={(event) => set({ language: event.target.value as NotebookFilter['language'] })}
          >
            <option value="">{t('contributions.all')}</option>
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {languageName(uiLang, lang)}
              </option>
            ))}
          </select>
        </label>
        {events && events.events.length > 1 ? (
          <label>
            {t('events.filter')}
            <select
              value={filter.eventId}
              data-testid="filter-event"
              onChange={(event) => set({ eventId: event.target.value })}
            >
              <option value="">{t('events.all')}</option>
              {events.events.map((e) => (
                <option key={e.id} value={e.id}>
                  {pickLocalizedText(e.title, uiLang)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('annotate.visibility')}
          <select
            value={filter.visibility}
            data-testid="filter-visibility"
            onChange={(event) => set({ visibility: event.target.value as Visibility | '' })}
          >
            <option value="">{t('contributions.all')}</option>
            <option value="private">{t('annotate.visibilityBadge.private')}</option>
            <option value="seminar">{t('annotate.visibilityBadge.seminar')}</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={filter.orphansOnly}
            data-testid="filter-orphans"
            onChange={(event) => set({ orphansOnly: event.target.checked })}
          />
          {t('notebook.orphansOnly')}
        </label>
      </form>
      <p className="meta" role="status" data-testid="notebook-count">
        {countLine(t, notebook.entries.length, withdrawnCount)}
      </p>
      <ExportMenu entries={notebook.entries} tags={notebook.tags} texts={notebook.texts} me={notebook.me} />
      <ol className="annotation-list">
        {notebook.entries.map((entry) => (
          <li key={entry.row.id}>
            <p className="meta">
              <a
                href={href({ name: 'contribution', id: entry.row.contributionId, annotation: entry.row.id })}
                data-testid="open-annotation"
              >
                <Name text={entry.contribution?.author.name ?? entry.row.contributionId} />
              </a>
              {entry.contribution?.status === 'withdrawn' ? (
                <>
                  {' '}
                  <span className="badge" data-testid="on-withdrawn">
                    {t('notebook.onWithdrawn')}
                  </span>
                </>
              ) : null}{' '}
              <InAnswerToLine contributionId={entry.row.contributionId} />
            </p>
            <AnnotationCard item={entry} tags={tagsById} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "3 notes", or "3 notes, 1 on a withdrawn contribution (not exported)": every export leaves those out. */
function countLine(t: TFunction, count: number, withdrawn: number): string {
  const notes = t('notebook.count', { count });
  if (withdrawn === 0) return notes;
  return t('notebook.countWithWithdrawn', { notes, withdrawn: t('notebook.countOnWithdrawn', { count: withdrawn }) });
}
