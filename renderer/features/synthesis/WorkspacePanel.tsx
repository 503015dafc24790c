import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLang } from '../../../shared/languages.js';
import { AUTHOR_KINDS, type AuthorKind, type QuestionId } from '../../../shared/model/entities.js';
import { serverRecord } from '../../db/annotations.js';
import { citationFor, quoteBlock } from '../../../shared/synthesis/citation.js';
import type { SynthesisNode } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { languageName } from '../../i18n/format.js';
import { TagLabel } from '../annotate/TagLabel.js';
import { useWorkspace, type WorkspaceFilter } from './use-workspace.js';
import { Name } from '../../app/Name.js';

/**
 * The rapporteur's material beside the synthesis: the notes on the question's
 * contributions by codebook tag, with counts; a click inserts a passage as a
 * quote carrying its citation.
 */
export function WorkspacePanel({
  questionId,
  questionCode,
  onInsert,
}: {
  questionId: QuestionId;
  questionCode: string;
  onInsert: ((block: SynthesisNode) => void) | null;
}) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const [filter, setFilter] = useState<WorkspaceFilter>({ authorKind: '', language: '' });
  const data = useWorkspace(db, questionId, filter);
  if (!data) return <p role="status">{t('app.loading')}</p>;
  return (
    <section className="workspace" aria-label={t('synthesis.workspace')} data-testid="workspace">
      <p className="filters">
        <label>
          {t('synthesis.authorKind')}{' '}
          <select
            value={filter.authorKind}
            data-testid="workspace-author-kind"
            onChange={(e) => setFilter({ ...filter, authorKind: e.target.value as AuthorKind | '' })}
          >
            <option value="">{t('synthesis.all')}</option>
            {AUTHOR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`authorKind.${kind}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('synthesis.noteLanguage')}{' '}
          <select
            value={filter.language}
            data-testid="workspace-language"
            onChange={(e) => setFilter({ ...filter, language: isLang(e.target.value) ? e.target.value : '' })}
          >
            <option value="">{t('synthesis.all')}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(uiLang, code)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p className="meta" data-testid="workspace-count">
        {t('synthesis.notesCount', { count: data.total })}
      </p>
      {data.groups.map((group) => (
        <details key={group.tag?.id ?? '-'} open data-testid="workspace-group">
          <summary>
            {group.tag ? <TagLabel tag={group.tag} /> : t('synthesis.untagged')}{' '}
            <span className="badge" data-testid="workspace-group-count">
              {group.notes.length}
            </span>
          </summary>
          <ul className="workspace-notes">
            {group.notes.map((note) => {
              const contribution = data.contributions.get(note.contributionId)!;
              const texts = data.texts.get(note.contributionId);
              return (
                <li key={note.id} data-testid="workspace-note">
                  <blockquote dir="auto" lang={note.target.language}>
                    {note.target.quote.exact}
                  </blockquote>
                  <p className="meta">
                    <a href={href({ name: 'contribution', id: note.contributionId, annotation: note.id })}>
                      <Name text={contribution.author.name} />
                    </a>{' '}
                    · {t(`authorKind.${contribution.authorKind}`)} · {languageName(uiLang, note.target.language)}
                    {contribution.machineLanguages.includes(note.target.language) ? ` · ${t('synthesis.machine')}` : ''}
                  </p>
                  {note.note ? (
                    <p dir="auto" className="annotation-note">
                      {note.note}
                    </p>
                  ) : null}
                  {onInsert && texts ? (
                    <button
                      type="button"
                      data-testid="insert-quote"
                      onClick={() =>
                        onInsert(
                          quoteBlock(
                            note.target.quote.exact,
                            citationFor(
                              serverRecord(note),
                              { ...contribution, versions: texts.versions },
                              questionCode,
                              crypto.randomUUID(),
                              contribution.replyTo ? data.contributions.get(contribution.replyTo) : null,
                            ),
                          ),
                        )
                      }
                    >
                      {t('synthesis.insertQuote')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </section>
  );
}
