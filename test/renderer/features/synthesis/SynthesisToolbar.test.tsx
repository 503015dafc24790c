import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SynthesisToolbar } from '../../../../renderer/features/synthesis/SynthesisToolbar.js';
import type { ExportFormat } from '../../../../renderer/features/synthesis/use-synthesis-export.js';

// jsdom has no CSS.escape, which React Aria's collections use (every browser has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

function editorWith(html: string): Editor {
  const editor = new Editor({ element: document.createElement('div'), extensions: [StarterKit], content: html });
  editors.push(editor);
  return editor;
}

const press = (key: string) => {
  const target = document.activeElement!;
  fireEvent.keyDown(target, { key });
  fireEvent.keyUp(target, { key });
};

describe('the synthesis toolbar', () => {
  it('moves between its buttons with the arrow keys, names each for screen readers, and formats the selection', () => {
    const editor = editorWith('<p>Due diligence</p>');
    act(() => void editor.commands.selectAll());
    render(<SynthesisToolbar editor={editor} writer onQuote={() => {}} onExport={() => {}} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Editing and export' });
    act(() => within(toolbar).getByRole('button', { name: 'Heading' }).focus());
    act(() => press('ArrowRight'));
    act(() => press('ArrowRight'));
    const bold = within(toolbar).getByRole('button', { name: 'Bold' });
    expect(document.activeElement).toBe(bold);
    expect(bold.getAttribute('aria-pressed')).toBe('false');
    act(() => press('Enter'));
    expect(editor.getHTML()).toBe('<p><strong>Due diligence</strong></p>');
    expect(bold.getAttribute('aria-pressed')).toBe('true');
    expect(within(toolbar).getByRole('button', { name: 'Quote a note' })).toBeTruthy();
  });

  it('offers the exports as a menu, and to a reader without the right to write only that', async () => {
    const chosen: ExportFormat[] = [];
    render(
      <SynthesisToolbar
        editor={editorWith('<p>Text</p>')}
        writer={false}
        onQuote={() => {}}
        onExport={(format) => chosen.push(format)}
      />,
    );
    const toolbar = screen.getByRole('toolbar');
    expect(within(toolbar).queryByRole('button', { name: 'Bold' })).toBeNull();
    act(() => within(toolbar).getByRole('button', { name: 'Export' }).focus());
    act(() => press('Enter'));
    const menu = await screen.findByRole('menu', { name: 'Export' });
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Word (DOCX)' }));
    expect(chosen).toEqual(['docx']);
  });
});
