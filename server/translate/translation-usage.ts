import { AsyncLocalStorage } from 'node:async_hooks';
import type { Lang } from '../../shared/languages.js';
import type { Queryable } from '../db/database.js';
import type { TranslationRequest, Translator } from './translator.js';

/**
 * What is sent to a translation provider, counted as the provider bills it:
 * characters (Unicode code points, so an emoji or a CJK character of the
 * supplementary planes is one) of every request that leaves for the provider,
 * answered or not. A refused or timed-out request is counted too: the
 * budget must never be under the bill, and some providers bill what they
 * received. A retry sends the text again and counts again.
 */
export const TEXT_KINDS = ['contribution', 'synthesis', 'proceedings', 'subtitles'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export interface Usage {
  provider: string;
  source: Lang;
  target: Lang;
  kind: TextKind;
  chars: number;
  requests: number;
}

export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The tally of the job whose translation is in progress in this async context. */
const current = new AsyncLocalStorage<Usage>();

/**
 * Called by postToProvider with the texts of each request as they leave:
 * adapters send paragraphs apart and without the whitespace around them
 * (they keep the layout themselves), so only they know what the provider reads.
 */
export function meterSent(texts: readonly string[]): void {
  const usage = current.getStore();
  if (!usage) return;
  usage.chars += texts.reduce((n, text) => n + countCharacters(text), 0);
  usage.requests += 1;
}

/**
 * A translator that counts what goes through it into `usage` (one job's
 * tally), to be written with the job's result (recordUsageTx). A translator
 * that does not go through postToProvider (an in-process one) is counted by
 * the text it was given.
 */
export function meteredTranslator(translator: Translator, usage: Usage): Translator {
  return {
    engine: translator.engine,
    maxChars: translator.maxChars,
    ...(translator.measure ? { measure: translator.measure } : {}),
    async translate(req: TranslationRequest) {
      const before = usage.requests;
      try {
        return await current.run(usage, () => translator.translate(req));
      } finally {
        if (usage.requests === before) {
          usage.chars += countCharacters(req.text);
          usage.requests += 1;
        }
      }
    },
  };
}

/** Adds a tally to its day's row; concurrent instances add to the same row without losing a count. */
export async function recordUsageTx(tx: Queryable, usage: Usage): Promise<void> {
  if (usage.requests === 0) return;
  await tx.query(
    `INSERT INTO translation_usage (day, provider, source_language, target_language, kind, chars, requests)
     VALUES ((now() AT TIME ZONE 'UTC')::date, $1, $2, $3, $4, $5, $6)
     ON CONFLICT (day, provider, source_language, target_language, kind)
     DO UPDATE SET chars = translation_usage.chars + EXCLUDED.chars,
       requests = translation_usage.requests + EXCLUDED.requests`,
    [usage.provider, usage.source, usage.target, usage.kind, usage.chars, usage.requests],
  );
}
