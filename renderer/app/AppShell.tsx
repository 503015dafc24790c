import { BookOpenText, Search } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { AgendaScreen } from '../features/agenda/AgendaScreen.js';
import { QuestionsScreen } from '../features/questions/QuestionsScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { SignInAgain } from '../features/setup/SignInAgain.js';
import { NotebookScreen } from '../features/notebook/NotebookScreen.js';
import { OutboxScreen } from '../features/outbox/OutboxScreen.js';
import { SearchScreen } from '../features/search/SearchScreen.js';
import { ComposeScreen } from '../features/compose/ComposeScreen.js';
import { MyContributionsScreen } from '../features/compose/MyContributionsScreen.js';
import { SynthesesScreen } from '../features/synthesis/SynthesesScreen.js';
import { useApp } from './AppContext.js';
import { ReaderLayout } from './ReaderLayout.js';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.js';
import { Sidebar } from './Sidebar.js';
import { StatusBar } from './StatusBar.js';
import { classifyStorageError } from './storage-errors.js';
import { errorMessage } from '../i18n/errors.js';
import { currentLang } from '../i18n/index.js';
import { useRoute, type Route } from './routes.js';
import { shortcutLabel } from './shortcuts.js';
import { StorageBanner } from './StorageBanner.js';
import { useGlobalShortcuts } from './use-global-shortcuts.js';
import { useRouteFocus } from './use-route-focus.js';
import { useCommand } from './commands.js';
import { Toasts } from '../ui/Toasts.js';

// Loaded on first use: the dialogs' code (React Aria's menus and overlays) stays out of the first paint.
const CommandPalette = lazy(() => import('./CommandPalette.js').then((m) => ({ default: m.CommandPalette })));
// The synthesis editor (TipTap, its toolbar's menus and tabs) is for rapporteurs: loaded when one is opened.
const SynthesisScreen = lazy(() =>
  import('../features/synthesis/SynthesisScreen.js').then((m) => ({ default: m.SynthesisScreen })),
);
// The proceedings (review, editions) are the rapporteurs' and the secretariat's: loaded when opened.
const ProceedingsScreen = lazy(() =>
  import('../features/proceedings/ProceedingsScreen.js').then((m) => ({ default: m.ProceedingsScreen })),
);
const ShortcutsSheet = lazy(() => import('./ShortcutsSheet.js').then((m) => ({ default: m.ShortcutsSheet })));

function Screen({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'agenda':
      return <AgendaScreen />;
    case 'questions':
      return <QuestionsScreen />;
    case 'question':
    case 'contribution':
      return <ReaderLayout route={route} />;
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
      return (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <SynthesisScreen key={route.id} id={route.id} passage={route.passage} />
        </Suspense>
      );
    case 'proceedings':
      return (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <ProceedingsScreen />
        </Suspense>
      );
    case 'settings':
      return <SettingsScreen />;
    case 'search':
      return <SearchScreen initialQuery={route.query} />;
  }
}

/** Screens laid out edge to edge (panes of their own); the others read as a page of comfortable width. */
const FULL_WIDTH: ReadonlySet<Route['name']> = new Set(['question', 'contribution', 'synthesis']);

/**
 * The main window: a title bar with the command palette, the sidebar of
 * places, the screen, and the status bar (design: "The interface").
 */
export function AppShell({ onDismissStorageProblem }: { onDismissStorageProblem(): void }) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const { reportStorageError, sync } = useApp();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const routeKey = JSON.stringify(route);
  useRouteFocus(routeKey);
  // The palette's own commands that need the shell's state (command-table.ts).
  useCommand('show-shortcuts', () => setShortcutsOpen(true));
  useCommand('sync-now', () => void sync?.pullNow());
  useGlobalShortcuts({
    route,
    openPalette: () => setPaletteOpen(true),
    openShortcuts: () => setShortcutsOpen(true),
    blocked: paletteOpen || shortcutsOpen,
  });
  return (
    <I18nProvider locale={currentLang(i18n)}>
      <div className="app" data-route={route.name}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="title-bar">
          <h1 className="app-title">
            <BookOpenText className="icon" aria-hidden="true" />
            {t('app.name')}
          </h1>
          <button
            type="button"
            className="command-center"
            onClick={() => setPaletteOpen(true)}
            aria-keyshortcuts="Control+K Meta+K"
            data-testid="command-center"
          >
            <Search className="icon" aria-hidden="true" />
            <span className="command-center-text">{t('ui.palette.placeholder')}</span>
            <kbd>{shortcutLabel('mod+k')}</kbd>
          </button>
        </header>
        <Sidebar route={route} />
        <div className="app-content">
          <SignInAgain />
          <StorageBanner onDismiss={onDismissStorageProblem} />
          <main id="main" className={FULL_WIDTH.has(route.name) ? 'app-main app-main-full' : 'app-main'} tabIndex={-1}>
            <ScreenErrorBoundary
              resetKey={routeKey}
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
        <Toasts />
        <StatusBar
          showLanguage={route.name !== 'settings'}
          onOpenPalette={() => setPaletteOpen(true)}
          onOpenShortcuts={() => setShortcutsOpen(true)}
        />
        <Suspense fallback={null}>
          {paletteOpen ? <CommandPalette isOpen onClose={() => setPaletteOpen(false)} /> : null}
          {shortcutsOpen ? <ShortcutsSheet isOpen onClose={() => setShortcutsOpen(false)} /> : null}
        </Suspense>
      </div>
    </I18nProvider>
  );
}
