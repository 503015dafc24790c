import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuestionId } from '../../../../shared/model/entities.js';
import type { MaterialId } from '../../../../shared/model/material.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

/**
 * pdf.js cannot draw in jsdom: a one-page document stands in for it, and the
 * file's bytes and the stored text are what each case makes fail.
 */
const pdf = vi.hoisted(() => ({ open: (): Promise<unknown> => Promise.reject(new Error('unset')) }));
const stored = vi.hoisted(() => ({ save: (): Promise<void> => Promise.resolve() }));

vi.mock('../../../../renderer/materials/pdfjs.js', () => ({
  getDocument: () => ({ promise: pdf.open() }),
  TextLayer: class {
    constructor(private readonly options: { container: HTMLElement }) {}
    render() {
      this.options.container.textContent = 'States owe due diligence.';
      return Promise.resolve();
    }
  },
}));
vi.mock('../../../../renderer/materials/download-material.js', async (original) => ({
  ...(await original<object>()),
  // jsdom's Blob has no arrayBuffer(): what the reader uses of one.
  readMaterialFile: () =>
    Promise.resolve({ arrayBuffer: () => Promise.resolve(new Uint8Array([37, 80, 68, 70]).buffer) }),
}));
vi.mock('../../../../renderer/materials/material-text.js', async (original) => ({
  ...(await original<object>()),
  saveMaterialText: () => stored.save(),
}));

const onePage = {
  numPages: 1,
  getPage: () =>
    Promise.resolve({
      getViewport: ({ scale }: { scale: number }) => ({ width: 600 * scale, height: 800 * scale, scale }),
      render: () => ({ promise: Promise.resolve() }),
      streamTextContent: () => new ReadableStream(),
    }),
};

const SHA = 'd'.repeat(64);

async function withPdf(): Promise<SeminarDb> {
  const db = freshDb();
  await seed(db);
  await db.materials.put({
    id: 'm-pdf' as MaterialId,
    owner: { kind: 'question', id: 'legal-I-i' as QuestionId },
    ownerId: 'legal-I-i',
    title: { en: 'Study' },
    description: { en: 'A study' },
    mediaType: 'application/pdf',
    size: 4,
    sha256: SHA,
    createdAt: '2026-12-01T10:00:00.000Z',
    version: 1,
    deleted: false,
  });
  await db.materialFiles.put({
    id: 'm-pdf' as MaterialId,
    sha256: SHA,
    size: 4,
    received: 4,
    status: 'done',
    keep: true,
    updatedAt: '2026-12-01T10:00:00.000Z',
  });
  return db;
}

async function openReader(db: SeminarDb) {
  await renderApp(db, { hash: '#/questions/legal-I-i' });
  fireEvent.click(await screen.findByTestId('read-m-pdf', {}, { timeout: 15_000 }));
  return screen.findByTestId('pdf-reader');
}

describe('the PDF reader when something fails', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('says the file could not be opened when pdf.js refuses it', async () => {
    pdf.open = () => Promise.reject(new Error('Invalid PDF structure'));
    const reader = await openReader(await withPdf());
    await waitFor(() => expect(reader.dataset.state).toBe('failed'));
    expect(screen.getByRole('alert').textContent).toBe('This file could not be opened.');
  });

  it('keeps the pages shown and says so when the disk is too full to store the text for search', async () => {
    pdf.open = () => Promise.resolve(onePage);
    stored.save = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const reader = await openReader(await withPdf());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/storage of this device is full/));
    expect(reader.dataset.state).toBe('ready');
    expect(reader.dataset.text).toBe('ready');
    expect(reader.querySelectorAll('.pdf-page')).toHaveLength(1);
  });
});
