/**
 * The PDF reader draws a document once per file. Its row comes from a live
 * query, a new object each time any material's download moves on; drawing
 * must not start over on each of those, or a download running beside it keeps
 * the reader from ever showing a page (seen in the offline e2e test on a slow machine).
 * pdf.js is replaced here by a stand-in that counts documents opened: jsdom has no canvas.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { QuestionId } from '../../../../shared/model/entities.js';
import type { MaterialId } from '../../../../shared/model/material.js';
import { AppContext, type AppContextValue } from '../../../../renderer/app/AppContext.js';
import type { MaterialRow } from '../../../../renderer/db/database.js';

const opened = { count: 0 };
// jsdom's Blob has no arrayBuffer(); the reader hands pdf.js the file's bytes through it.
Blob.prototype.arrayBuffer ??= function (this: Blob) {
  return new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(this);
  });
};
vi.doMock('pdfjs-dist/build/pdf.worker.min.mjs?url', () => ({ default: '/pdf.worker.js' }));
vi.doMock('pdfjs-dist', () => ({
  GlobalWorkerOptions: {},
  getDocument: () => {
    opened.count += 1;
    const page = {
      getViewport: () => ({ scale: 1.25, width: 100, height: 140 }),
      render: () => ({ promise: Promise.resolve() }),
      streamTextContent: () => null,
    };
    return { promise: Promise.resolve({ numPages: 1, getPage: async () => page }) };
  },
  TextLayer: class {
    render = () => Promise.resolve();
  },
}));

const row = (): MaterialRow => ({
  id: 'm-study' as MaterialId,
  owner: { kind: 'question', id: 'legal-I-i' as QuestionId },
  ownerId: 'legal-I-i',
  title: { en: 'Preparatory study' },
  description: {},
  mediaType: 'application/pdf',
  size: 10,
  sha256: 'c'.repeat(64),
  createdAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  deleted: false,
});

describe('the PDF reader', () => {
  it('opens the document once while its row is re-read, and again when the file changes', async () => {
    const { PdfReader } = await import('../../../../renderer/features/materials/PdfReader.js');
    const reads: string[] = [];
    const bridge = {
      materialChunkRead: async (sha: string) => {
        reads.push(sha);
        return new Uint8Array(10);
      },
    };
    const app = { bridge } as unknown as AppContextValue;
    const view = (material: MaterialRow) => (
      <AppContext.Provider value={app}>
        <PdfReader material={material} />
      </AppContext.Provider>
    );
    const { rerender } = render(view(row()));
    await waitFor(() => expect(screen.getByTestId('pdf-reader').dataset.state).toBe('ready'));
    // The live query answers again and again with equal rows (another download's progress).
    for (let i = 0; i < 5; i++) rerender(view(row()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened.count).toBe(1);
    expect(screen.getByTestId('pdf-reader').dataset.state).toBe('ready');
    // A new version of the file is drawn anew.
    rerender(view({ ...row(), sha256: 'd'.repeat(64) }));
    await waitFor(() => expect(opened.count).toBe(2));
    expect(reads).toEqual(['c'.repeat(64), 'd'.repeat(64)]);
  });
});
