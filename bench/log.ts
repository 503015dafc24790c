/** Progress lines go to stderr so stdout carries only the table. */
const started = performance.now();

export function log(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Runs `fn`, logging how long it took: setup steps are worth seeing even though they are not figures. */
export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  log(`${label}…`);
  const t0 = performance.now();
  const result = await fn();
  log(`${label}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}
