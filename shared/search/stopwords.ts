import type { Lang } from '../languages.js';
import { foldWord } from './fold.js';

/**
 * The commonest function words of each language: in almost every text, so an
 * index entry for them costs a posting per document and tells nothing apart.
 * They are left out of the index only; a quoted phrase still has to hold them
 * where it says (phrases are checked on the text), and a passage still shows
 * them. Kept short on purpose: a word missing here costs memory, a word
 * wrongly here cannot be searched alone.
 */
const RAW: Record<Lang, string> = {
  en: 'a an and are as at be been but by for from has have in into is it its of on or that the their these this those to was were which with',
  de: 'der die das den dem des ein eine einer eines einem einen und oder im in ist sind zu zum zur von vom mit auf für an am als auch bei sich es dass',
  fr: 'le la les un une des du de et ou en dans au aux ce cette ces qui que qu est sont par pour sur avec se sa son ses leur leurs il elle ils',
  es: 'el la los las un una unos unas y o de del al en con por para que es son se su sus lo',
  it: 'il lo la i gli le un uno una e o di del della dei degli delle da dal dalla in nel nella con per su che è si al alla ai agli alle',
  pt: 'o a os as um uma uns umas e ou de do da dos das em no na nos nas por para com que é se seu sua seus suas ao aos à às',
  ru: 'и в во на с со к у по от из о об до для при а но же ли что как это этот эта эти или',
  ar: 'في من على إلى عن أن إن ما لا أو ثم هذا هذه ذلك تلك التي الذي الذين كان كانت قد مع كل بين عند هو هي هم',
  zh: '的 了 和 是 在 并 以 其 与 及 或 等 对 为 将 也 而 于 由 被 这 那 之 从 到 就 都',
  ko: '및 또는 그리고 등 그 이 것 수 더 또',
};

const sets = new Map<Lang, ReadonlySet<string>>();

/** Whether a folded word is one of `lang`'s stopwords (compared folded, so أن and ان are one). */
export function isStopword(word: string, lang: Lang): boolean {
  let set = sets.get(lang);
  if (!set) sets.set(lang, (set = new Set(RAW[lang].split(' ').map((raw) => foldWord(raw, lang)))));
  return set.has(word);
}
