import type { Settings } from '../../shared/bridge.js';
import { isLang, LANGUAGES } from '../../shared/languages.js';

/** Checks a `setSettings` patch from the renderer; throws a clear Error on anything unexpected. */
export function validateSettingsPatch(patch: unknown): Partial<Settings> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new Error('setSettings: the patch must be an object');
  }
  const out: Partial<Settings> = {};
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'language':
        if (value !== null && !isLang(value)) {
          throw new Error(
            `setSettings: unknown language ${JSON.stringify(value)}; expected one of ${LANGUAGES.join(', ')} or null`,
          );
        }
        out.language = value;
        break;
      case 'serverUrl':
        if (value !== null) {
          let url: URL | null = null;
          try {
            url = typeof value === 'string' ? new URL(value) : null;
          } catch {
            url = null;
          }
          if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
            throw new Error(`setSettings: serverUrl must be an http(s) URL, got ${JSON.stringify(value)}`);
          }
        }
        out.serverUrl = value as string | null;
        break;
      case 'allowWeakTokenStorage':
        if (typeof value !== 'boolean') throw new Error('setSettings: allowWeakTokenStorage must be true or false');
        out.allowWeakTokenStorage = value;
        break;
      case 'token':
        if (value !== null && (typeof value !== 'string' || value.length === 0 || value.length > 4096)) {
          throw new Error('setSettings: token must be a non-empty string or null');
        }
        out.token = value as string | null;
        break;
      default:
        throw new Error(`setSettings: unknown setting ${JSON.stringify(key)}`);
    }
  }
  return out;
}
