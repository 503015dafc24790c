import type { Lang, LocalizedText } from '../../shared/languages.js';
import type { MaterialId, MaterialOwner } from '../../shared/model/material.js';
import { buildSnippet, findMatches, parseQuery, planQuery, type Snippet } from '../../shared/search/index.js';
import type { SeminarDb } from '../db/database.js';

/** A place in a material where the query matched: a PDF page, or a subtitle cue of a video. */
export interface MaterialHit {
  materialId: MaterialId;
  owner: MaterialOwner;
  title: LocalizedText;
  page?: number;
  /** Seconds into the video, for a transcript hit. */
  time?: number;
  /** The language of the matched text, when known (a subtitle track's). */
  lang?: Lang;
  snippet: Snippet;
}

/** A text to search, and where a hit in it opens. */
export interface SearchableMaterialText {
  materialId: MaterialId;
  owner: MaterialOwner;
  title: LocalizedText;
  text: string;
  page?: number;
  time?: number;
  lang?: Lang;
}

/**
 * Searches the text of materials with the contributions' search rules
 * (shared/search: Unicode folding, Intl.Segmenter words for Chinese, Korean
 * and Thai, Arabic normalisation and stems, phrases, prefixes): every part of
 * the query must be on one page (one cue). The texts are few (a study's
 * pages, a video's cues), so they are scanned rather than indexed; the
 * benchmark (bench/cases/materials.ts) measures a 200-page study.
 */
export function searchMaterialTexts(
  texts: Iterable<SearchableMaterialText>,
  query: string,
  lang: Lang,
  limit = 20,
): MaterialHit[] {
  const clauses = parseQuery(query);
  if (!clauses.length) return [];
  const plans = new Map<Lang, ReturnType<typeof planQuery>>();
  const planFor = (l: Lang) => plans.get(l) ?? plans.set(l, planQuery(clauses, l)).get(l)!;
  const hits: MaterialHit[] = [];
  for (const item of texts) {
    const textLang = item.lang ?? lang;
    const parts = planFor(textLang);
    if (!parts.length) continue;
    const matches = findMatches(item.text, textLang, parts);
    if (!matches.complete) continue;
    const snippet = buildSnippet(item.text, matches.spans);
    if (!snippet) continue;
    const { text: _text, ...where } = item;
    hits.push({ ...where, snippet });
    if (hits.length >= limit) break;
  }
  return hits;
}

/**
 * The materials' searchable texts: each page of a downloaded PDF whose file
 * is still on the device, and each line of a video's subtitles in every
 * language (they come with the material, downloaded or not).
 */
export async function* materialTexts(db: SeminarDb): AsyncGenerator<SearchableMaterialText> {
  const [materials, texts] = await Promise.all([db.materials.toArray(), db.materialTexts.toArray()]);
  const byId = new Map(materials.map((m) => [m.id as string, m]));
  for (const { id: materialId, owner, title, subtitles } of materials)
    for (const track of subtitles ?? [])
      for (const cue of track.cues)
        yield { materialId, owner, title, text: cue.text, time: cue.start, lang: track.language };
  for (const row of texts) {
    const material = byId.get(row.id);
    if (!material || material.sha256 !== row.sha256) continue;
    const { id: materialId, owner, title } = material;
    for (const [index, text] of row.pages.entries()) yield { materialId, owner, title, text, page: index + 1 };
  }
}

export async function searchMaterials(db: SeminarDb, query: string, lang: Lang, limit = 20): Promise<MaterialHit[]> {
  const texts: SearchableMaterialText[] = [];
  for await (const text of materialTexts(db)) texts.push(text);
  return searchMaterialTexts(texts, query, lang, limit);
}
