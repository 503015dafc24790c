import type { Page } from 'playwright-core';

export interface JsHeaps {
  /** The page's main thread (the UI), bytes used after a forced GC. */
  page: number;
  /** Each dedicated worker of the page, by script URL, bytes used after a forced GC. */
  workers: { url: string; bytes: number }[];
}

/**
 * JavaScript heaps of a page and of its workers, through the DevTools
 * protocol: `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`, on
 * the page and on each worker (reached by auto-attaching to them in the
 * non-flat mode, whose messages go through `Target.sendMessageToTarget`, as
 * Playwright's CDP session cannot address a child session).
 */
export async function jsHeaps(page: Page): Promise<JsHeaps> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const used = async (send: (method: string) => Promise<unknown>) => {
      await send('HeapProfiler.collectGarbage');
      await send('HeapProfiler.collectGarbage');
      return ((await send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    const pageBytes = await used((method) => cdp.send(method as 'Runtime.getHeapUsage'));

    const attached: { sessionId: string; url: string }[] = [];
    cdp.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') attached.push({ sessionId: event.sessionId, url: event.targetInfo.url });
    });
    const replies = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (reply.id !== undefined) replies.get(reply.id)?.(reply);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    // Existing workers are announced as events: wait for as many as Playwright knows of.
    for (let waited = 0; attached.length < page.workers().length && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    let nextId = 1;
    const workers: JsHeaps['workers'] = [];
    for (const { sessionId, url } of attached) {
      const send = (method: string) =>
        new Promise<unknown>((resolve, reject) => {
          const id = nextId++;
          replies.set(id, (reply) => (reply.error ? reject(new Error(reply.error.message)) : resolve(reply.result)));
          void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
        });
      workers.push({ url, bytes: await used(send) });
    }
    return { page: pageBytes, workers };
  } finally {
    await cdp.detach();
  }
}
