import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuestionId } from '../../../../shared/model/entities.js';
import type { MaterialId } from '../../../../shared/model/material.js';
import type { MaterialFileRow, SeminarDb } from '../../../../renderer/db/database.js';
import { readBudget } from '../../../../renderer/materials/download-queue.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const SHA = 'c'.repeat(64);

async function withMaterial(file: Partial<MaterialFileRow>): Promise<SeminarDb> {
  const db = freshDb();
  await seed(db);
  await db.materials.put({
    id: 'm-study' as MaterialId,
    owner: { kind: 'question', id: 'legal-I-i' as QuestionId },
    ownerId: 'legal-I-i',
    title: { en: 'Preparatory study', fr: 'Étude préparatoire' },
    description: { en: 'The legal analysis' },
    mediaType: 'application/pdf',
    size: 4_000_000,
    sha256: SHA,
    createdAt: '2026-12-01T10:00:00.000Z',
    version: 1,
    deleted: false,
  });
  await db.materialFiles.put({
    id: 'm-study' as MaterialId,
    sha256: SHA,
    size: 4_000_000,
    received: 0,
    status: 'waiting',
    keep: true,
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...file,
  });
  return db;
}

describe('briefing materials in the app', () => {
  it("shows a question's material with its progress, and the keep-offline switch frees it", async () => {
    const db = await withMaterial({ status: 'downloading', received: 1_000_000 });
    await renderApp(db, { hash: '#/questions/legal-I-i' });
    const item = await screen.findByTestId('material-m-study', {}, { timeout: 15_000 });
    expect(within(item).getByText('Preparatory study')).toBeTruthy();
    expect(within(item).getByText('PDF document · 4 MB')).toBeTruthy();
    expect(within(item).getByText('1 MB of 4 MB')).toBeTruthy();
    const keep = within(item).getByRole('checkbox', { name: 'Keep offline' }) as HTMLInputElement;
    expect(keep.checked).toBe(true);
    fireEvent.click(keep);
    await waitFor(async () =>
      expect(await db.materialFiles.get('m-study' as MaterialId)).toMatchObject({ keep: false, status: 'paused' }),
    );
    expect(await within(item).findByText('Not kept offline')).toBeTruthy();
  });

  it('lists what materials take, says when the disk is full, and saves the budget the user sets', async () => {
    const db = await withMaterial({ status: 'full', received: 2_000_000, error: 'disk-full' });
    await renderApp(db, { hash: '#/settings' });
    const storage = await screen.findByTestId('material-storage', {}, { timeout: 15_000 });
    expect(within(storage).getByRole('alert').textContent).toContain('The disk is full');
    expect(within(storage).getByText('50 %')).toBeTruthy();
    fireEvent.change(within(storage).getByTestId('material-budget'), { target: { value: '500' } });
    fireEvent.click(within(storage).getByRole('button', { name: 'Save budget' }));
    await waitFor(async () => expect(await readBudget(db)).toBe(500_000_000));
  });

  it("signing out removes the materials' files the shell keeps", async () => {
    const db = await withMaterial({ status: 'done', received: 4_000_000 });
    const { bridge } = await renderApp(db, { hash: '#/settings' });
    await bridge.materialChunkPut(SHA, 0, new Uint8Array([1, 2, 3]));
    expect(await bridge.materialChunkCount(SHA)).toBe(1);
    fireEvent.click(await screen.findByTestId('sign-out-button'));
    await waitFor(async () => expect(await bridge.getSettings()).toMatchObject({ token: null }));
    expect(await bridge.materialChunkCount(SHA)).toBe(0);
  });
});
