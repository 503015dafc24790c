import type { TFunction } from 'i18next';
import type { LucideIcon } from 'lucide-react';
import {
  CalendarDays,
  ClipboardCopy,
  Download,
  FileText,
  Highlighter,
  Keyboard,
  MessagesSquare,
  NotebookPen,
  PenLine,
  Printer,
  RefreshCw,
  Search,
  Settings,
  ArrowDownUp,
  StickyNote,
  SunMoon,
  AArrowDown,
  AArrowUp,
} from 'lucide-react';
import type { AppCommand } from './commands.js';

/**
 * The command palette's actions: one row per command id, the same ids the
 * shell's menus send (shared/bridge.ts) and runCommand carries out
 * (commands.ts). The palette adds nothing of its own but the label and the
 * icon; what a command does, and whether it can now, is commands.ts's.
 */
export interface CommandEntry {
  id: AppCommand;
  icon: LucideIcon;
  label(t: TFunction): string;
}

const goTo = (t: TFunction, place: string) => t('ui.palette.goTo', { place });

export const COMMAND_TABLE: readonly CommandEntry[] = [
  { id: 'go-agenda', icon: CalendarDays, label: (t) => goTo(t, t('nav.agenda')) },
  { id: 'go-questions', icon: MessagesSquare, label: (t) => goTo(t, t('nav.questions')) },
  { id: 'go-notebook', icon: NotebookPen, label: (t) => goTo(t, t('nav.notebook')) },
  { id: 'go-syntheses', icon: FileText, label: (t) => goTo(t, t('nav.syntheses')) },
  { id: 'go-mine', icon: PenLine, label: (t) => goTo(t, t('nav.mine')) },
  { id: 'find', icon: Search, label: (t) => goTo(t, t('search.nav')) },
  { id: 'go-outbox', icon: ArrowDownUp, label: (t) => goTo(t, t('ui.nav.outbox')) },
  { id: 'go-settings', icon: Settings, label: (t) => goTo(t, t('nav.settings')) },
  { id: 'highlight', icon: Highlighter, label: (t) => t('ui.shortcuts.highlight') },
  { id: 'add-note', icon: StickyNote, label: (t) => t('ui.shortcuts.note') },
  { id: 'copy-with-citation', icon: ClipboardCopy, label: (t) => t('ui.palette.copyWithCitation') },
  { id: 'export', icon: Download, label: (t) => t('ui.palette.export') },
  { id: 'print', icon: Printer, label: (t) => t('ui.palette.print') },
  { id: 'toggle-theme', icon: SunMoon, label: (t) => t('ui.shortcuts.theme') },
  { id: 'text-larger', icon: AArrowUp, label: (t) => t('ui.palette.textLarger') },
  { id: 'text-smaller', icon: AArrowDown, label: (t) => t('ui.palette.textSmaller') },
  { id: 'show-shortcuts', icon: Keyboard, label: (t) => t('ui.shortcuts.title') },
  { id: 'sync-now', icon: RefreshCw, label: (t) => t('sync.syncNow') },
];
