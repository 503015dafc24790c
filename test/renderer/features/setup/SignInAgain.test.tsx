import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PARTICIPANT_ID, type ParticipantId } from '../../../../shared/model/entities.js';
import type { StartSync, SyncStatus } from '../../../../renderer/app/sync-types.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { changeLanguage } from '../../../../renderer/i18n/index.js';
import { addUnsentChange, CONNECTED, freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const SERVER = 'http://127.0.0.1:4317';
const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };
const OTHER = { id: 'someone-else', name: 'Omar', roles: ['expert'], language: 'ar' };
const DEMO = { id: DEMO_PARTICIPANT_ID, name: 'Demo expert', roles: ['expert' as const], language: 'en' as const };
const CODE = 'ab12-cd34-ef56-gh78-jk9m-np0q-rstv-wxyz';

afterEach(() => vi.unstubAllGlobals());

function fakeSync() {
  let listener: ((status: SyncStatus) => void) | undefined;
  const calls: { baseUrl: string; token: string }[] = [];
  const start: StartSync = (options) => {
    calls.push(options);
    return {
      subscribe(callback) {
        listener = callback;
        callback({ phase: 'pulling', received: 0, remaining: 0 });
        return () => (listener = undefined);
      },
      pullNow() {},
      stop() {},
    };
  };
  return { start, calls, emit: (status: SyncStatus) => act(() => listener?.(status)) };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A seminar server that hands out a token of `participant` for the demo button and for any invitation code. */
function fakeServer(participant: unknown) {
  const fetchSpy = vi.fn(async (url: string) =>
    url.endsWith('/api/health')
      ? json({ ok: true, protocol: 2, version: '0.1.0', demo: true })
      : json({ token: 'new-device-token-0123456789', participant }),
  );
  vi.stubGlobal('fetch', fetchSpy);
  return fetchSpy;
}

/** A device with the seminar on it, my identity (or the demo participant's), and one change not yet sent. */
async function deviceWithData(holder: typeof ME | typeof DEMO = ME): Promise<SeminarDb> {
  const db = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: holder });
  await addUnsentChange(db);
  return db;
}

describe('a revoked device', () => {
  it('says its access was revoked, that unsent changes are kept, and stops offering a retry', async () => {
    const db = await deviceWithData();
    const sync = fakeSync();
    await renderApp(db, { hash: '#/agenda', startSync: sync.start });
    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'token-revoked' });

    const banner = await screen.findByTestId('sign-in-again');
    expect(banner.getAttribute('data-reason')).toBe('token-revoked');
    expect(within(banner).getByRole('heading').textContent).toBe('This device’s access was revoked');
    expect(within(banner).getByRole('alert').textContent).toMatch(/revoked by the secretariat/);
    expect(banner.textContent).toContain('Your unsent changes are kept on this device');
    expect(within(banner).getByTestId('sign-in-sign-out').getAttribute('href')).toBe('#/settings');
    const status = screen.getByTestId('sync-status');
    expect(status.textContent).toMatch(/^Error: This device’s access was revoked\./);
    expect(screen.queryByTestId('sync-now')).toBeNull();
    // Still reading from the device, and nothing was dropped.
    expect(await screen.findByTestId('agenda')).toBeTruthy();
    expect(await db.outbox.count()).toBe(1);
  });

  it('tells a revoked token apart from one the server does not know', async () => {
    const sync = fakeSync();
    await renderApp(await deviceWithData(), { startSync: sync.start });
    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'unauthorized' });
    const banner = await screen.findByTestId('sign-in-again');
    expect(banner.getAttribute('data-reason')).toBe('unauthorized');
    expect(banner.textContent).toMatch(/no longer accepts this device’s access/);
    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'server-error' });
    await waitFor(() => expect(screen.queryByTestId('sign-in-again')).toBeNull());
    expect(screen.getByTestId('sync-now')).toBeTruthy();
  });

  it('signs in again with a new invitation code, as the same participant, and syncs with the new token', async () => {
    const fetchSpy = fakeServer(ME);
    const sync = fakeSync();
    const { bridge } = await renderApp(await deviceWithData(), { startSync: sync.start });
    sync.emit({ phase: 'error', received: 0, remaining: 0, errorCode: 'token-revoked' });
    fireEvent.click(await screen.findByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      'Enter the invitation code you received from the secretariat.',
    );
    expect(fetchSpy).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('sign-in-code'), { target: { value: CODE } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() =>
      expect(sync.calls.at(-1)).toEqual({ baseUrl: CONNECTED.serverUrl, token: 'new-device-token-0123456789' }),
    );
    expect(await bridge.getSettings()).toMatchObject({ token: 'new-device-token-0123456789' });
    expect(fetchSpy.mock.calls.map(([url]) => new URL(url).pathname)).toEqual(['/api/health', '/api/auth/redeem']);
    await waitFor(() => expect(screen.queryByTestId('sign-in-again')).toBeNull());
  });
});

