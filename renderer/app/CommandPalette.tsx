import { useLiveQuery } from 'dexie-react-hooks';
import type { LucideIcon } from 'lucide-react';
import { MessageSquare } from 'lucide-react';
import { useMemo, useState } from 'react';
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
import { COMMAND_TABLE } from './command-table.js';
import { canRunCommand, runCommand } from './commands.js';
import { pickLocalizedText } from './Localized.js';
import { href } from './routes.js';
import { currentLang } from '../i18n/index.js';

interface Command {
  id: string;
  label: string;
  /** Words the filter also matches (a question's code). */
  keywords?: string;
  icon: LucideIcon;
  run(): void;
}

/** The reader's selected passage, kept while the palette's search field has the focus: "Highlight" acts on it. */
function keepSelection(): () => void {
  const selection = globalThis.getSelection?.();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  return () => {
    if (!range || range.collapsed) return;
    selection!.removeAllRanges();
    selection!.addRange(range);
  };
}

/**
 * Ctrl/Cmd+K: every place and action, and every question by code or title,
 * filtered as you type (React Aria's Autocomplete over a Menu: arrow keys,
 * Enter, Escape; focus returns where it was). The actions are the app's
 * commands (command-table.ts), the ids the shell's menus send, carried out by
 * runCommand: the palette and the menus cannot drift apart.
 */
export function CommandPalette({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db } = useApp();
  const lang = currentLang(i18n);
  const { contains } = useFilter({ sensitivity: 'base' });
  const questions = useLiveQuery(() => (isOpen ? db.questions.toArray() : []), [db, isOpen], []);
  const [restoreSelection] = useState(keepSelection);

  const actions = useMemo<Command[]>(
    () =>
      COMMAND_TABLE.filter((entry) => canRunCommand(entry.id)).map((entry) => ({
        id: entry.id,
        label: entry.label(t),
        icon: entry.icon,
        run: () => {
          restoreSelection();
          runCommand(entry.id);
        },
      })),
    [t, restoreSelection],
  );

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
                  // After the dialog has gone and focus is back where it was, as a menu's command would find it.
                  requestAnimationFrame(() => requestAnimationFrame(() => command?.run()));
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
