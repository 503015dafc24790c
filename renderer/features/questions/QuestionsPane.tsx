import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { TRACKS, type QuestionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { href } from '../../app/routes.js';

/**
 * The reader's first pane: every question, compact, the open one marked. No
 * counts here: counting every question's contributions beside a list of
 * 10,000 would cost each change a scan (the Questions screen has them).
 */
export function QuestionsPane({ current }: { current: QuestionId | undefined }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const questions = useLiveQuery(() => db.questions.toArray(), [db]);
  if (!questions) return null;
  return (
    <nav className="questions-pane" aria-label={t('ui.panes.questions')} data-testid="questions-pane">
      {TRACKS.map((track) => {
        const list = questions.filter((q) => q.track === track).sort((a, b) => a.order - b.order);
        if (list.length === 0) return null;
        return (
          <section key={track} aria-labelledby={`pane-track-${track}`}>
            <h2 id={`pane-track-${track}`} className="pane-heading">
              {t(`questions.track.${track}`)}
            </h2>
            <ul className="pane-list">
              {list.map((question) => (
                <li key={question.id}>
                  <a
                    className="pane-item"
                    href={href({ name: 'question', id: question.id })}
                    aria-current={question.id === current ? 'page' : undefined}
                    data-testid="pane-question-link"
                  >
                    <span className="code">{question.code}</span>
                    <span className="pane-item-title">
                      <Localized text={question.title} />
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
