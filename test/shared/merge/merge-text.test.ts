import { describe, expect, it } from 'vitest';
import { mergeText, type TextMerge } from '../../../shared/merge/index.js';

/** The merge seen from the other device: local and server swapped. */
function swapped(result: TextMerge): TextMerge {
  return result.status === 'merged' ? result : { ...result, local: result.server, server: result.local };
}

// [case, base, local, server, merged text]: every case is checked both ways.
const merges: [string, string, string, string, string][] = [
  ['nothing changed', 'A note.', 'A note.', 'A note.', 'A note.'],
  ['only local changed', 'A note.', 'A longer note.', 'A note.', 'A longer note.'],
  ['only the server changed', 'A note.', 'A note.', 'A note, revised.', 'A note, revised.'],
  ['the same edit on both sides', 'A note.', 'A better note.', 'A better note.', 'A better note.'],
  ['the same word deleted on both sides', 'A very good note.', 'A good note.', 'A good note.', 'A good note.'],
  [
    'different words of one sentence',
    'The quick brown fox',
    'The slow brown fox',
    'The quick red fox',
    'The slow red fox',
  ],
  ['a word deleted next to a word changed', 'The quick brown fox', 'The brown fox', 'The quick red fox', 'The red fox'],
  [
    'an insertion before the word the other side changed',
    'The quick brown fox',
    'The quick and brown fox',
    'The quick red fox',
    'The quick and red fox',
  ],
  [
    'different lines',
    'Point one.\nPoint two.\n',
    'Point one, revised.\nPoint two.\n',
    'Point one.\nPoint two, extended.\n',
    'Point one, revised.\nPoint two, extended.\n',
  ],
  [
    'Russian: different words',
    'Государства должны сотрудничать в киберпространстве.',
    'Государства обязаны сотрудничать в киберпространстве.',
    'Государства должны сотрудничать в цифровом пространстве.',
    'Государства обязаны сотрудничать в цифровом пространстве.',
  ],
  [
    'Arabic: different words',
    'يجب على الدول التعاون في الفضاء السيبراني',
    'يجب على الحكومات التعاون في الفضاء السيبراني',
    'يجب على الدول التنسيق في الفضاء السيبراني',
    'يجب على الحكومات التنسيق في الفضاء السيبراني',
  ],
  [
    'Chinese without spaces: a word changed, a word inserted further on',
    '各国应当在网络空间开展合作。',
    '各国必须在网络空间开展合作。',
    '各国应当在网络空间开展国际合作。',
    '各国必须在网络空间开展国际合作。',
  ],
  [
    'Chinese: different clauses',
    '国家负有责任，应当预防冲突。',
    '国家负有首要责任，应当预防冲突。',
    '国家负有责任，必须预防冲突。',
    '国家负有首要责任，必须预防冲突。',
  ],
  [
    'whitespace kept: blank lines, indentation, trailing newline',
    'Intro\n\n  - first point\n  - second point\n',
    'Intro\n\n  - first key point\n  - second point\n',
    'Intro\n\n  - first point\n  - second point\n  - third point\n',
    'Intro\n\n  - first key point\n  - second point\n  - third point\n',
  ],
  ['whitespace kept: double spaces', 'one  two  three', 'uno  two  three', 'one  two  tres', 'uno  two  tres'],
  ['whitespace kept: CRLF and tabs', 'a\r\nb\tc\r\n', 'A\r\nb\tc\r\n', 'a\r\nb\tC\r\n', 'A\r\nb\tC\r\n'],
  ['whitespace only change on one side', 'a b c', 'a\nb c', 'a b C', 'a\nb C'],
];

describe('mergeText: edits that do not overlap merge', () => {
  it.each(merges)('%s', (_case, base, local, server, text) => {
    expect(mergeText(base, local, server)).toEqual({ status: 'merged', text });
    expect(mergeText(base, server, local)).toEqual({ status: 'merged', text });
  });
});

// [case, base, local, server]: a conflict returns the three texts untouched, both ways.
const conflicts: [string, string, string, string][] = [
  ['the same word changed two ways', 'The quick brown fox', 'The slow brown fox', 'The fast brown fox'],
  ['both append at the end', 'Summary.', 'Summary. See art. 51.', 'Summary. Compare Tallinn 2.0.'],
  ['one deletes a sentence the other edits', 'A. B c d. E.', 'A. E.', 'A. B x d. E.'],
  ['both write a first note (no base text)', '', 'mine', 'theirs'],
  ['both rewrite the whole note', 'draft', 'final text', 'another text'],
  [
    'Russian: the same word',
    'Государства должны сотрудничать',
    'Государства обязаны сотрудничать',
    'Государства могут сотрудничать',
  ],
  ['Arabic: the same word', 'يجب على الدول التعاون', 'يجب على الحكومات التعاون', 'يجب على المنظمات التعاون'],
  ['Chinese: the same word', '各国应当合作。', '各国必须合作。', '各国需要合作。'],
  ['a newline replaced two ways', 'one\ntwo', 'one two', 'one, two'],
];

describe('mergeText: overlapping edits are a conflict that keeps both texts', () => {
  it.each(conflicts)('%s', (_case, base, local, server) => {
    const result = mergeText(base, local, server);
    expect(result).toEqual({ status: 'conflict', base, local, server });
    expect(mergeText(base, server, local)).toEqual(swapped(result));
  });
});
