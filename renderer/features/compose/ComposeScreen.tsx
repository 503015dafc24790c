import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, NATIVE_NAMES, isLang, textDirection } from '../../../shared/languages.js';
import type { ContributionId } from '../../../shared/model/entities.js';
import { LIMITS } from '../../../shared/protocol/schemas.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { errorMessage } from '../../i18n/errors.js';
import { formatNumber, formatTime } from '../../i18n/format.js';
import { ContextText } from '../questions/ContextText.js';
import { useDraftEditor } from './use-draft-editor.js';
import { AnsweredText } from '../threads/AnsweredText.js';

/**
 * Writing a contribution to a question, offline or not: the question and its
 * context beside the text, the language (suggested from the text until the
 * author picks one), a character count against the limit, autosave, and
 * submit → "waiting to be sent" → gone from here once the server has it.
 */
export function ComposeScreen({ draftId }: { draftId: ContributionId }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const editor = useDraftEditor(draftId);
  const { draft } = editor;
  const question = useLiveQuery(
    async () => (draft ? ((await db.questions.get(draft.questionId)) ?? null) : null),
    [db, draft?.questionId],
    null,
  );
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [discarded, setDiscarded] = useState(false);
  const textId = useId();
  const langId = useId();
  const sent = useSentContribution(draftId);

  if (discarded) {
    return (
      <p role="status" data-testid="draft-discarded">
        {t('compose.discarded')} <a href={href({ name: 'mine' })}>{t('compose.toMine')}</a>
      </p>
    );
  }
  if (draft === null) return <p role="status">{t('app.loading')}</p>;
  if (!draft) {
    // Sent and acknowledged (the draft is gone), or never made on this device.
    return (
      <p role="status" data-testid="draft-gone">
        {sent ? t('compose.published') : t('compose.notFound')}{' '}
        {sent ? <a href={href({ name: 'contribution', id: draftId })}>{t('compose.openPublished')}</a> : null}
      </p>
    );
  }

  const queued = draft.status === 'queued';
  const length = editor.text.length;
  const shownProblem =
    editor.submitProblem ??
    (editor.problem === 'too-long' || editor.problem === 'control-characters' || editor.problem === 'bad-characters'
      ? editor.problem
      : null);
  return (
    <section className="compose" aria-labelledby="compose-title" data-testid="compose">
      <p>
        <a href={href({ name: 'question', id: draft.questionId })}>{t('compose.backToQuestion')}</a>
      </p>
      <h2 id="compose-title">
        {draft.baseVersion !== null
          ? t('compose.titleEdit')
          : draft.replyTo
            ? t('threads.titleAnswer')
            : t('compose.titleNew')}
      </h2>
      <div className="compose-layout">
        <aside className="compose-question" aria-label={t('compose.question')}>
          {question ? (
            <>
              <h3>
                <span className="code">{question.code}</span> <Localized text={question.title} />
              </h3>
              {draft.replyTo ? null : <ContextText text={question.context} />}
            </>
          ) : null}
          {draft.replyTo ? <AnsweredText id={draft.replyTo} /> : null}
        </aside>
        <div className="compose-editor">
          {draft.status === 'rejected' && draft.problem ? (
            <p className="banner banner-error" role="alert" data-testid="draft-rejected">
              {t('compose.rejected', { message: errorMessage(t, draft.problem.reason) })}
              <br />
              <span className="meta">{draft.problem.message}</span>
            </p>
          ) : null}
          {draft.status === 'conflict' ? (
            <div className="banner banner-warning" role="note" data-testid="draft-conflict">
              <p>{t('compose.conflict')}</p>
              <div className="side-by-side">
                <figure>
                  <figcaption>{t('compose.serverText')}</figcaption>
                  <p dir="auto" lang={draft.language} className="compose-server-text">
                    {draft.serverText}
                  </p>
                  <button type="button" data-testid="adopt-server" onClick={() => editor.adopt(draft.serverText ?? '')}>
                    {t('compose.startFromServer')}
                  </button>
                </figure>
              </div>
            </div>
          ) : null}
          <p className="compose-language">
            <label htmlFor={langId}>{t('compose.language')}</label>{' '}
            <select
              id={langId}
              data-testid="compose-language"
              value={draft.language}
              disabled={queued || draft.baseVersion !== null}
              onChange={(event) => {
                if (isLang(event.target.value)) void editor.chooseLanguage(event.target.value);
              }}
            >
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {NATIVE_NAMES[code]}
                </option>
              ))}
            </select>{' '}
            {!draft.languageChosen && editor.text.trim() ? (
              <span className="meta" data-testid="language-suggested">
                {t('compose.languageSuggested')}
              </span>
            ) : null}
          </p>
          <label htmlFor={textId}>{t('compose.text')}</label>
          <textarea
            id={textId}
            data-testid="compose-text"
            lang={draft.language}
            dir={textDirection(draft.language)}
            rows={16}
            value={editor.text}
            readOnly={queued}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={`${textId}-count`}
            onChange={(event) => editor.edit(event.target.value)}
            onBlur={() => void editor.flush()}
          />
          <p id={`${textId}-count`} className="meta" data-testid="compose-count">
            {t('compose.count', {
              count: length,
              used: formatNumber(uiLang, length),
              max: formatNumber(uiLang, LIMITS.contributionLength),
            })}
            {editor.savedAt ? (
              <>
                {' · '}
                <span data-testid="draft-saved">
                  {t('compose.saved', { time: formatTime(uiLang, editor.savedAt) })}
                </span>
              </>
            ) : null}
          </p>
          {shownProblem ? (
            <p className="banner banner-error" role="alert" data-testid="compose-problem">
              {t(`compose.problem.${shownProblem}`, {
                min: formatNumber(uiLang, LIMITS.contributionMinLength),
                max: formatNumber(uiLang, LIMITS.contributionLength),
              })}
            </p>
          ) : null}
          {queued ? (
            <p className="banner" role="status" data-testid="draft-queued">
              {t('compose.queued')}{' '}
              <button
                type="button"
                className="link-button"
                data-testid="reopen-draft"
                onClick={() => void editor.reopen()}
              >
                {t('compose.editAgain')}
              </button>
            </p>
          ) : (
            <p className="compose-actions">
              <button type="button" data-testid="submit-draft" onClick={() => void editor.submit()}>
                {draft.baseVersion === null ? t('compose.submit') : t('compose.submitEdit')}
              </button>{' '}
              {confirmDiscard ? (
                <span role="group" aria-label={t('compose.discardConfirm')}>
                  {t('compose.discardConfirm')}{' '}
                  <button
                    type="button"
                    data-testid="confirm-discard"
                    onClick={() => void editor.discard().then(() => setDiscarded(true))}
                  >
                    {t('compose.discardYes')}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirmDiscard(false)}>
                    {t('compose.discardNo')}
                  </button>
                </span>
              ) : (
                <button type="button" data-testid="discard-draft" onClick={() => setConfirmDiscard(true)}>
                  {draft.baseVersion === null ? t('compose.discard') : t('compose.discardEdit')}
                </button>
              )}
            </p>
          )}
          <p className="meta">{t('compose.offlineHint')}</p>
        </div>
      </div>
    </section>
  );
}

function useSentContribution(id: ContributionId): boolean {
  const { db } = useApp();
  return useLiveQuery(async () => !!(await db.contributions.get(id)), [db, id], false);
}
