const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Only http(s) and mailto, no credentials in the URL; returns the normalised URL or null. */
export function checkExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  if (url.username || url.password) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

export type OpenExternal = (url: string) => Promise<void>;

export async function openExternalSafely(openExternal: OpenExternal, raw: unknown): Promise<boolean> {
  const url = checkExternalUrl(raw);
  if (url === null) return false;
  await openExternal(url);
  return true;
}
