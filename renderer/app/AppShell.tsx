import { useTranslation } from 'react-i18next';
import { AgendaScreen } from '../features/agenda/AgendaScreen.js';
import { ContributionListScreen } from '../features/contributions/ContributionListScreen.js';
import { QuestionsScreen } from '../features/questions/QuestionsScreen.js';
import { ReaderScreen } from '../features/reader/ReaderScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { SignInAgain } from '../features/setup/SignInAgain.js';
import { NotebookScreen } from '../features/notebook/NotebookScreen.js';
import { OutboxScreen } from '../features/outbox/OutboxScreen.js';
import { SearchScreen } from '../features/search/SearchScreen.js';
import { ComposeScreen } from '../features/compose/ComposeScreen.js';
import { MyContributionsScreen } from '../features/compose/MyContributionsScreen.js';
import { SynthesesScreen } from '../features/synthesis/SynthesesScreen.js';
import { SynthesisScreen } from '../features/synthesis/SynthesisScreen.js';
import { useApp } from './AppContext.js';
import { LanguagePicker } from './LanguagePicker.js';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.js';
import { classifyStorageError } from './storage-errors.js';
import { errorMessage } from '../i18n/errors.js';
import { href, useRoute, type Route } from './routes.js';
import { StorageBanner } from './StorageBanner.js';
import { SyncStatusView } from './SyncStatusView.js';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'agenda':
      return <AgendaScreen />;
    case 'questions':
      return <QuestionsScreen />;
    case 'question':
      return <ContributionListScreen questionId={route.id} />;
    case 'contribution':
      return (
        <ReaderScreen
          key={`${route.id}/${route.annotation ?? ''}/${route.match ? JSON.stringify(route.match) : ''}`}
          contributionId={route.id}
          focusAnnotation={route.annotation}
          focusMatch={route.match}
        />
      );
    case 'notebook':
      return <NotebookScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'compose':
      return <ComposeScreen key={route.id} draftId={route.id} />;
    case 'mine':
      return <MyContributionsScreen />;
    case 'syntheses':
      return <SynthesesScreen />;
    case 'synthesis':
      return <SynthesisScreen key={route.id} id={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'search':
      return <SearchScreen initialQuery={route.query} />;
  }
}

export function AppShell({ onDismissStorageProblem }: { onDismissStorageProblem(): void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const { reportStorageError } = useApp();
  const current = (name: Route['name'][]) => (name.includes(route.name) ? 'page' : undefined);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1 className="app-title">{t('app.name')}</h1>
        <nav aria-label={t('nav.label')} className="app-nav">
          <a href={href({ name: 'agenda' })} aria-current={current(['agenda'])} data-testid="nav-agenda">
            {t('nav.agenda')}
          </a>
          <a
            href={href({ name: 'questions' })}
            aria-current={current(['questions', 'question'])}
            data-testid="nav-questions"
          >
            {t('nav.questions')}
          </a>
          <a href={href({ name: 'notebook' })} aria-current={current(['notebook'])} data-testid="nav-notebook">
            {t('nav.notebook')}
          </a>
          <a
            href={href({ name: 'syntheses' })}
            aria-current={current(['syntheses', 'synthesis'])}
            data-testid="nav-syntheses"
          >
            {t('nav.syntheses')}
          </a>
          <a href={href({ name: 'mine' })} aria-current={current(['mine', 'compose'])} data-testid="nav-mine">
            {t('nav.mine')}
          </a>
          <a href={href({ name: 'search', query: '' })} aria-current={current(['search'])} data-testid="nav-search">
            {t('search.nav')}
          </a>
          <a href={href({ name: 'settings' })} aria-current={current(['settings'])} data-testid="nav-settings">
            {t('nav.settings')}
          </a>
        </nav>
        <SyncStatusView />
        <LanguagePicker />
      </header>
      <SignInAgain />
      <StorageBanner onDismiss={onDismissStorageProblem} />
      <main id="main" className="app-main" tabIndex={-1}>
        <ScreenErrorBoundary
          resetKey={JSON.stringify(route)}
          onError={reportStorageError}
          fallback={(error) => (
            <p className="banner banner-error" role="alert" data-testid="screen-error">
              {errorMessage(t, classifyStorageError(error) ?? 'storage-failed')}
            </p>
          )}
        >
          <Screen route={route} />
        </ScreenErrorBoundary>
      </main>
    </div>
  );
}
