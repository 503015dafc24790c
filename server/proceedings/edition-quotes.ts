import { correspondingQuote } from '../../shared/anchoring/corresponding-quote.js';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import type { Lang } from '../../shared/languages.js';
import type { TextOrigin } from '../../shared/model/entities.js';
import { editionQuotes, type QuoteVersion } from '../../shared/proceedings/translate-edition.js';
import type { Queryable } from '../db/database.js';

interface VersionRow {
  contribution_id: string;
  language: Lang;
  text: string;
  origin: TextOrigin;
  engine: string | null;
  source_version: number;
}

/**
 * At publication: each quote of the edition in every other language version
 * its contribution has, where the quoted passage can be found in it. Kept
 * with the edition, so its machine editions never change with the corpus
 * (a version corrected later, or a new one, is for the next edition). A
 * version made from another text of the original than the quoted one is
 * passed over: its sentences may not be the quoted ones.
 */
export async function registerEditionQuotesTx(
  tx: Queryable,
  eventId: string,
  number: number,
  input: ProceedingsInput,
): Promise<number> {
  const quotes = editionQuotes(input);
  if (quotes.length === 0) return 0;
  const versions = await tx.query<VersionRow>(
    `SELECT contribution_id, language, text, origin, engine, source_version FROM text_versions
     WHERE contribution_id = ANY($1::text[]) ORDER BY contribution_id, language`,
    [[...new Set(quotes.map((q) => q.contributionId))]],
  );
  const rows: (QuoteVersion & { key: string; target: Lang })[] = [];
  for (const quote of quotes) {
    const mine = versions.filter((v) => v.contribution_id === quote.contributionId);
    const quoted = mine.find((v) => v.language === quote.language);
    if (!quoted) continue;
    for (const other of mine) {
      if (other.language === quote.language || other.language === input.language) continue;
      if (Number(other.source_version) !== Number(quoted.source_version)) continue;
      const text = correspondingQuote(quoted, quote.words, other);
      if (text === null) continue;
      rows.push({
        key: quote.key,
        target: other.language,
        text,
        origin: other.origin,
        engine: other.engine,
        sourceVersion: Number(other.source_version),
        textHash: hashText(other.text),
      });
    }
  }
  if (rows.length === 0) return 0;
  await tx.query(
    `INSERT INTO proceedings_quotes
       (event_id, number, quote_key, target_language, text, origin, engine, source_version, text_hash)
     SELECT $1, $2, k, l, t, o, e, v, h
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[])
       AS q(k, l, t, o, e, v, h)
     ON CONFLICT DO NOTHING`,
    [
      eventId,
      number,
      rows.map((r) => r.key),
      rows.map((r) => r.target),
      rows.map((r) => r.text),
      rows.map((r) => r.origin),
      rows.map((r) => r.engine),
      rows.map((r) => r.sourceVersion),
      rows.map((r) => r.textHash),
    ],
  );
  return rows.length;
}

/** The quotes of an edition in `lang` found in their contributions' versions at publication, by quote key. */
export async function editionQuotesIn(
  db: Queryable,
  eventId: string,
  number: number,
  lang: Lang,
): Promise<Map<string, QuoteVersion>> {
  const rows = await db.query<{
    quote_key: string;
    text: string;
    origin: TextOrigin;
    engine: string | null;
    source_version: number;
    text_hash: string;
  }>(
    `SELECT quote_key, text, origin, engine, source_version, text_hash FROM proceedings_quotes
     WHERE event_id = $1 AND number = $2 AND target_language = $3`,
    [eventId, number, lang],
  );
  return new Map(
    rows.map((r) => [
      r.quote_key,
      {
        text: r.text,
        origin: r.origin,
        engine: r.engine,
        sourceVersion: Number(r.source_version),
        textHash: r.text_hash,
      },
    ]),
  );
}
