import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import { currentHead, type Database } from '../db/database.js';
import { securityHeaderSet } from '../security/headers.js';
import { readStreamHeads } from './stream-heads.js';

/**
 * The live channel (GET /api/events): tells each open stream that changes
 * exist up to a head; the client then pulls.
 *
 * - One head read per change, whatever the number of streams, broadcast to
 *   all of them; changes that come while a read or a broadcast is under way
 *   are folded into one more read after it (coalesced), so a burst of
 *   writes costs two reads, not one per write per stream.
 * - A slow stream never holds the others: nothing waits on a socket. A
 *   stream whose socket buffer is full is skipped and gets the latest head
 *   when it drains (only the latest matters); one still full at two
 *   heartbeats in a row is closed (its client reconnects and pulls). The
 *   broadcast yields to the event loop every few hundred streams, so other
 *   requests are served in between.
 * - Each token and each client address may hold a few streams at once;
 *   more are refused with 429 (a leaking client must not exhaust sockets).
 * - A revoked token's streams close at once on this instance, and on the
 *   others at the next head read (the revocation is announced).
 * - Before a `changes`, an `activity` event names the stream's events that
 *   changed since it was last told (issue 18), read in the same query as the
 *   heads: the app marks them in its event switcher. Apps that do not know
 *   this event ignore it.
 */
export interface StreamLimits {
  perToken: number;
  perAddress: number;
}

/** A device needs one stream; a few cover reconnects racing a stale socket and a second window. */
export const STREAMS_PER_TOKEN = 4;
/** A seminar room behind one NAT (or a proxy without --trust-proxy) shows many devices as one address. */
export const STREAMS_PER_ADDRESS = 256;
const HEARTBEAT_MS = 15_000;
/** Streams written between two yields to the event loop. */
const SLICE = 256;

interface Stream {
  participantId: string;
  tokenHash: string;
  address: string;
  res: ServerResponse;
  /** The head this stream was last told; -1 until its hello is sent. */
  sent: number;
  /** A head waiting for the socket to drain. */
  pending: number | null;
  /** Events with news to hint at (issue 18), waiting with the head. */
  pendingEvents: Set<string>;
  /** Heartbeats in a row at which the socket was still full. */
  stalled: number;
  end(): void;
}

