import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDocument, GlobalWorkerOptions, TextLayer } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import './pdf-text-layer.css';
import { useApp } from '../../app/AppContext.js';
import type { MaterialRow } from '../../db/database.js';
import { readMaterialFile } from '../../materials/download-material.js';

// The worker is a file of the app itself, so the CSP's default-src 'self' admits it.
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A downloaded PDF material read on the device: each page drawn on a canvas
 * with pdf.js's text layer over it (selectable, findable text). Read from the
 * stored chunks, never from the network.
 */
export function PdfReader({ material }: { material: MaterialRow }) {
  const { t } = useTranslation();
  const { bridge } = useApp();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  // The row comes from a live query: a new object whenever any material's download moves on. Drawing
  // restarts only when the file itself changes, or a download nearby would keep it from ever finishing.
  const { sha256, size, mediaType } = material;

  useEffect(() => {
    let cancelled = false;
    const container = pages.current!;
    void (async () => {
      const file = await readMaterialFile(bridge, { sha256, size }, mediaType);
      const pdf = await getDocument({ data: new Uint8Array(await file.arrayBuffer()) }).promise;
      for (let number = 1; number <= pdf.numPages && !cancelled; number += 1) {
        const page = await pdf.getPage(number);
        const viewport = page.getViewport({ scale: 1.25 });
        const wrapper = document.createElement('div');
        wrapper.className = 'pdf-page';
        wrapper.dataset.page = String(number);
        wrapper.style.setProperty('--scale-factor', String(viewport.scale));
        wrapper.style.inlineSize = `${viewport.width}px`;
        wrapper.style.blockSize = `${viewport.height}px`;
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        const text = document.createElement('div');
        text.className = 'textLayer';
        wrapper.append(canvas, text);
        container.append(wrapper);
        await page.render({ canvas, viewport }).promise;
        await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
        if (number === 1 && !cancelled) setState('ready');
      }
    })().catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      container.replaceChildren();
    };
  }, [bridge, sha256, size, mediaType]);

  return (
    <div className="pdf-reader" data-testid="pdf-reader" data-state={state}>
      {state === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state === 'failed' ? <p role="alert">{t('materials.readFailed')}</p> : null}
      <div ref={pages} className="pdf-pages" dir="ltr" />
    </div>
  );
}
