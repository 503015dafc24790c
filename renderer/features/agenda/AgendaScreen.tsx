import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Question, SeminarSession } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { formatDay } from '../../i18n/format.js';
import { EventDates } from '../events/EventSwitcher.js';
import { inEvent, useCurrentEvent } from '../events/use-current-event.js';
import { SessionSpeakers } from './SessionSpeakers.js';

interface Day {
  day: number;
  date: string;
  sessions: SeminarSession[];
}

function groupByDay(sessions: SeminarSession[]): Day[] {
  const days = new Map<number, Day>();
  for (const session of [...sessions].sort((a, b) => a.day - b.day || a.order - b.order)) {
    const day = days.get(session.day) ?? { day: session.day, date: session.date, sessions: [] };
    day.sessions.push(session);
    days.set(session.day, day);
  }
  return [...days.values()];
}

/** The current event's days (issue 18), each session with the questions it works through. */
export function AgendaScreen() {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  const events = useCurrentEvent();
  const current = events?.current ?? null;
  const data = useLiveQuery(async () => {
    const sessions = (await db.sessions.toArray()).filter((session) => inEvent(current, session.eventId));
    const ids = [...new Set(sessions.flatMap((session) => session.questionIds))];
    const questions = (await db.questions.bulkGet(ids)).filter((q): q is Question => q !== undefined);
    return { sessions, questions: new Map(questions.map((q) => [q.id as string, q])) };
  }, [db, current?.id]);

  if (!data || !events) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="agenda-title" data-testid="agenda">
      <h2 id="agenda-title">{t('agenda.title')}</h2>
      {current ? (
        <p className="event-heading" data-testid="agenda-event">
          <strong>
            <Localized text={current.title} />
          </strong>
          <span className="meta">
            {t(`events.kind.${current.kind}`)} · <EventDates event={current} />
            {current.place ? ` · ${current.place}` : ''} · {t(`events.status.${current.status}`)}
          </span>
        </p>
      ) : null}
      {data.sessions.length === 0 ? <p>{t('agenda.empty')}</p> : null}
      {groupByDay(data.sessions).map((day) => (
        <section key={day.day} className="agenda-day" aria-labelledby={`day-${day.day}`} data-testid="agenda-day">
          <h3 id={`day-${day.day}`}>
            {t('agenda.day', { day: day.day })} · <time dateTime={day.date}>{formatDay(lang, day.date)}</time>
          </h3>
          {day.sessions.map((session) => (
            <article key={session.id} className="agenda-session">
              <h4>
                {session.format && session.format !== 'session' ? (
                  <span className="badge session-format" data-testid="session-format">
                    {t(`events.programme.format.${session.format}`)}
                  </span>
                ) : null}
                <Localized text={session.title} />
              </h4>
              {session.speakers?.length ? <SessionSpeakers speakers={session.speakers} /> : null}
              <p className="meta">{t('agenda.questionCount', { count: session.questionIds.length })}</p>
              <ul className="question-links">
                {session.questionIds.map((id) => {
                  const question = data.questions.get(id);
                  if (!question) return null;
                  return (
                    <li key={id}>
                      <a href={href({ name: 'question', id })} data-testid="question-link">
                        <span className="code">{question.code}</span> <Localized text={question.title} />
                      </a>
                    </li>
                  );
                })}
              </ul>
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}
