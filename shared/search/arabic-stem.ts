/**
 * A light stemmer for Arabic search terms (words already folded by fold.ts:
 * no vowel marks, one alef, ة written ه, ى written ي).
 *
 * Arabic writes the conjunctions و ف, the prepositions ب ك ل, the article ال
 * and the pronoun suffixes (ه ها هم كم نا…) onto the word, so حرية, الحرية,
 * والحرية, بحرية and حريته are one word to a reader. Light stemming strips
 * those with length guards (Larkey's "light10" is the classic); it leaves
 * broken plurals alone. Snowball's Arabic stemmer was measured on the same
 * real texts (test/renderer/search/search-recall.test.ts) and conflates less
 * predictably on folded words (والحرية → والحر, بأمن → بام), so it lost
 * recall there.
 *
 * A prefix letter may also be the word's own first letter (فريق, بلد), so a
 * text word is indexed under one stem, its longest stripping, and a query
 * word is looked up under every stripping it allows (`arabicStemCandidates`):
 * the text's stem is one of them.
 */

const CONJUNCTIONS = ['و', 'ف'];
/** Article and prepositions, longest first; لل is ل + ال with its alef dropped. */
const ARTICLES = ['بال', 'كال', 'لل', 'ال'];
const PREPOSITIONS = ['ب', 'ك', 'ل'];
/** ي is left to the endings: it is also the adjective's ending (سيبراني). */
const PRONOUNS = ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ه', 'ك'];
const ENDINGS = ['ات', 'ون', 'ين', 'ان', 'يه', 'ه', 'ي'];
/** Shortest stem left by any stripping: Arabic roots have three letters. */
const MIN = 3;

function stripSuffixes(word: string): string {
  let stem = word;
  let pronoun = false;
  for (const suffix of PRONOUNS)
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN) {
      stem = stem.slice(0, -suffix.length);
      pronoun = true;
      break;
    }
  if (stem.endsWith('ات') && stem.length - 2 >= MIN) return stem.slice(0, -2);
  // ة is written ت before a pronoun (كرامته).
  if (pronoun && stem.endsWith('ت') && stem.length - 1 >= MIN) stem = stem.slice(0, -1);
  for (const ending of ENDINGS)
    if (stem.endsWith(ending) && stem.length - ending.length >= MIN) return stem.slice(0, -ending.length);
  return stem;
}

/** The ways the front of a word may be clitics: each remainder, longest stripping first. */
function prefixStrippings(word: string): string[] {
  const found: string[] = [];
  const afterConjunction = [word];
  if (CONJUNCTIONS.includes(word[0]!) && word.length - 1 >= MIN) afterConjunction.unshift(word.slice(1));
  for (const rest of afterConjunction) {
    const article = ARTICLES.find((a) => rest.startsWith(a) && rest.length - a.length >= MIN - 1);
    if (article) found.push(rest.slice(article.length));
    if (!article && PREPOSITIONS.includes(rest[0]!) && rest.length - 1 >= MIN) found.push(rest.slice(1));
    found.push(rest);
  }
  return found;
}

/** The stem a text word is indexed under: its longest stripping. */
export function arabicStem(word: string): string {
  return stripSuffixes(prefixStrippings(word)[0]!);
}

/** Every stem a query word may stand for (its own longest stripping first). */
export function arabicStemCandidates(word: string): string[] {
  return [...new Set(prefixStrippings(word).map(stripSuffixes))];
}
