import { createDeepLTranslator } from './adapters/deepl.js';
import { createLibreTranslateTranslator } from './adapters/libretranslate.js';
import { SYSTRAN_DEFAULT_URL, createSystranTranslator } from './adapters/systran.js';
import type { Translator } from './translator.js';

/**
 * The translator the environment configures, or null when it configures none
 * (the server then stores contributions untranslated). A half-done or
 * contradictory configuration is an error naming the variable to fix, thrown
 * at startup rather than at the first translation. Messages name variables,
 * never their values: a key must not end up in a log.
 *
 * TRANSLATOR chooses the provider; without it, the provider is the one whose
 * variables are set, if exactly one is.
 */

export const TRANSLATORS = ['systran', 'libretranslate', 'deepl'] as const;
export type TranslatorName = (typeof TRANSLATORS)[number];

/** The variables that show a provider is meant, when TRANSLATOR is not set. */
const SIGNS: Readonly<Record<TranslatorName, readonly string[]>> = {
  systran: ['SYSTRAN_API_KEY', 'SYSTRAN_URL'],
  libretranslate: ['LIBRETRANSLATE_URL', 'LIBRETRANSLATE_API_KEY'],
  deepl: ['DEEPL_AUTH_KEY', 'DEEPL_URL'],
};

type Env = Readonly<Record<string, string | undefined>>;

export function translatorFromEnv(env: Env = process.env): Translator | null {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const needed = (name: string, why: string) => {
    const value = get(name);
    if (value === undefined) throw new Error(`${name} is not set: ${why}`);
    return value;
  };

  const name = chooseTranslator(get);
  if (name === null) return null;
  const common = {
    timeoutMs: positiveInteger(get, 'TRANSLATOR_TIMEOUT_MS', 'a number of milliseconds'),
    maxChars: positiveInteger(get, 'TRANSLATOR_MAX_CHARS', "a size in the provider's unit"),
  };

  switch (name) {
    case 'systran':
      return createSystranTranslator({
        ...common,
        url: httpUrl(get, 'SYSTRAN_URL') ?? SYSTRAN_DEFAULT_URL,
        apiKey: needed('SYSTRAN_API_KEY', 'the SYSTRAN translator needs an API key'),
      });
    case 'libretranslate':
      needed('LIBRETRANSLATE_URL', 'the LibreTranslate translator needs the address of a LibreTranslate server');
      return createLibreTranslateTranslator({
        ...common,
        url: httpUrl(get, 'LIBRETRANSLATE_URL')!,
        apiKey: get('LIBRETRANSLATE_API_KEY'),
      });
    case 'deepl':
      return createDeepLTranslator({
        ...common,
        url: httpUrl(get, 'DEEPL_URL'),
        authKey: needed('DEEPL_AUTH_KEY', 'the DeepL translator needs an authentication key'),
      });
  }
}

function chooseTranslator(get: (name: string) => string | undefined): TranslatorName | null {
  const chosen = get('TRANSLATOR')?.toLowerCase();
  if (chosen !== undefined) {
    if ((TRANSLATORS as readonly string[]).includes(chosen)) return chosen as TranslatorName;
    throw new Error(`TRANSLATOR=${get('TRANSLATOR')} is not a known translator: use ${TRANSLATORS.join(', ')}`);
  }
  const meant = TRANSLATORS.filter((name) => SIGNS[name].some((variable) => get(variable) !== undefined));
  if (meant.length > 1) {
    const set = meant.flatMap((name) => SIGNS[name].filter((variable) => get(variable) !== undefined));
    throw new Error(`variables of several translators are set (${set.join(', ')}): set TRANSLATOR to choose one`);
  }
  return meant[0] ?? null;
}

function positiveInteger(get: (name: string) => string | undefined, name: string, what: string): number | undefined {
  const value = get(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer (${what})`);
  return number;
}

function httpUrl(get: (name: string) => string | undefined, name: string): string | undefined {
  const value = get(name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http or https URL`);
  if (url.username || url.password || url.search)
    throw new Error(`${name} must not carry credentials or a query: keys have their own variables`);
  return value;
}
