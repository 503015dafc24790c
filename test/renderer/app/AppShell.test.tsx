import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StartSync, SyncStatus } from '../../../renderer/app/sync-types.js';
import { freshDb } from '../fixtures.js';
import { renderApp } from '../render-app.js';

function fakeSync() {
  let listener: ((status: SyncStatus) => void) | undefined;
  const calls: { baseUrl: string; token: string }[] = [];
  const start: StartSync = (options) => {
    calls.push(options);
    return {
      subscribe(callback) {
        listener = callback;
        return () => (listener = undefined);
      },
      pullNow() {},
      stop() {},
    };
  };
  return { start, calls, emit: (status: SyncStatus) => act(() => listener?.(status)) };
}

describe('AppShell', () => {
  it('shows first-sync progress with counts, then up to date, offline and errors in words', async () => {
    const sync = fakeSync();
    await renderApp(freshDb(), { startSync: sync.start });
    expect(sync.calls).toEqual([{ baseUrl: 'http://127.0.0.1:9', token: 'test-token-0123456789' }]);
    const status = screen.getByTestId('sync-status');

    sync.emit({ phase: 'idle', received: 0, remaining: 0 });
    expect(status.getAttribute('data-up-to-date')).toBe('false');

    sync.emit({ phase: 'pulling', received: 1234, remaining: 8766 });
    expect(status.textContent).toBe('1,234 of 10,000 contributions');
    expect(screen.getByTestId('sync-progress').getAttribute('value')).toBe('1234');

    sync.emit({ phase: 'live', received: 10000, remaining: 0 });
    expect(status.textContent).toBe('Up to date');
    sync.emit({ phase: 'live', received: 10000, remaining: 0, lastSyncedAt: '2026-11-24T09:30:00.000Z' });
    expect(screen.getByTestId('last-synced-at').getAttribute('datetime')).toBe('2026-11-24T09:30:00.000Z');
    expect(status.textContent).toMatch(/^Up to dateLast synchronised: /);
    expect(status.getAttribute('data-up-to-date')).toBe('true');

    sync.emit({ phase: 'offline', received: 0, remaining: 0 });
    expect(status.textContent).toMatch(/^Offline/);

    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'unauthorized' });
    expect(status.textContent).toMatch(/Error: The access token is not valid/);
  });

  it('shows a storage banner when the disk is full, and keeps the screen', async () => {
    const sync = fakeSync();
    await renderApp(freshDb(), { startSync: sync.start, hash: '#/agenda' });
    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'quota-exceeded' });
    expect((await screen.findByTestId('storage-banner')).textContent).toMatch(/storage of this device is full/);
    expect(await screen.findByTestId('agenda')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('storage-banner')).toBeNull();
  });

  it('switches the UI language at runtime, remembers it, and sets lang/dir on the document', async () => {
    const { bridge } = await renderApp(freshDb(), { hash: '#/agenda' });
    fireEvent.change(screen.getByTestId('language-picker'), { target: { value: 'ar' } });
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(screen.getByRole('link', { name: 'الأسئلة' })).toBeTruthy();
    await waitFor(async () => expect((await bridge.getSettings()).language).toBe('ar'));
    fireEvent.change(screen.getByTestId('language-picker'), { target: { value: 'de' } });
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(document.documentElement.lang).toBe('de');
  });

  it('shows a storage message instead of a blank app when IndexedDB fails, keeping the header', async () => {
    const db = freshDb();
    // What a corrupt store or a failing disk looks like to a read.
    vi.spyOn(db.themes, 'toArray').mockRejectedValue(Object.assign(new Error('read failed'), { name: 'UnknownError' }));
    await renderApp(db, { hash: '#/questions' });
    expect((await screen.findByTestId('screen-error')).textContent).toMatch(/Saving to this device failed/);
    expect(screen.getByTestId('language-picker')).toBeTruthy();
    expect(await screen.findByTestId('storage-banner')).toBeTruthy();
  });
});
