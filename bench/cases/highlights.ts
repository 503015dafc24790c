import type { Page } from 'playwright-core';
import { describeSelection, hashText } from '../../shared/anchoring/index.js';

export const HIGHLIGHTS = 200;

/**
 * Puts 200 seminar annotations (false when the text has fewer words than that) of another participant on a contribution's
 * English version straight into the app's IndexedDB (as a pull would), spread
 * over the text without overlapping. Targets are made with the app's own
 * anchoring code, so they anchor on the fast path as real ones do.
 */
export async function seedHighlights(page: Page, contributionId: string): Promise<boolean> {
  const text = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('seminar-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const row = await new Promise<{ versions: { language: string; text: string }[] }>((resolve, reject) => {
      const request = db.transaction('texts').objectStore('texts').get(id);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return row.versions.find((v) => v.language === 'en')!.text;
  }, contributionId);
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // One word in every `step`, with at least one word between two highlights where the text allows.
  if (words.length < HIGHLIGHTS) return false;
  const step = Math.max(1, Math.floor(words.length / HIGHLIGHTS));
  const hash = hashText(text);
  const now = new Date().toISOString();
  const rows = Array.from({ length: HIGHLIGHTS }, (_, i) => {
    const word = words[i * step]!;
    return {
      id: `bench-${i}`,
      authorId: 'someone-else',
      authorName: 'Bench Reader',
      contributionId,
      target: {
        contributionId,
        language: 'en',
        sourceVersion: 1,
        textHash: hash,
        ...describeSelection(text, word.start, word.end),
      },
      note: `Note ${i}`,
      tags: [],
      visibility: 'seminar',
      createdAt: now,
      updatedAt: now,
      version: 1,
      deleted: false,
      pending: 0,
    };
  });
  await page.evaluate(async (annotations) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('seminar-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('annotations', 'readwrite');
      for (const row of annotations) tx.objectStore('annotations').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
  return true;
}

/** Runs in the page: opens the contribution and waits until every highlight is drawn, then forces layout. */
async function probeHighlights(probe: { id: string; count: number; timeoutMs: number }): Promise<number> {
  const drawn = () => {
    const ids = new Set<string>();
    for (const mark of document.querySelectorAll<HTMLElement>('[data-testid="highlight"]')) {
      for (const id of (mark.dataset.annotationId ?? '').split(' ')) if (id) ids.add(id);
    }
    return (
      ids.size >= probe.count && document.querySelectorAll('[data-testid="annotation-card"]').length >= probe.count
    );
  };
  const t0 = performance.now();
  location.hash = `#/contributions/${encodeURIComponent(probe.id)}`;
  await new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!drawn()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      const marks = document.querySelectorAll('[data-testid="highlight"]').length;
      const cards = document.querySelectorAll('[data-testid="annotation-card"]').length;
      const statuses = [...document.querySelectorAll<HTMLElement>('[data-testid="annotation-card"]')]
        .slice(0, 3)
        .map((c) => c.dataset.status + '/' + c.dataset.lang)
        .join(',');
      const lang = document.querySelector<HTMLElement>('[data-testid="text-body"]')?.lang;
      reject(
        new Error(
          `${probe.count} highlights not drawn within ${probe.timeoutMs} ms (${marks} marks, ${cards} notes: ${statuses}; text in ${lang})`,
        ),
      );
    }, probe.timeoutMs);
  });
  void document.body.offsetHeight;
  return performance.now() - t0;
}

export async function timeHighlightedOpen(
  page: Page,
  questionId: string,
  id: string,
  times: number,
): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < times; i++) {
    await page.evaluate((hash) => (location.hash = hash), `#/questions/${encodeURIComponent(questionId)}`);
    await page.getByTestId('contribution-item').first().waitFor({ timeout: 30_000 });
    results.push(await page.evaluate(probeHighlights, { id, count: HIGHLIGHTS, timeoutMs: 20_000 }));
  }
  return results;
}
