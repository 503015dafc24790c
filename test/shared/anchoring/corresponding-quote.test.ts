import { describe, expect, it } from 'vitest';
import { correspondingQuote } from '../../../shared/anchoring/corresponding-quote.js';

const en = {
  language: 'en',
  text: [
    'Cyberspace is no lawless space.',
    'States should exercise due diligence. They must also cooperate! Who else would?',
    'A last paragraph of one sentence.',
  ].join('\n\n'),
};
const de = {
  language: 'de',
  text: [
    'Der Cyberraum ist kein rechtsfreier Raum.',
    'Staaten sollten die gebotene Sorgfalt walten lassen. Sie müssen auch zusammenarbeiten! Wer sonst?',
    'Ein letzter Absatz aus einem Satz.',
  ].join('\n\n'),
};
const zh = {
  language: 'zh',
  text: ['网络空间不是法外之地。', '各国应尽职尽责。它们还必须合作！还有谁会呢？', '最后一段只有一句。'].join('\n\n'),
};

describe('the passage of another language version that stands for a quote', () => {
  it('takes the sentences in the same places of the same paragraph', () => {
    expect(correspondingQuote(en, 'They must also cooperate!', de)).toBe('Sie müssen auch zusammenarbeiten!');
    expect(correspondingQuote(en, 'States should exercise due diligence. They must also cooperate!', de)).toBe(
      'Staaten sollten die gebotene Sorgfalt walten lassen. Sie müssen auch zusammenarbeiten!',
    );
    expect(correspondingQuote(en, 'They must also cooperate!', zh)).toBe('它们还必须合作！');
    expect(correspondingQuote(zh, '各国应尽职尽责。', en)).toBe('States should exercise due diligence.');
  });

  it('takes a whole sentence quoted without its full stop, or with spaces around it', () => {
    expect(correspondingQuote(en, 'States should exercise due diligence', de)).toBe(
      'Staaten sollten die gebotene Sorgfalt walten lassen.',
    );
    expect(correspondingQuote(en, '  Who else would? ', de)).toBe('Wer sonst?');
  });

  it('takes the whole paragraph for a whole paragraph, even when the sentences are counted differently', () => {
    const merged = { language: 'de', text: de.text.replace('lassen. Sie', 'lassen, und sie') };
    const paragraph = 'States should exercise due diligence. They must also cooperate! Who else would?';
    expect(correspondingQuote(en, paragraph, merged)).toBe(
      'Staaten sollten die gebotene Sorgfalt walten lassen, und sie müssen auch zusammenarbeiten! Wer sonst?',
    );
    expect(correspondingQuote(en, 'A last paragraph of one sentence.', de)).toBe('Ein letzter Absatz aus einem Satz.');
  });

  it('gives nothing rather than a wrong passage', () => {
    const merged = { language: 'de', text: de.text.replace('lassen. Sie', 'lassen, und sie') };
    // Part of a sentence: which words of the other sentence are the quoted ones is unknown.
    expect(correspondingQuote(en, 'exercise due diligence', de)).toBeNull();
    expect(correspondingQuote(en, 'due diligence. They must', de)).toBeNull();
    // Not as many sentences in the paragraph, or paragraphs in the text.
    expect(correspondingQuote(en, 'They must also cooperate!', merged)).toBeNull();
    const joined = { language: 'de', text: de.text.replace('\n\nEin letzter', ' Ein letzter') };
    expect(correspondingQuote(en, 'Cyberspace is no lawless space.', joined)).toBeNull();
    // Not in the quoted version, there more than once, across paragraphs, or empty.
    expect(correspondingQuote(en, 'States must not.', de)).toBeNull();
    const twice = { language: 'en', text: `${en.text}\n\nWho else would?` };
    expect(correspondingQuote(twice, 'Who else would?', { language: 'de', text: `${de.text}\n\nWer sonst?` })).toBe(
      null,
    );
    expect(correspondingQuote(en, 'space.\n\nStates should exercise due diligence.', de)).toBeNull();
    expect(correspondingQuote(en, '  ', de)).toBeNull();
  });
});
