/**
 * Fixed-window counters in memory, per key (an IP, a token's hash): enough to
 * slow a guesser or a runaway client on one instance; several instances each
 * count their own, which only multiplies the allowance by their number.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; returns the milliseconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.prune(now);
    }
    window.count += 1;
    return window.count > this.limit ? window.start + this.windowMs - now : 0;
  }

  /** Whether `key` is over the limit now, without counting a hit. */
  blocked(key: string): number {
    const window = this.windows.get(key);
    const now = this.now();
    if (!window || now - window.start >= this.windowMs) return 0;
    return window.count >= this.limit ? window.start + this.windowMs - now : 0;
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** Failed sign-ins per IP a minute before the IP waits: far above a person mistyping, far below a guesser. */
export const AUTH_FAILURES_PER_MINUTE = 20;
/** Requests per token a minute: a full first sync of 10,000 contributions is about 60 pages. */
export const REQUESTS_PER_TOKEN_PER_MINUTE = 6_000;
