import type { FastifyRequest } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import { RateLimiter } from './rate-limit.js';

/**
 * Failed sign-ins (a bad or revoked token, a bad invitation code), counted
 * per client address (the real one behind a trusted proxy: see
 * trust-proxy.ts) and per secret prefix: an address that keeps failing waits,
 * and so does a code or token of which someone learnt the beginning (a
 * photographed letter, a shoulder) and tries the rest from many addresses.
 *
 * Only failures are refused: a valid token is looked up and let in whatever
 * others did (tokens have 256 random bits: the lookup tells a guesser
 * nothing). An invitation code, typed by a person and shorter, is refused
 * before its lookup once its address or prefix waits.
 */
export class SignInLimits {
  private readonly failures: RateLimiter;

  constructor(failuresPerMinute: number, now?: () => number) {
    this.failures = new RateLimiter(failuresPerMinute, 60_000, now);
  }

  private keys(request: FastifyRequest, secret: Secret): string[] {
    const length = PREFIX_LENGTH[secret.kind];
    const prefix = secret.value.length >= length ? [`${secret.kind}:${secret.value.slice(0, length)}`] : [];
    return [`ip:${request.ip}`, ...prefix];
  }

  /** Throws 429 when the address or the secret's prefix must wait. */
  check(request: FastifyRequest, secret: Secret): void {
    const wait = Math.max(...this.keys(request, secret).map((key) => this.failures.blocked(key)));
    if (wait) throw tooManyFailures(wait);
  }

  /** Counts one failure against the address and the prefix. */
  fail(request: FastifyRequest, secret: Secret): void {
    for (const key of this.keys(request, secret)) this.failures.hit(key);
  }
}

/** What was presented; `value` is empty when it was not even well formed (then only the address counts). */
export interface Secret {
  kind: 'token' | 'code';
  value: string;
}

/**
 * Characters of a secret's beginning counted together: 8 of a token (48 bits
 * of 256), the first two groups of a code (40 bits of 160, `XXXX-XXXX`).
 */
const PREFIX_LENGTH = { token: 8, code: 9 } as const;

export const tooManyFailures = (waitMs: number) =>
  new ApiFailure(429, 'rate-limited', `too many failed sign-ins; try again in ${Math.ceil(waitMs / 1000)} s`, {
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  });