export class EventStreams {
  private readonly streams = new Set<Stream>();
  private readonly open = new Map<string, number>();
  private reading = false;
  private again = false;
  /** Head reads started: a stream opened across one asks for another (see `serve`). */
  private reads = 0;
  private readonly off: () => void;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: { db: Database; epoch: string; limits: StreamLimits; log: (error: unknown) => void },
  ) {
    this.off = deps.db.onChange(() => this.changed());
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Serves one stream until the client goes, the token is revoked or the server closes. */
  async serve(request: FastifyRequest, reply: FastifyReply, participantId: string, tokenHash: string): Promise<void> {
    const address = request.ip;
    const keys = [`token:${tokenHash}`, `ip:${address}`];
    this.refuseOverLimit(keys);
    reply.hijack();
    const res = reply.raw;
    // Hijacked: no onSend hook runs, so the head carries what the hooks set (CORS) and the security headers itself.
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      ...securityHeaderSet(request.url),
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // HEAD (Fastify adds one per GET): the head only; Node would hold it until the stream ended.
    if (request.method === 'HEAD') return void res.end();

    for (const key of keys) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    const stream: Stream = {
      participantId,
      tokenHash,
      address,
      res,
      sent: -1,
      pending: null,
      pendingEvents: new Set(),
      stalled: 0,
      end: () => {
        if (!this.streams.delete(stream)) return;
        for (const key of keys) {
          const left = (this.open.get(key) ?? 1) - 1;
          if (left > 0) this.open.set(key, left);
          else this.open.delete(key);
        }
        res.end();
      },
    };
    this.streams.add(stream);
    request.raw.on('close', stream.end);
    res.on('drain', () => this.flush(stream));
    const readsBefore = this.reads;
    try {
      const head = await currentHead(this.deps.db, participantId);
      if (!this.streams.has(stream)) return;
      stream.sent = head;
      res.write(event('hello', { head, epoch: this.deps.epoch }));
    } catch (error) {
      this.deps.log(error);
      stream.end();
      return;
    }
    // A change announced while this stream read its first head may have been broadcast before it could hear it.
    if (this.reads !== readsBefore) this.changed();
  }

  /** Closes the streams of these tokens (revoked, signed out). */
  closeTokens(hashes: Iterable<string>): void {
    const closing = new Set(hashes);
    for (const stream of [...this.streams]) if (closing.has(stream.tokenHash)) stream.end();
  }

  close(): void {
    this.off();
    clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) stream.end();
  }

  private refuseOverLimit(keys: string[]) {
    const [perToken, perAddress] = [this.deps.limits.perToken, this.deps.limits.perAddress];
    const [tokenKey, addressKey] = keys as [string, string];
    const what =
      (this.open.get(tokenKey) ?? 0) >= perToken
        ? { per: 'token', limit: perToken, whose: 'this device' }
        : (this.open.get(addressKey) ?? 0) >= perAddress
          ? { per: 'address', limit: perAddress, whose: 'this address' }
          : null;
    if (what)
      throw new ApiFailure(
        429,
        'rate-limited',
        `${what.whose} already has ${what.limit} open event streams; close one (or poll) and try again`,
        { reason: 'too-many-streams', per: what.per, limit: what.limit, retryAfterSeconds: 30 },
      );
  }

  private changed() {
    if (this.reading) {
      this.again = true;
      return;
    }
    void this.broadcast();
  }

  private async broadcast() {
    this.reading = true;
    try {
      do {
        this.again = false;
        if (this.streams.size === 0) break;
        this.reads += 1;
        const listening = [...this.streams];
        const told = listening.filter((s) => s.sent >= 0).map((s) => s.sent);
        const heads = await readStreamHeads(
          this.deps.db,
          [...new Set(listening.map((s) => s.participantId))],
          [...new Set(listening.map((s) => s.tokenHash))],
          told.length ? Math.min(...told) : 0,
        );
        if (heads.revoked.size) this.closeTokens(heads.revoked);
        let written = 0;
        for (const stream of listening) {
          if (!this.streams.has(stream) || stream.sent < 0) continue;
          const head = Math.max(heads.shared, heads.own.get(stream.participantId) ?? 0);
          if (head <= stream.sent) continue;
          for (const [eventId, seq] of heads.activity.get(stream.tokenHash) ?? [])
            if (seq > stream.sent) stream.pendingEvents.add(eventId);
          stream.pending = head;
          this.flush(stream);
          if (++written % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      } while (this.again);
    } catch (error) {
      this.deps.log(error);
    } finally {
      this.reading = false;
    }
  }

  /** Writes the stream's pending head unless its socket is still full (then 'drain' calls again). */
  private flush(stream: Stream) {
    if (stream.pending === null || stream.res.writableNeedDrain || !this.streams.has(stream)) return;
    if (stream.pending > stream.sent) {
      stream.sent = stream.pending;
      // The hint first, so the app knows which events the pull it starts on 'changes' brings news of.
      if (stream.pendingEvents.size)
        stream.res.write(event('activity', { head: stream.sent, events: [...stream.pendingEvents].sort() }));
      stream.res.write(event('changes', { head: stream.sent }));
    }
    stream.pending = null;
    stream.pendingEvents.clear();
    stream.stalled = 0;
  }

  private beat() {
    for (const stream of [...this.streams]) {
      if (stream.res.writableNeedDrain) {
        if (++stream.stalled >= 2) {
          stream.end();
          stream.res.destroy(); // its client reads nothing: do not wait for the buffer to flush
        }
        continue;
      }
      stream.res.write(': heartbeat\n\n');
    }
  }
}

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
