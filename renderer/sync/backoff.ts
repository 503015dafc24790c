/**
 * Delay before retry number `attempt` (1, 2, …): doubling from 1 s up to a
 * minute, each spread by ±25 % so many clients back from one outage do not
 * all return at the same instant.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + 0.5 * random()));
}
