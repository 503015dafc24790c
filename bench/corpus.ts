import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Lang } from '../shared/languages.js';
import { generateSyntheticCorpus } from '../server/demo/synthetic-corpus.js';
import { tempDir } from './cleanup.js';

/** A contribution the reader benchmark opens, with what the reader must end up showing. */
export interface ReaderSample {
  id: string;
  questionId: string;
  /** Shown first: the UI language (English) version. */
  openLang: Lang;
  openSnippet: string;
  /** Then switched to: the original when it is not English, else French. */
  switchLang: Lang;
  switchSnippet: string;
}

export interface Corpus {
  file: string;
  contributions: number;
  fileBytes: number;
  samples: ReaderSample[];
  /** Import lines (the contribution, then its translations) of contributions spread over the corpus, to revise. */
  revisable: string[][];
}

/** Contributions the incremental-sync figure changes on the server. */
export const REVISED = 100;

/**
 * The revisable contributions changed as a new export would carry them: every
 * language version's text gains `mark` at its end, so re-importing them bumps
 * each contribution's version and gives it a new place in the change log.
 */
export function revisedLines(corpus: Corpus, mark: string): string[] {
  return corpus.revisable.flat().map((line) => {
    const record = JSON.parse(line) as { text: string };
    return JSON.stringify({ ...record, text: `${record.text} (${mark})` });
  });
}

const CONTRIBUTION_ID = /"(?:id|contributionId)":"(syn-c-\d+)"/;

/** Enough of a text to tell it from any other version shown before it. */
const snippet = (text: string) => text.slice(0, 40);

/**
 * Writes the synthetic corpus to a temp dir (never into the repo) and keeps,
 * for a few contributions spread over it, the texts the reader should show.
 */
export async function writeCorpus(contributions: number, seed: number, samples: number): Promise<Corpus> {
  const file = join(tempDir('corpus'), 'corpus.jsonl');
  const wanted = new Set<string>();
  for (let i = 0; i < samples; i++) wanted.add(`syn-c-${1 + Math.floor(((i + 0.5) * contributions) / samples)}`);
  const revisable = new Map<string, string[]>();
  for (let i = 0; i < Math.min(REVISED, contributions); i++)
    revisable.set(`syn-c-${1 + Math.floor(((i + 0.25) * contributions) / REVISED)}`, []);

  const found = new Map<string, { questionId: string; language: Lang; texts: Map<Lang, string> }>();
  const out = createWriteStream(file);
  let fileBytes = 0;
  for (const line of generateSyntheticCorpus({ contributions, seed })) {
    fileBytes += Buffer.byteLength(line) + 1;
    if (!out.write(line + '\n')) await once(out, 'drain');
    const id = CONTRIBUTION_ID.exec(line)?.[1];
    if (id) revisable.get(id)?.push(line);
    if (!id || !wanted.has(id)) continue;
    const record = JSON.parse(line) as {
      type: string;
      questionId?: string;
      language: Lang;
      text: string;
    };
    if (record.type === 'contribution') {
      found.set(id, {
        questionId: record.questionId!,
        language: record.language,
        texts: new Map([[record.language, record.text]]),
      });
    } else if (record.type === 'translation') {
      found.get(id)?.texts.set(record.language, record.text);
    }
  }
  out.end();
  await once(out, 'finish');

  const picked: ReaderSample[] = [];
  for (const [id, c] of found) {
    const switchLang: Lang = c.language === 'en' ? 'fr' : c.language;
    const open = c.texts.get('en');
    const other = c.texts.get(switchLang);
    if (!open || !other) throw new Error(`synthetic contribution ${id} lacks an English or ${switchLang} version`);
    picked.push({
      id,
      questionId: c.questionId,
      openLang: 'en',
      openSnippet: snippet(open),
      switchLang,
      switchSnippet: snippet(other),
    });
  }
  return { file, contributions, fileBytes, samples: picked, revisable: [...revisable.values()] };
}
