import type { Page } from 'playwright-core';

/** Base64 strings long enough to be data (Yjs updates), not words or ids. */
const BASE64 = /^[A-Za-z0-9+/]{16,}={0,2}$/;

function base64Strings(value: unknown): string[] {
  if (typeof value === 'string') return BASE64.test(value) ? [Buffer.from(value, 'base64').toString('utf8')] : [];
  if (Array.isArray(value)) return value.flatMap(base64Strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(base64Strings);
  return [];
}

type WireChange = { kind: string; record?: { id?: string }; synthesisId?: string };

/**
 * Every answer of the server to a page's /api/ requests, kept to check what
 * reached a device on the wire, not only on its screen. `text()` is the raw
 * bodies followed by each base64 string in them decoded: a synthesis's words
 * travel inside Yjs updates in base64, which a plain search would not see.
 */
export function recordWire(page: Page) {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    void response
      .text()
      .then((body) => bodies.push(body))
      .catch(() => undefined); // an event stream open until the page closes
  });
  const parsed = () =>
    bodies.flatMap((body) => {
      try {
        return [JSON.parse(body) as unknown];
      } catch {
        return [];
      }
    });
  return {
    text: () => [...bodies, ...parsed().flatMap(base64Strings)].join('\n'),
    /** The pulled records and CRDT updates of this synthesis. */
    synthesisChanges: (id: string) =>
      parsed()
        .flatMap((answer) => ((answer as { changes?: WireChange[] } | null)?.changes ?? []) as WireChange[])
        .filter(
          (c) =>
            (c.kind === 'synthesis' && c.record?.id === id) || (c.kind === 'synthesis-update' && c.synthesisId === id),
        ),
  };
}
