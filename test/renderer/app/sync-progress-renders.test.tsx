import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StartSync, SyncStatus } from '../../../renderer/app/sync-types.js';
import { freshDb } from '../fixtures.js';
import { renderApp } from '../render-app.js';
import type * as SidebarModule from '../../../renderer/app/Sidebar.js';

const renders = vi.hoisted(() => ({ sidebar: 0 }));
vi.mock('../../../renderer/app/Sidebar.js', async (importOriginal) => {
  const original = await importOriginal<typeof SidebarModule>();
  return {
    ...original,
    Sidebar(props: Parameters<typeof original.Sidebar>[0]) {
      renders.sidebar++;
      return original.Sidebar(props);
    },
  };
});

describe('a first sync’s progress (issue 19)', () => {
  it('renders the status again after each page, not the screens', async () => {
    let listener: ((status: SyncStatus) => void) | undefined;
    const start: StartSync = () => ({
      subscribe(callback) {
        listener = callback;
        return () => (listener = undefined);
      },
      pullNow() {},
      stop() {},
    });
    await renderApp(freshDb(), { startSync: start, hash: '#/agenda' });
    const emit = (status: SyncStatus) => act(() => listener?.(status));
    emit({ phase: 'pulling', received: 0, remaining: 3000 });
    await screen.findByTestId('agenda');
    const before = renders.sidebar;
    for (let received = 500; received < 3000; received += 500) {
      emit({ phase: 'pulling', received, remaining: 3000 - received });
      expect(screen.getByTestId('sync-progress').getAttribute('value')).toBe(String(received));
    }
    expect(renders.sidebar).toBe(before);
    emit({ phase: 'live', received: 3000, remaining: 0 });
    expect(screen.getByTestId('sync-status').getAttribute('data-up-to-date')).toBe('true');
  });
});
