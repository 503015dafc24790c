import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ParticipantId } from '../../../../shared/model/entities.js';
import { runCommand } from '../../../../renderer/app/commands.js';
import { selectTextRange } from '../../../../renderer/features/annotate/selection-offsets.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };

/** The reader on c-1 (English shown, a machine translation of French), with "First paragraph" selected. */
async function readerWithSelection() {
  const db = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  const app = await renderApp(db, { hash: '#/contributions/c-1' });
  await screen.findByTestId('notes-panel');
  const body = screen.getByTestId('text-body');
  const range = selectTextRange(body, { start: 0, end: 15 })!;
  window.getSelection()!.removeAllRanges();
  window.getSelection()!.addRange(range);
  fireEvent.keyUp(body, { key: 'ArrowRight', shiftKey: true });
  return app;
}

describe('the context menu on selected text, in the reader', () => {
  it('Highlight and Add note open the editor on the selected passage', async () => {
    await readerWithSelection();
    expect(screen.queryByTestId('annotation-editor')).toBeNull();
    act(() => void runCommand('add-note'));
    const editor = await screen.findByTestId('annotation-editor');
    expect(editor.querySelector('blockquote')?.textContent).toBe('First paragraph');
  });

  it('Copy with citation puts the passage and its source on the clipboard', async () => {
    const { bridge } = await readerWithSelection();
    const copied = vi.spyOn(bridge, 'writeClipboard');
    act(() => void runCommand('copy-with-citation'));
    expect(copied).toHaveBeenCalledTimes(1);
    const [text] = copied.mock.calls[0]!;
    expect(text.split('\n')[0]).toBe('“First paragraph”');
    for (const part of ['Claire Dupont', 'c-1', 'English']) expect(text).toContain(part);
  });
});
