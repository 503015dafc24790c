import type { Page } from 'playwright-core';

export const LIST_SIZE = 10_000;
const QUESTION_ID = 'bench-list-q';
export const DRAG_STEPS = 60;
const rowId = (i: number) => `bench-list-${String(i).padStart(5, '0')}`;

/**
 * Makes a question holding LIST_SIZE published contributions in the app's
 * IndexedDB, straight in its tables (as a pull would write them, behind
 * Dexie's back: the page must reload before it reads them). The corpus has
 * eight questions, so no real one holds that many. Each list row is a copy
 * of a synced contribution's, with its own id and date; their texts are not
 * needed by the list.
 */
export async function seedLongList(page: Page): Promise<void> {
  await page.evaluate(
    async ({ questionId, size }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('seminar-desk');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const first = <T>(store: string) =>
        new Promise<T>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).openCursor();
          request.onsuccess = () => resolve(request.result?.value as T);
          request.onerror = () => reject(request.error);
        });
      const question = await first<Record<string, unknown>>('questions');
      const row = await first<Record<string, unknown>>('contributions');
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['questions', 'contributions'], 'readwrite');
        tx.objectStore('questions').put({ ...question, id: questionId, code: 'L.10k', order: 999 });
        const start = Date.parse('2017-01-01T00:00:00Z');
        for (let i = 0; i < size; i++) {
          tx.objectStore('contributions').put({
            ...row,
            id: `bench-list-${String(i).padStart(5, '0')}`,
            questionId,
            status: 'published',
            createdAt: new Date(start + i * 60_000).toISOString(),
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { questionId: QUESTION_ID, size: LIST_SIZE },
  );
}

/**
 * Runs in the page: opens the long question and waits until its list shows
 * its first contribution and has sized itself for all of them, then forces
 * layout. Milliseconds since the navigation.
 */
async function probeOpen(probe: { hash: string; firstId: string; size: number; timeoutMs: number }): Promise<number> {
  const ready = () => {
    const list = document.querySelector<HTMLElement>('[data-testid="contribution-list"] ul');
    return (
      !!document.querySelector(`[data-contribution-id="${probe.firstId}"]`) &&
      // The virtualizer's estimate is 112 px a row: the list is sized for all of them.
      !!list &&
      parseFloat(list.style.blockSize) >= probe.size * 50
    );
  };
  const t0 = performance.now();
  location.hash = probe.hash;
  await new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the list of ${probe.size} was not shown within ${probe.timeoutMs} ms`));
    }, probe.timeoutMs);
  });
  void document.body.offsetHeight;
  return performance.now() - t0;
}

/**
 * Runs in the page, on the open list. `end`: the scrollbar taken to the
 * bottom at once (and kept there while rows are measured), until the last
 * contribution is in view and laid out: milliseconds. `drag`: the scrollbar
 * dragged from top to bottom, one position per animation frame, then to the
 * bottom until the last is in view: each frame's duration, and the total.
 */
async function probeScroll(probe: {
  mode: 'end' | 'drag';
  lastId: string;
  steps: number;
  timeoutMs: number;
}): Promise<{ total: number; frames: number[] }> {
  const scroller = document.querySelector<HTMLElement>('[data-testid="contribution-list"]');
  if (!scroller) throw new Error('no contribution list');
  scroller.scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const lastShown = () => {
    const last = document.querySelector(`[data-contribution-id="${probe.lastId}"]`);
    if (!last) return false;
    const box = last.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return box.bottom <= view.bottom + 1 && box.top >= view.top - 1;
  };
  const t0 = performance.now();
  let previous = t0;
  const frames: number[] = [];
  const tick = async () => {
    const at = await frame();
    frames.push(at - previous);
    previous = at;
    if (at - t0 > probe.timeoutMs) throw new Error(`the list was not scrolled to its end within ${probe.timeoutMs} ms`);
  };
  if (probe.mode === 'drag') {
    for (let step = 1; step <= probe.steps; step++) {
      scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * step) / probe.steps;
      await tick();
    }
  }
  for (;;) {
    scroller.scrollTop = scroller.scrollHeight;
    void scroller.offsetHeight;
    if (lastShown()) break;
    await tick();
  }
  return { total: performance.now() - t0, frames };
}

export interface ListTimes {
  open: number[];
  end: number[];
  /** Frame durations of every drag. */
  frames: number[];
  dragTotal: number[];
}

/** Opens the long list `times` times (from the question index), scrolling it to its end each time both ways. */
export async function timeLongList(page: Page, times: number): Promise<ListTimes> {
  const result: ListTimes = { open: [], end: [], frames: [], dragTotal: [] };
  for (let i = 0; i < times; i++) {
    await page.evaluate(() => (location.hash = '#/questions'));
    await page.getByTestId('question-screen').waitFor({ state: 'detached', timeout: 30_000 });
    result.open.push(
      await page.evaluate(probeOpen, {
        hash: `#/questions/${QUESTION_ID}`,
        firstId: rowId(0),
        size: LIST_SIZE,
        timeoutMs: 30_000,
      }),
    );
    const scroll = { lastId: rowId(LIST_SIZE - 1), steps: DRAG_STEPS, timeoutMs: 20_000 };
    result.end.push((await page.evaluate(probeScroll, { ...scroll, mode: 'end' as const })).total);
    const drag = await page.evaluate(probeScroll, { ...scroll, mode: 'drag' as const });
    result.frames.push(...drag.frames);
    result.dragTotal.push(drag.total);
  }
  return result;
}
