import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showToast, TOAST_MS, toastQueue, Toasts } from '../../../renderer/ui/Toasts.js';

afterEach(() => {
  act(() => toastQueue.clear());
  vi.useRealTimers();
});

describe('toasts', () => {
  it('stacks several messages in one labelled region, each announced with its own close button', () => {
    render(<Toasts />);
    act(() => {
      showToast({ text: 'Note deleted.' });
      showToast({ text: 'Saved.', tone: 'success' });
      showToast({ text: 'The file could not be saved.', tone: 'error' });
    });
    const region = screen.getByRole('region', { name: 'Notifications' });
    const toasts = within(region).getAllByRole('alertdialog');
    expect(toasts.map((toast) => toast.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Note deleted.'),
        expect.stringContaining('Saved.'),
        expect.stringContaining('could not be saved'),
      ]),
    );
    expect(within(region).getAllByRole('alert')).toHaveLength(3);
    fireEvent.click(within(toasts[0]!).getByRole('button', { name: 'Dismiss' }));
    expect(within(region).getAllByRole('alertdialog')).toHaveLength(2);
  });

  it('runs its action once and goes', async () => {
    render(<Toasts />);
    const undone: string[] = [];
    act(() => void showToast({ text: 'Note deleted.', action: { label: 'Undo', run: () => void undone.push('x') } }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undone).toEqual(['x']);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('goes by itself after a while, but not while focus is in it', () => {
    vi.useFakeTimers();
    render(<Toasts />);
    act(() => void showToast({ text: 'Saved.' }));
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    act(() => vi.advanceTimersByTime(TOAST_MS * 3));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    act(() => (document.activeElement as HTMLElement).blur());
    act(() => vi.advanceTimersByTime(TOAST_MS + 100));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
