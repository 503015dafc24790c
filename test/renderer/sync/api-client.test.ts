import { describe, expect, it } from 'vitest';
import { createApiClient, SyncError, type ApiClient } from '../../../renderer/sync/api-client.js';

/** A response whose body starts arriving and then breaks, as when the server dies mid-page. */
function cutOffResponse(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"protocol":1,"changes":[{"seq":1,'));
      controller.error(new TypeError('Failed to fetch'));
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } });
}

const client = (response: () => Response) =>
  createApiClient({ baseUrl: 'http://127.0.0.1:9', token: 't'.repeat(20), fetch: async () => response() });

describe('api client', () => {
  it('reports a body cut off mid-way as a network failure, so the pull retries', async () => {
    const error = await client(cutOffResponse)
      .pull(0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('network');
  });

  it('reports a complete body that is not JSON as a malformed page', async () => {
    const error = await client(() => new Response('{"protocol":1,', { status: 200 }))
      .pull(0)
      .catch((e: unknown) => e);
    expect((error as SyncError).code).toBe('malformed-page');
  });

  it('keeps a revoked token apart from an unknown one: each refusal arrives with its own code', async () => {
    const refused = (code: string) => () =>
      new Response(JSON.stringify({ error: { code, message: code } }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    for (const code of ['token-revoked', 'unauthorized']) {
      for (const call of [(c: ApiClient) => c.pull(0), (c: ApiClient) => c.push([]), (c: ApiClient) => c.me()]) {
        const error = await call(client(refused(code))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SyncError);
        expect(error).toMatchObject({ code, status: 401 });
      }
    }
  });
});
