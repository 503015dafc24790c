import type { LucideIcon } from 'lucide-react';
import {
  ArrowDownUp,
  BookOpenCheck,
  CalendarDays,
  FileText,
  MessagesSquare,
  NotebookPen,
  PenLine,
  Search,
  Settings,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useApp } from './AppContext.js';
import { href, type Route } from './routes.js';
import { useNavCounts, type NavCounts } from './use-nav-counts.js';
import { currentLang } from '../i18n/index.js';
import { EventSwitcher } from '../features/events/EventSwitcher.js';

interface Place {
  route: Route;
  /** The routes under this place (a question is under Questions). */
  also: Route['name'][];
  label: string;
  icon: LucideIcon;
  testId: string;
  count?: keyof NavCounts;
}

export function usePlaces(): Place[] {
  const { t } = useTranslation();
  return [
    { route: { name: 'agenda' }, also: [], label: t('nav.agenda'), icon: CalendarDays, testId: 'nav-agenda' },
    {
      route: { name: 'questions' },
      also: ['question', 'contribution'],
      label: t('nav.questions'),
      icon: MessagesSquare,
      testId: 'nav-questions',
      count: 'questions',
    },
    {
      route: { name: 'notebook' },
      also: [],
      label: t('nav.notebook'),
      icon: NotebookPen,
      testId: 'nav-notebook',
      count: 'notes',
    },
    {
      route: { name: 'syntheses' },
      also: ['synthesis'],
      label: t('nav.syntheses'),
      icon: FileText,
      testId: 'nav-syntheses',
      count: 'syntheses',
    },
    {
      route: { name: 'proceedings' },
      also: [],
      label: t('proceedings.nav'),
      icon: BookOpenCheck,
      testId: 'nav-proceedings',
    },
    { route: { name: 'mine' }, also: ['compose'], label: t('nav.mine'), icon: PenLine, testId: 'nav-mine' },
    { route: { name: 'search', query: '' }, also: [], label: t('search.nav'), icon: Search, testId: 'nav-search' },
    {
      route: { name: 'outbox' },
      also: [],
      label: t('ui.nav.outbox'),
      icon: ArrowDownUp,
      testId: 'nav-outbox',
      count: 'outbox',
    },
    { route: { name: 'settings' }, also: [], label: t('nav.settings'), icon: Settings, testId: 'nav-settings' },
  ];
}

/**
 * The places of the app, with icons and counts. The link's name is the place
 * alone (what a screen reader user says to a voice control); its count is its
 * description, in words.
 */
export function Sidebar({ route }: { route: Route }) {
  const { t, i18n } = useTranslation();
  const { db } = useApp();
  const counts = useNavCounts(db);
  const lng = currentLang(i18n);
  const format = new Intl.NumberFormat(lng);
  return (
    <nav aria-label={t('nav.label')} className="sidebar" data-testid="sidebar">
      <EventSwitcher />
      <ul className="sidebar-list">
        {usePlaces().map((place) => {
          const current = place.route.name === route.name || place.also.includes(route.name);
          const value = place.count ? counts?.[place.count] : undefined;
          const countId = `nav-count-${place.route.name}`;
          const showCount = value !== undefined && value > 0;
          const Icon = place.icon;
          return (
            <li key={place.testId}>
              <a
                href={href(place.route)}
                className="sidebar-link"
                aria-current={current ? 'page' : undefined}
                aria-describedby={showCount ? countId : undefined}
                data-testid={place.testId}
                title={place.label}
              >
                <Icon className="icon" aria-hidden="true" />
                <span className="sidebar-label">{place.label}</span>
              </a>
              {showCount && place.count ? (
                <span id={countId} className={`sidebar-count sidebar-count-${place.count}`}>
                  <span aria-hidden="true">{format.format(value)}</span>
                  <span className="visually-hidden">{t(`ui.count.${place.count}`, { count: value, lng })}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
