/**
 * Remembers the result for the last argument only. Re-anchoring calls `anchor`
 * once per annotation on the same text: this folds and hashes that text once
 * instead of a thousand times, without a cache that grows.
 */
export function memoizeLast<R>(compute: (text: string) => R): (text: string) => R {
  let lastText: string | undefined;
  let lastResult: R | undefined;
  return (text) => {
    if (lastText !== text || lastResult === undefined) {
      lastResult = compute(text);
      lastText = text;
    }
    return lastResult;
  };
}
