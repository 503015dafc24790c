import type { Editor } from '@tiptap/react';
import {
  Bold,
  Download,
  FileText,
  FileType,
  Heading2,
  Heading3,
  Italic,
  List,
  ListOrdered,
  Printer,
  Quote,
  Redo2,
  TextQuote,
  Undo2,
} from 'lucide-react';
import { useEffect, useReducer, useState, type ReactNode } from 'react';
import { Group, Menu, MenuItem, MenuTrigger, Popover, Separator, Toolbar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/commands.js';
import { shortcutLabel } from '../../app/shortcuts.js';
import { ToolButton } from '../../ui/ToolButton.js';
import type { ExportFormat } from './use-synthesis-export.js';

/**
 * The editor's toolbar, as in a word processor: one tab stop, arrow keys
 * between its buttons (React Aria's Toolbar, mirrored in right-to-left),
 * formats that show whether they are on, then the rapporteur's own actions:
 * quote from the notes, and export. Read-only readers get the export alone.
 */
export function SynthesisToolbar({
  editor,
  writer,
  onQuote,
  onExport,
  children,
}: {
  editor: Editor | null;
  writer: boolean;
  /** Shows the notes to quote from, in the side pane. */
  onQuote(): void;
  onExport(format: ExportFormat): void;
  /** What the toolbar's end says (the save state). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  // Formats' states follow the caret: redraw on each selection or content change.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!editor) return;
    editor.on('transaction', redraw);
    return () => {
      editor.off('transaction', redraw);
    };
  }, [editor]);
  const [exportOpen, setExportOpen] = useState(false);
  // The menu's "Export" (Ctrl+E in the desktop shell) opens this menu while the synthesis is shown.
  useCommand('export', () => setExportOpen(true));
  const chain = () => editor!.chain().focus();
  const format = editor && writer;
  return (
    <Toolbar className="synthesis-toolbar" aria-label={t('synthesis.toolbar')} data-testid="synthesis-toolbar">
      {format ? (
        <>
          <Group className="tool-group" aria-label={t('synthesis.formatting')}>
            <ToolButton
              label={t('synthesis.heading')}
              icon={Heading2}
              testId="format-h2"
              selected={editor.isActive('heading', { level: 2 })}
              onPress={() => chain().toggleHeading({ level: 2 }).run()}
            />
            <ToolButton
              label={t('synthesis.subheading')}
              icon={Heading3}
              testId="format-h3"
              selected={editor.isActive('heading', { level: 3 })}
              onPress={() => chain().toggleHeading({ level: 3 }).run()}
            />
            <ToolButton
              label={t('synthesis.bold')}
              icon={Bold}
              testId="format-bold"
              shortcut={shortcutLabel('mod+b')}
              selected={editor.isActive('bold')}
              onPress={() => chain().toggleBold().run()}
            />
            <ToolButton
              label={t('synthesis.italic')}
              icon={Italic}
              testId="format-italic"
              shortcut={shortcutLabel('mod+i')}
              selected={editor.isActive('italic')}
              onPress={() => chain().toggleItalic().run()}
            />
          </Group>
          <Separator orientation="vertical" className="tool-separator" />
          <Group className="tool-group" aria-label={t('synthesis.blocks')}>
            <ToolButton
              label={t('synthesis.bulletList')}
              icon={List}
              testId="format-bullets"
              selected={editor.isActive('bulletList')}
              onPress={() => chain().toggleBulletList().run()}
            />
            <ToolButton
              label={t('synthesis.orderedList')}
              icon={ListOrdered}
              testId="format-numbers"
              selected={editor.isActive('orderedList')}
              onPress={() => chain().toggleOrderedList().run()}
            />
            <ToolButton
              label={t('synthesis.blockquote')}
              icon={TextQuote}
              testId="format-quote"
              selected={editor.isActive('blockquote')}
              onPress={() => chain().toggleBlockquote().run()}
            />
          </Group>
          <Separator orientation="vertical" className="tool-separator" />
          <Group className="tool-group" aria-label={t('synthesis.history')}>
            <ToolButton
              label={t('synthesis.undo')}
              icon={Undo2}
              testId="format-undo"
              shortcut={shortcutLabel('mod+z')}
              onPress={() => chain().undo().run()}
            />
            <ToolButton
              label={t('synthesis.redo')}
              icon={Redo2}
              testId="format-redo"
              shortcut={shortcutLabel('mod+shift+z')}
              onPress={() => chain().redo().run()}
            />
          </Group>
          <Separator orientation="vertical" className="tool-separator" />
          <ToolButton
            label={t('synthesis.quoteAction')}
            icon={Quote}
            testId="toolbar-quote"
            showLabel
            onPress={onQuote}
          />
        </>
      ) : null}
      <MenuTrigger isOpen={exportOpen} onOpenChange={setExportOpen}>
        <ToolButton label={t('synthesis.export')} icon={Download} testId="toolbar-export" showLabel />
        <Popover className="menu-popover" placement="bottom end">
          <Menu
            className="menu"
            aria-label={t('synthesis.export')}
            data-testid="synthesis-export"
            onAction={(key) => onExport(key as ExportFormat)}
          >
            <MenuItem id="md" className="menu-item" data-testid="export-md" textValue={t('synthesis.exportMarkdown')}>
              <FileText className="icon" aria-hidden="true" />
              {t('synthesis.exportMarkdown')}
            </MenuItem>
            <MenuItem id="docx" className="menu-item" data-testid="export-docx" textValue={t('synthesis.exportDocx')}>
              <FileType className="icon" aria-hidden="true" />
              {t('synthesis.exportDocx')}
            </MenuItem>
            <MenuItem id="pdf" className="menu-item" data-testid="export-pdf" textValue={t('synthesis.exportPdf')}>
              <Printer className="icon" aria-hidden="true" />
              {t('synthesis.exportPdf')}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      {children ? <div className="tool-status">{children}</div> : null}
    </Toolbar>
  );
}
