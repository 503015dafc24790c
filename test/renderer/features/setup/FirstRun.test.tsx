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
    expect(screen.getByText('Enter the invitation code you received from the secretariat.')).toBeTruthy();
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
    fireEvent.change(screen.getByLabelText('Invitation code (or access token)'), { target: { value: 'secret-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByTestId('setup-error')).textContent).toMatch(/could not be reached/);
  });

  it('exchanges an invitation code for this device’s own token, and never stores the code', async () => {
    const CODE = 'ab12-cd34-ef56-gh78-jk9m-np0q-rstv-wxyz';
    const fetchSpy = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>();
    fetchSpy.mockImplementation(async (url: string) =>
      url.endsWith('/api/health')
        ? json({ ok: true, protocol: 2, version: '0.1.0', demo: false })
        : json({
            token: 'device-token-0123456789abcdef',
            participant: { id: 'amina', name: 'Amina', roles: ['delegate'], language: 'fr' },
          }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    const { bridge } = await renderApp(freshDb(), { settings: NO_SETTINGS });
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'https://seminar.example.org/' } });
    fireEvent.change(screen.getByLabelText('Invitation code (or access token)'), { target: { value: CODE } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(async () =>
      expect(await bridge.getSettings()).toMatchObject({
        serverUrl: 'https://seminar.example.org',
        token: 'device-token-0123456789abcdef',
      }),
    );
    const redeem = fetchSpy.mock.calls.find(([url]) => String(url).endsWith('/api/auth/redeem'));
    expect(JSON.parse(String(redeem![1]!.body))).toMatchObject({ code: CODE });
    expect(JSON.stringify(await bridge.getSettings())).not.toContain(CODE);
  });

  it('connects with the local demo server and saves the settings', async () => {
    const fetchSpy = vi.fn(async (url: string) =>
      url.endsWith('/api/health')
        ? json({ ok: true, protocol: 2, version: '0.1.0', demo: true })
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
