import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const NO_SETTINGS = { serverUrl: null, token: null };

afterEach(() => vi.unstubAllGlobals());

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('FirstRun', () => {
  it('rejects a server URL that is not http(s) and a missing token, without calling the network', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    await renderApp(freshDb(), { settings: NO_SETTINGS });
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'ftp://example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Enter a full address starting with http:// or https://')).toBeTruthy();
    expect(screen.getByText('Enter the access token you received from the secretariat.')).toBeTruthy();
    expect(screen.getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says clearly when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await renderApp(freshDb(), { settings: NO_SETTINGS });
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'http://127.0.0.1:9/' } });
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: 'secret-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByTestId('setup-error')).textContent).toMatch(/could not be reached/);
  });

  it('connects with the local demo server and saves the settings', async () => {
    const fetchSpy = vi.fn(async (url: string) =>
      url.endsWith('/api/health')
        ? json({ ok: true, protocol: 1, version: '0.1.0', demo: true })
        : json({
            token: 'demo-token-0123456789abcdef',
            participant: { id: 'demo', name: 'Demo', roles: ['expert'], language: 'en' },
          }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    const { bridge } = await renderApp(freshDb(), {
      settings: NO_SETTINGS,
      info: { localServerUrl: 'http://127.0.0.1:4317' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use the local demo server' }));
    await waitFor(async () =>
      expect(await bridge.getSettings()).toMatchObject({
        serverUrl: 'http://127.0.0.1:4317',
        token: 'demo-token-0123456789abcdef',
      }),
    );
    expect(fetchSpy).toHaveBeenCalledWith('http://127.0.0.1:4317/api/demo/session', { method: 'POST' });
    expect(await screen.findByRole('navigation')).toBeTruthy();
  });
});
