import { describe, expect, it } from 'vitest';
import { tokenizeText } from '../../../shared/merge/index.js';

describe('tokenizeText', () => {
  it.each<[string, string, string[]]>([
    ['words and single spaces', 'The quick fox', ['The', ' ', 'quick', ' ', 'fox']],
    ['runs of whitespace, one character each', 'a  b\n\n\tc', ['a', ' ', ' ', 'b', '\n', '\n', '\t', 'c']],
    ['a CRLF is one token', 'a\r\nb', ['a', '\r\n', 'b']],
    ['punctuation apart from words', 'Art. 51, UN', ['Art', '.', ' ', '51', ',', ' ', 'UN']],
    ['Russian words', 'Он сказал: «нет»', ['Он', ' ', 'сказал', ':', ' ', '«', 'нет', '»']],
    ['Arabic words and comma', 'الدول، والمنظمات', ['الدول', '،', ' ', 'والمنظمات']],
    ['Chinese without spaces, by words', '各国必须合作。', ['各国', '必须', '合作', '。']],
    ['an emoji sequence stays whole', 'ok 👩‍👩‍👧', ['ok', ' ', '👩‍👩‍👧']],
  ])('%s', (_case, text, tokens) => {
    expect(tokenizeText(text)).toEqual(tokens);
  });

  it.each([
    '',
    '  leading and trailing  ',
    'Paragraph one.\r\n\r\nParagraph two.\n',
    'يجب على الدول التعاون في الفضاء السيبراني',
    '各国应当在网络空间开展合作，防止冲突。',
    'Государства должны сотрудничать.',
    'mixed: 第51条 / ст. 51 / المادة 51 🙂',
    '\u0301 a lone combining mark, and a lone surrogate \ud800',
  ])('loses nothing: the tokens joined give back %j', (text) => {
    expect(tokenizeText(text).join('')).toBe(text);
  });
});
