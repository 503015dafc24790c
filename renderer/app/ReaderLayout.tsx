import { useLiveQuery } from 'dexie-react-hooks';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useEffect, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionId } from '../../shared/model/entities.js';
import { ContributionListScreen } from '../features/contributions/ContributionListScreen.js';
import { QuestionOverview } from '../features/questions/QuestionOverview.js';
import { QuestionsPane } from '../features/questions/QuestionsPane.js';
import { ReaderScreen } from '../features/reader/ReaderScreen.js';
import { PaneResizer } from '../ui/PaneResizer.js';
import { setPreferences, usePreferences } from '../ui/preferences.js';
import { useApp } from './AppContext.js';
import type { Route } from './routes.js';

const QUESTIONS = { name: 'questions', initial: 240, min: 180, max: 420 };
const LIST = { name: 'contributions', initial: 300, min: 220, max: 560 };
/** Wide enough for three panes and the notes in the margin beside the text. */
const WIDE = '(min-width: 90rem)';

/**
 * The three-pane reader, as in a mail client or Zotero: questions | the
 * question's contributions | the open contribution with its notes beside it
 * (or the question's overview before one is open). Pane widths are the
 * user's, remembered; on a narrow window only the pane in use is shown.
 */
export function ReaderLayout({ route }: { route: Extract<Route, { name: 'question' | 'contribution' }> }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const prefs = usePreferences();
  const contribution = useLiveQuery(
    () => (route.name === 'contribution' ? db.contributions.get(route.id) : undefined),
    [db, route.name, route.id],
    null,
  );
  const questionId: QuestionId | undefined =
    route.name === 'question' ? route.id : (contribution?.questionId ?? undefined);
  const question = useLiveQuery(() => (questionId ? db.questions.get(questionId) : undefined), [db, questionId]);
  const questionsWidth = prefs.panes[QUESTIONS.name] ?? QUESTIONS.initial;
  const listWidth = prefs.panes[LIST.name] ?? LIST.initial;
  // 'auto' follows the window (styles/layout.css): the button says what is on screen now.
  const [wide, setWide] = useState(() => globalThis.matchMedia?.(WIDE).matches ?? true);
  useEffect(() => {
    const query = globalThis.matchMedia?.(WIDE);
    if (!query) return;
    const onChange = () => setWide(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const shown = prefs.questionsPane === 'auto' ? wide : prefs.questionsPane === 'shown';
  const hidden = !shown;
  const style = { '--pane-questions': `${questionsWidth}px`, '--pane-list': `${listWidth}px` } as CSSProperties;
  return (
    <div
      className="reader-layout"
      // A narrow window shows the pane in use: the reader for a contribution or an opened material.
      data-focus={route.name === 'contribution' || route.material ? 'reader' : 'list'}
      data-questions={hidden ? 'hidden' : 'shown'}
      style={style}
    >
      {hidden ? null : (
        <>
          <div className="pane pane-questions" id="pane-questions">
            <QuestionsPane current={questionId} />
          </div>
          <PaneResizer
            label={t('ui.panes.resize', { pane: t('ui.panes.questions') })}
            width={questionsWidth}
            min={QUESTIONS.min}
            max={QUESTIONS.max}
            controls="pane-questions"
            onResize={(width) => setPreferences({ panes: { [QUESTIONS.name]: width } })}
          />
        </>
      )}
      <div className="pane pane-list" id="pane-list">
        <button
          type="button"
          className="icon-button pane-toggle"
          aria-pressed={!hidden}
          onClick={() => setPreferences({ questionsPane: hidden ? 'shown' : 'hidden' })}
          data-testid="toggle-questions-pane"
        >
          {hidden ? (
            <PanelLeftOpen className="icon icon-directional" aria-hidden="true" />
          ) : (
            <PanelLeftClose className="icon icon-directional" aria-hidden="true" />
          )}
          <span className="visually-hidden">{t('ui.panes.questions')}</span>
        </button>
        {questionId ? (
          <ContributionListScreen
            key={questionId}
            questionId={questionId}
            current={route.name === 'contribution' ? route.id : undefined}
          />
        ) : null}
      </div>
      <PaneResizer
        label={t('ui.panes.resize', { pane: t('ui.panes.contributions') })}
        width={listWidth}
        min={LIST.min}
        max={LIST.max}
        controls="pane-list"
        onResize={(width) => setPreferences({ panes: { [LIST.name]: width } })}
      />
      <div className="pane pane-reader">
        {route.name === 'contribution' ? (
          <ReaderScreen
            key={`${route.id}/${route.annotation ?? ''}/${route.match ? JSON.stringify(route.match) : ''}`}
            contributionId={route.id}
            focusAnnotation={route.annotation}
            focusMatch={route.match}
          />
        ) : question ? (
          <QuestionOverview question={question} />
        ) : null}
      </div>
    </div>
  );
}
