import { fireEvent, screen, waitFor } from '@testing-library/react';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { ParticipantId } from '../../../../shared/model/entities.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { addUnsentChange, freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'me-1' as ParticipantId, name: 'Ana Lima', roles: ['expert' as const], language: 'en' as const };

async function open(withUnsent: boolean) {
  const db: SeminarDb = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  if (withUnsent) await addUnsentChange(db);
  const view = await renderApp(db, { hash: '#/settings' });
  return { db, ...view };
}

const exists = (name: string) => Dexie.exists(name);

describe('Sign out', () => {
  it('says what would be lost before wiping, and lets the user stay', async () => {
    const { db } = await open(true);
    fireEvent.click(await screen.findByTestId('sign-out-button'));
    expect((await screen.findByTestId('sign-out-unsent')).textContent).toContain(
      '1 change could not be sent and would be lost.',
    );
    fireEvent.click(screen.getByText('Stay signed in'));
    expect(await screen.findByTestId('sign-out-button')).toBeTruthy();
    expect(await db.outbox.count()).toBe(1);
  });

  it('wipes the seminar from the device once agreed: database, search index, token', async () => {
    const { db, bridge } = await open(true);
    const search = new Dexie('seminar-desk-search');
    search.version(1).stores({ shards: 'id' });
    await search.open();
    search.close();
    expect(await exists('seminar-desk-search')).toBe(true);
    fireEvent.click(await screen.findByTestId('sign-out-button'));
    fireEvent.click(await screen.findByTestId('sign-out-anyway'));
    await waitFor(async () => expect(await bridge.getSettings()).toMatchObject({ token: null, serverUrl: null }));
    expect(await exists(db.name)).toBe(false);
    expect(await exists('seminar-desk-search')).toBe(false);
  });

  it("asks the server to revoke this device's token as it signs out (its event stream ends there too)", async () => {
    const calls: { url: string; auth: string | null }[] = [];
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return new Response('{"signedOut":true}', { status: 200 });
    });
    try {
      const { bridge } = await open(false);
      const { token, serverUrl } = await bridge.getSettings();
      fireEvent.click(await screen.findByTestId('sign-out-button'));
      await waitFor(async () => expect(await bridge.getSettings()).toMatchObject({ token: null }));
      expect(calls).toContainEqual({ url: `${serverUrl}/api/auth/sign-out`, auth: `Bearer ${token}` });
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
