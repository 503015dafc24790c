import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MaterialId } from '../../../../shared/model/material.js';
import type { StartSync } from '../../../../renderer/app/sync-types.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const SHA = 'e'.repeat(64);

describe('signing this device out of one event (issue 18)', () => {
  it('takes the event’s briefing files off the disk at once, offline, and keeps the other event and the corpus', async () => {
    const db = freshDb();
    await seed(db);
    const base = { kind: 'seminar', place: '', status: 'running', visibility: 'closed', roles: ['expert'], version: 1 };
    await db.events.bulkPut([
      {
        ...base,
        id: 'feb',
        title: { en: 'February seminar' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
        questionIds: [],
      },
      {
        ...base,
        id: 'apr',
        title: { en: 'April conference' },
        startsOn: '2017-04-06',
        endsOn: '2017-04-07',
        questionIds: [],
      },
    ] as never[]);
    await db.meta.put({ key: 'currentEvent', value: 'feb' });
    // Caught up with the server: the download queue may run.
    await db.meta.put({
      key: 'sync',
      value: { epoch: 'e', checkpoint: 5, head: 5, lastPulledAt: '2017-02-01T10:00:00.000Z' },
    });
    await db.materials.put({
      id: 'm-feb' as MaterialId,
      owner: { kind: 'event', id: 'feb' },
      ownerId: 'feb',
      title: { en: 'February briefing' },
      description: {},
      mediaType: 'application/pdf',
      size: 3,
      sha256: SHA,
      createdAt: '2017-01-20T10:00:00.000Z',
      version: 1,
      deleted: false,
    });
    await db.materialFiles.put({
      id: 'm-feb' as MaterialId,
      sha256: SHA,
      size: 3,
      received: 3,
      status: 'done',
      keep: true,
      updatedAt: '2017-01-20T10:00:00.000Z',
    });
    const contributions = await db.contributions.count();
    // The device is offline: a sync that never reaches the server.
    const offline: StartSync = () => ({
      subscribe(listener) {
        listener({ phase: 'offline', received: 0, remaining: 0 });
        return () => undefined;
      },
      pullNow: () => undefined,
      stop: () => undefined,
    });
    const { bridge } = await renderApp(db, { hash: '#/settings', startSync: offline });
    await bridge.materialChunkPut(SHA, 0, new Uint8Array([1, 2, 3]));

    fireEvent.click(await screen.findByTestId('leave-event-button', {}, { timeout: 15_000 }));
    fireEvent.click(await screen.findByTestId('leave-event-confirm'));
    await waitFor(async () => expect(await db.materialFiles.count()).toBe(0));
    expect(await bridge.materialChunkCount(SHA)).toBe(0);
    expect(await db.materials.count()).toBe(0);
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(['apr']);
    expect(await db.contributions.count()).toBe(contributions);
    expect(contributions).toBeGreaterThan(0);
  });
});
