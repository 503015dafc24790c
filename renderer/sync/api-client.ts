import { isApiError } from '../../shared/protocol/errors.js';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  healthSchema,
  meSchema,
  pullPageSchema,
  type Health,
  type Me,
  type PullPage,
} from '../../shared/protocol/pull.js';
import { SyncError } from './errors.js';

export { SyncError } from './errors.js';

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  health(signal?: AbortSignal): Promise<Health>;
  me(signal?: AbortSignal): Promise<Me>;
  pull(since: number, limit?: number, signal?: AbortSignal): Promise<PullPage>;
  /** Raw authenticated request (used by the live channel). */
  request(path: string, signal?: AbortSignal): Promise<Response>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request(path: string, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(base + path, {
        headers: { Authorization: `Bearer ${options.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw new SyncError('aborted', 'aborted');
      throw new SyncError('network', err instanceof Error ? err.message : String(err));
    }
    if (!res.ok) {
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        /* not JSON */
      }
      if (isApiError(body)) throw new SyncError(body.error.code, body.error.message, res.status);
      throw new SyncError(res.status >= 500 ? 'server-error' : 'bad-request', `HTTP ${res.status}`, res.status);
    }
    return res;
  }

  async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const res = await request(path, signal);
    let body: string;
    try {
      body = await res.text();
    } catch (err) {
      // A body cut off mid-way (the server died, the network dropped) is a network
      // failure to retry, not a malformed page.
      if (signal?.aborted) throw new SyncError('aborted', 'aborted');
      throw new SyncError('network', `response cut off: ${String(err)}`);
    }
    try {
      return JSON.parse(body);
    } catch (err) {
      throw new SyncError('malformed-page', `invalid JSON: ${String(err)}`);
    }
  }

  return {
    baseUrl: base,
    token: options.token,
    request,
    async health(signal) {
      const parsed = healthSchema.safeParse(await getJson('/api/health', signal));
      if (!parsed.success) throw new SyncError('malformed-page', parsed.error.message);
      return parsed.data;
    },
    async me(signal) {
      const parsed = meSchema.safeParse(await getJson('/api/me', signal));
      if (!parsed.success) throw new SyncError('malformed-page', parsed.error.message);
      return parsed.data;
    },
    async pull(since, limit, signal) {
      const q = `since=${since}` + (limit ? `&limit=${limit}` : '');
      const parsed = pullPageSchema.safeParse(await getJson(`/api/changes?${q}`, signal));
      if (!parsed.success) throw new SyncError('malformed-page', parsed.error.message);
      if (parsed.data.since !== since) throw new SyncError('malformed-page', 'page since does not match request');
      return parsed.data;
    },
  };
}
