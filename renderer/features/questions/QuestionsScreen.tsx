import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { TRACKS, type Question, type Theme, type Track } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { ContextText } from './ContextText.js';
import { useContributionCounts } from './use-contribution-counts.js';

interface ThemeGroup {
  code: string;
  theme: Theme | undefined;
  questions: Question[];
}

function groupByTheme(track: Track, themes: Theme[], questions: Question[]): ThemeGroup[] {
  const groups = new Map<string, ThemeGroup>();
  const sortedThemes = themes.filter((theme) => theme.track === track).sort((a, b) => a.order - b.order);
  for (const theme of sortedThemes) groups.set(theme.code, { code: theme.code, theme, questions: [] });
  for (const question of questions.filter((q) => q.track === track).sort((a, b) => a.order - b.order)) {
    const group = groups.get(question.theme) ?? { code: question.theme, theme: undefined, questions: [] };
    group.questions.push(question);
    groups.set(question.theme, group);
  }
  return [...groups.values()].filter((group) => group.questions.length > 0);
}

/** Both tracks' questions, grouped by theme, with their context and how many contributions answer them. */
export function QuestionsScreen() {
  const { t } = useTranslation();
  const { db } = useApp();
  const data = useLiveQuery(
    async () => ({ themes: await db.themes.toArray(), questions: await db.questions.toArray() }),
    [db],
  );
  const counts = useContributionCounts(db);

  if (!data) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="questions-title" data-testid="questions">
      <h2 id="questions-title">{t('questions.title')}</h2>
      {data.questions.length === 0 ? <p>{t('questions.empty')}</p> : null}
      {TRACKS.map((track) => {
        const groups = groupByTheme(track, data.themes, data.questions);
        if (groups.length === 0) return null;
        return (
          <section key={track} className="track" aria-labelledby={`track-${track}`}>
            <h3 id={`track-${track}`}>{t(`questions.track.${track}`)}</h3>
            {groups.map((group) => (
              <section key={group.code} className="theme" aria-label={group.code}>
                <h4>
                  {group.theme ? <Localized text={group.theme.title} /> : t('questions.theme', { code: group.code })}
                </h4>
                <ul className="question-list">
                  {group.questions.map((question) => (
                    <li key={question.id} className="question-item" data-testid="question-item">
                      <a href={href({ name: 'question', id: question.id })} data-testid="question-link">
                        <span className="code">{question.code}</span> <Localized text={question.title} />
                      </a>
                      <span className="count" data-testid="question-count">
                        {counts ? t('questions.contributionCount', { count: counts.get(question.id) ?? 0 }) : null}
                      </span>
                      <details className="question-context">
                        <summary>{t('questions.context')}</summary>
                        <ContextText text={question.context} />
                      </details>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        );
      })}
    </section>
  );
}
