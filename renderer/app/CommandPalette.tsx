import { useLiveQuery } from 'dexie-react-hooks';
import type { LucideIcon } from 'lucide-react';
import { Keyboard, MessageSquare, RefreshCw, SunMoon, Type } from 'lucide-react';
import { useMemo } from 'react';
import {
  Autocomplete,
  Dialog,
  Header,
  Input,
  Menu,
  MenuItem,
  MenuSection,
  Modal,
  ModalOverlay,
  SearchField,
  useFilter,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useApp } from './AppContext.js';
import { pickLocalizedText } from './Localized.js';
import { href } from './routes.js';
import { usePlaces } from './Sidebar.js';
import { currentLang } from '../i18n/index.js';
import { getPreferences, setPreferences, TEXT_SIZES, toggleTheme } from '../ui/preferences.js';

interface Command {
  id: string;
  label: string;
  /** Words the filter also matches (a question's code). */
  keywords?: string;
  icon: LucideIcon;
  run(): void;
}

/**
 * Ctrl/Cmd+K: every place and action, and every question by code or title,
 * filtered as you type (React Aria's Autocomplete over a Menu: arrow keys,
 * Enter, Escape; focus returns where it was).
 */
export function CommandPalette({
  isOpen,
  onClose,
  onOpenShortcuts,
}: {
  isOpen: boolean;
  onClose(): void;
  onOpenShortcuts(): void;
}) {
  const { t, i18n } = useTranslation();
  const { db, sync } = useApp();
  const lang = currentLang(i18n);
  const { contains } = useFilter({ sensitivity: 'base' });
  const places = usePlaces();
  const questions = useLiveQuery(() => (isOpen ? db.questions.toArray() : []), [db, isOpen], []);

  const actions = useMemo<Command[]>(() => {
    const go = (hash: string) => () => {
      window.location.hash = hash;
    };
    const size = getPreferences().textSize;
    const index = TEXT_SIZES.indexOf(size);
    const list: Command[] = places.map((place) => ({
      id: `go-${place.route.name}`,
      label: t('ui.palette.goTo', { place: place.label }),
      icon: place.icon,
      run: go(href(place.route)),
    }));
    list.push(
      { id: 'theme', label: t('ui.shortcuts.theme'), icon: SunMoon, run: toggleTheme },
      { id: 'shortcuts', label: t('ui.shortcuts.title'), icon: Keyboard, run: onOpenShortcuts },
    );
    if (index < TEXT_SIZES.length - 1)
      list.push({
        id: 'text-larger',
        label: t('ui.palette.textLarger'),
        icon: Type,
        run: () => setPreferences({ textSize: TEXT_SIZES[index + 1] }),
      });
    if (index > 0)
      list.push({
        id: 'text-smaller',
        label: t('ui.palette.textSmaller'),
        icon: Type,
        run: () => setPreferences({ textSize: TEXT_SIZES[index - 1] }),
      });
    if (sync) list.push({ id: 'sync', label: t('sync.syncNow'), icon: RefreshCw, run: () => void sync.pullNow() });
    return list;
  }, [places, t, onOpenShortcuts, sync]);

  const questionCommands = useMemo<Command[]>(
    () =>
      [...questions]
        .sort((a, b) => a.track.localeCompare(b.track) || a.order - b.order)
        .map((question) => ({
          id: `question-${question.id}`,
          label: `${question.code} ${pickLocalizedText(question.title, lang)}`,
          keywords: question.code,
          icon: MessageSquare,
          run: () => {
            window.location.hash = href({ name: 'question', id: question.id });
          },
        })),
    [questions, lang],
  );
  const byId = new Map([...actions, ...questionCommands].map((command) => [command.id, command]));

  const item = (command: Command) => {
    const Icon = command.icon;
    return (
      <MenuItem key={command.id} id={command.id} textValue={command.label} className="palette-item">
        <Icon className="icon" aria-hidden="true" />
        <span className="palette-label">{command.label}</span>
      </MenuItem>
    );
  };

  return (
    <ModalOverlay
      isOpen={isOpen}
      isDismissable
      onOpenChange={(open) => !open && onClose()}
      className="ui-modal-overlay palette-overlay"
    >
      <Modal className="ui-modal palette-modal">
        <Dialog aria-label={t('ui.palette.title')} className="palette" data-testid="command-palette">
          <Autocomplete filter={contains}>
            <SearchField aria-label={t('ui.palette.title')} autoFocus className="palette-search">
              <Input placeholder={t('ui.palette.placeholder')} className="palette-input" />
            </SearchField>
            {/* The list scrolls in a region of its own that the keyboard can reach (focus stays in the
                search field while arrows move through the items). */}
            <div className="palette-scroll" tabIndex={0}>
              <Menu
                className="palette-list"
                aria-label={t('ui.palette.title')}
                renderEmptyState={() => <p className="palette-empty">{t('ui.palette.empty')}</p>}
                onAction={(key) => {
                  const command = byId.get(String(key));
                  onClose();
                  command?.run();
                }}
              >
                <MenuSection className="palette-section">
                  <Header className="palette-header">{t('ui.palette.actions')}</Header>
                  {actions.map(item)}
                </MenuSection>
                {questionCommands.length > 0 ? (
                  <MenuSection className="palette-section">
                    <Header className="palette-header">{t('nav.questions')}</Header>
                    {questionCommands.map(item)}
                  </MenuSection>
                ) : null}
              </Menu>
            </div>
          </Autocomplete>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
