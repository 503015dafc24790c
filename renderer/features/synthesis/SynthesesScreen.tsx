import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, NATIVE_NAMES, isLang, type Lang } from '../../../shared/languages.js';
import type { QuestionId } from '../../../shared/model/entities.js';
import { LIMITS } from '../../../shared/protocol/schemas.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { getMe } from '../../db/annotations.js';
import { inEvent, useCurrentEvent } from '../events/use-current-event.js';
import { canWriteSyntheses, createSynthesis } from '../../db/syntheses.js';
import { Name } from '../../app/Name.js';

/** The syntheses of every question; rapporteurs and the secretariat start new ones (offline too). */
export function SynthesesScreen() {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const events = useCurrentEvent();
  const current = events?.current ?? null;
  const data = useLiveQuery(async () => {
    const [all, questions, me] = await Promise.all([db.syntheses.toArray(), db.questions.toArray(), getMe(db)]);
    // The current event's syntheses; those of the device's other events (which the user was part of) are listed
    // apart, to carry their work forward (issue 18).
    const syntheses = all.filter((s) => inEvent(current, s.eventId));
    const earlier = all.filter((s) => !inEvent(current, s.eventId));
    return {
      syntheses,
      earlier,
      questions: questions.sort((a, b) => a.order - b.order || a.code.localeCompare(b.code)),
      me,
    };
  }, [db, current?.id]);
  const [questionId, setQuestionId] = useState('');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Lang>(uiLang);
  if (!data) return <p role="status">{t('app.loading')}</p>;
  const writer = canWriteSyntheses(data.me);
  const create = async () => {
    if (!data.me || !questionId || !title.trim()) return;
    try {
      const s = await createSynthesis(db, data.me, { questionId: questionId as QuestionId, title, language });
      window.location.hash = href({ name: 'synthesis', id: s.id });
    } catch (error) {
      reportStorageError(error);
    }
  };
  return (
    <section aria-labelledby="syntheses-title" data-testid="syntheses">
      <h2 id="syntheses-title">{t('synthesis.title')}</h2>
      {data.questions
        .filter((q) => data.syntheses.some((s) => s.questionId === q.id))
        .map((q) => (
          <section key={q.id}>
            <h3>
              <span className="code">{q.code}</span> <Localized text={q.title} />
            </h3>
            <ul>
              {data.syntheses
                .filter((s) => s.questionId === q.id)
                .map((s) => (
                  <li key={s.id}>
                    <a href={href({ name: 'synthesis', id: s.id })} data-testid="synthesis-link" dir="auto">
                      {s.title}
                    </a>{' '}
                    <span className="meta">
                      <Name text={s.createdByName} /> · {NATIVE_NAMES[s.language]}
                    </span>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      {data.syntheses.length === 0 ? <p>{t('synthesis.none')}</p> : null}
      {data.earlier.length ? (
        <section aria-labelledby="earlier-syntheses" data-testid="earlier-syntheses">
          <h3 id="earlier-syntheses">{t('events.otherSyntheses')}</h3>
          <ul>
            {data.earlier.map((s) => {
              const event = events?.events.find((e) => e.id === s.eventId);
              return (
                <li key={s.id}>
                  <a href={href({ name: 'synthesis', id: s.id })} data-testid="earlier-synthesis-link" dir="auto">
                    {s.title}
                  </a>{' '}
                  <span className="meta">
                    {event ? <Localized text={event.title} /> : null} · <Name text={s.createdByName} />
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {writer ? (
        <form
          className="new-synthesis"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <h3>{t('synthesis.new')}</h3>
          <label>
            {t('synthesis.question')}{' '}
            <select
              required
              value={questionId}
              data-testid="new-synthesis-question"
              onChange={(e) => setQuestionId(e.target.value)}
            >
              <option value="" />
              {data.questions.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.code}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('synthesis.titleLabel')}{' '}
            <input
              required
              maxLength={LIMITS.synthesisTitleLength}
              value={title}
              dir="auto"
              data-testid="new-synthesis-title"
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>{' '}
          <label>
            {t('synthesis.language')}{' '}
            <select
              value={language}
              data-testid="new-synthesis-language"
              onChange={(e) => isLang(e.target.value) && setLanguage(e.target.value)}
            >
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {NATIVE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" data-testid="create-synthesis">
            {t('synthesis.create')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
