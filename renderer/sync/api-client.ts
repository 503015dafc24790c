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
import type { Mutation } from '../../shared/protocol/mutations.js';
import { pushResponseSchema, type PushResponse } from '../../shared/protocol/push.js';
import { SyncError } from './errors.js';

export { SyncError } from './errors.js';

/** Where a page ends, read before the page is validated: only a hint (the validated page is what counts). */
export interface PageCheckpoint {
  checkpoint: number;
  hasMore: boolean;
}

function peekCheckpoint(json: unknown, since: number): PageCheckpoint | null {
  if (typeof json !== 'object' || json === null) return null;
  const { checkpoint, hasMore } = json as Record<string, unknown>;
  if (typeof checkpoint !== 'number' || !Number.isSafeInteger(checkpoint) || checkpoint < since) return null;
  if (typeof hasMore !== 'boolean') return null;
  return { checkpoint, hasMore };
}

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
  /** A page of the device's log, or with `catchUp` of one event's older records (issue 18). */
  pull(
    since: number,
    limit?: number,
    signal?: AbortSignal,
    catchUp?: { eventId: string; until: number },
    /** Told the page's checkpoint as soon as its JSON is parsed, before it is validated (to ask the next one). */
    onCheckpoint?: (next: PageCheckpoint) => void,
  ): Promise<PullPage>;
  /** Tells the server this device signed out of an event (404 when it is not in it any more: done too). */
  leaveEvent(eventId: string, signal?: AbortSignal): Promise<void>;
  /** Adds the event of an invitation code to this device; its id. */
  joinEvent(code: string, signal?: AbortSignal): Promise<string>;
  /** Sends outbox mutations; one result per mutation, in order (shared/protocol/push.ts). */
  push(mutations: Mutation[], signal?: AbortSignal): Promise<PushResponse>;
  /** Raw authenticated request (used by the live channel). */
  request(path: string, signal?: AbortSignal, init?: { method: 'POST'; body: string }): Promise<Response>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request(
    path: string,
    signal?: AbortSignal,
    init?: { method: 'POST'; body: string },
  ): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method: init?.method ?? 'GET',
        body: init?.body,
        headers: {
          Authorization: `Bearer ${options.token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(init ? { 'content-type': 'application/json' } : {}),
        },
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

  async function getJson(
    path: string,
    signal?: AbortSignal,
    init?: { method: 'POST'; body: string },
  ): Promise<unknown> {
    const res = await request(path, signal, init);
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
    async push(mutations, signal) {
      const body = JSON.stringify({ mutations });
      const parsed = pushResponseSchema.safeParse(await getJson('/api/push', signal, { method: 'POST', body }));
      if (!parsed.success) throw new SyncError('malformed-page', parsed.error.message);
      const results = parsed.data.results;
      if (results.length !== mutations.length || results.some((r, i) => r.mutationId !== mutations[i]!.id)) {
        throw new SyncError('malformed-page', 'push results do not match the mutations sent');
      }
      return parsed.data;
    },
    async leaveEvent(eventId, signal) {
      try {
        await getJson('/api/auth/leave-event', signal, { method: 'POST', body: JSON.stringify({ eventId }) });
      } catch (error) {
        if (!(error instanceof SyncError && error.code === 'not-found')) throw error;
      }
    },
    async joinEvent(code, signal) {
      const answer = (await getJson('/api/auth/join-event', signal, {
        method: 'POST',
        body: JSON.stringify({ code }),
      })) as { eventId?: unknown };
      if (typeof answer?.eventId !== 'string') throw new SyncError('malformed-page', 'join-event answered no event');
      return answer.eventId;
    },
    async pull(since, limit, signal, catchUp, onCheckpoint) {
      const q =
        `since=${since}` +
        (limit ? `&limit=${limit}` : '') +
        (catchUp ? `&event=${encodeURIComponent(catchUp.eventId)}&until=${catchUp.until}` : '');
      const json = await getJson(`/api/changes?${q}`, signal);
      const next = peekCheckpoint(json, since);
      if (next) onCheckpoint?.(next);
      const parsed = pullPageSchema.safeParse(json);
      if (!parsed.success) throw new SyncError('malformed-page', parsed.error.message);
      if (parsed.data.since !== since) throw new SyncError('malformed-page', 'page since does not match request');
      return parsed.data;
    },
  };
}