describe('a new session without a token', () => {
  it('opens on the data of the device, offline, and says to sign in again; nothing syncs meanwhile', async () => {
    const db = await deviceWithData();
    const sync = fakeSync();
    await renderApp(db, { hash: '#/agenda', settings: { serverUrl: SERVER, token: null }, startSync: sync.start });
    expect(await screen.findByTestId('agenda')).toBeTruthy();
    expect((await screen.findAllByTestId('agenda-day')).length).toBeGreaterThan(0);
    expect(screen.getByTestId('sign-in-again').getAttribute('data-reason')).toBe('session');
    expect(screen.getByRole('heading', { name: 'Sign in again for this session' })).toBeTruthy();
    const status = screen.getByTestId('sync-status');
    expect(status.getAttribute('data-phase')).toBe('signed-out');
    expect(status.textContent).toMatch(/^Not signed in/);
    expect(await within(status).findByTestId('unsent-count')).toBeTruthy();
    expect(sync.calls).toEqual([]);
    // Only where the first-run screen offered it: this server is not the page's own.
    expect(screen.queryByTestId('sign-in-demo')).toBeNull();
  });

  it('signs in with the demo server’s button, like the first run, and starts syncing', async () => {
    const fetchSpy = fakeServer(DEMO);
    const sync = fakeSync();
    const { bridge } = await renderApp(await deviceWithData(DEMO), {
      settings: { serverUrl: SERVER, token: null },
      info: { localServerUrl: SERVER },
      startSync: sync.start,
    });
    fireEvent.click(await screen.findByTestId('sign-in-demo'));
    await waitFor(() => expect(sync.calls).toEqual([{ baseUrl: SERVER, token: 'new-device-token-0123456789' }]));
    expect(fetchSpy).toHaveBeenCalledWith(`${SERVER}/api/demo/session`, { method: 'POST' });
    expect(await bridge.getSettings()).toMatchObject({ serverUrl: SERVER, token: 'new-device-token-0123456789' });
    await waitFor(() => expect(screen.queryByTestId('sign-in-again')).toBeNull());
  });

  it('refuses a token of another participant than the one whose data is here, and keeps everything', async () => {
    fakeServer(OTHER);
    const db = await deviceWithData();
    const sync = fakeSync();
    const { bridge } = await renderApp(db, {
      settings: { serverUrl: SERVER, token: null },
      info: { localServerUrl: SERVER },
      startSync: sync.start,
    });
    fireEvent.change(await screen.findByTestId('sign-in-code'), { target: { value: CODE } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(
      /belongs to another participant.*sign out of this device first/,
    );
    await waitFor(() => expect(screen.getByTestId('sign-in-submit').hasAttribute('disabled')).toBe(false));
    expect(await bridge.getSettings()).toMatchObject({ serverUrl: SERVER, token: null });
    expect(sync.calls).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get('me'))?.value).toEqual(ME);
  });

  it('does not offer the demo server to a device signed in with an invitation, which it would refuse', async () => {
    fakeServer(DEMO);
    const sync = fakeSync();
    await renderApp(await deviceWithData(ME), {
      settings: { serverUrl: SERVER, token: null },
      info: { localServerUrl: SERVER },
      startSync: sync.start,
    });
    await screen.findByTestId('sign-in-code');
    // The banner settles once it has read whose data is here: still no demo button then.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('sign-in-demo')).toBeNull();
    expect(screen.getByTestId('sign-in-submit')).toBeTruthy();
  });

  it('checks a pasted token with the server before taking it', async () => {
    const fetchSpy = vi.fn(async (url: string) =>
      url.endsWith('/api/health')
        ? json({ ok: true, protocol: 2, version: '0.1.0', demo: false })
        : json({ participant: OTHER }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    await renderApp(await deviceWithData(), { settings: { serverUrl: SERVER, token: null } });
    fireEvent.change(await screen.findByTestId('sign-in-code'), { target: { value: 'pasted-token-0123456789' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(/belongs to another participant/);
    const me = fetchSpy.mock.calls.find(([url]) => url.endsWith('/api/me')) as unknown as [string, RequestInit];
    expect(me[1].headers).toEqual({ authorization: 'Bearer pasted-token-0123456789' });
  });

  it('speaks the user’s language, right to left in Arabic', async () => {
    await renderApp(await deviceWithData(), { settings: { serverUrl: SERVER, token: null } });
    await act(() => changeLanguage('ar'));
    expect(await screen.findByRole('heading', { name: 'سجّل الدخول مجددًا لهذه الجلسة' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
  });
});
