import { describe, expect, it } from 'vitest';
import { anchor, MIN_SCORE } from '../../../shared/anchoring/index.js';
import { annotate, AR, edit, EN, EN_RETRANSLATED, offsetOf, RU, ZH } from './fixtures.js';

function at(text: string, words: string, occurrence = 0) {
  const start = offsetOf(text, words, occurrence);
  return { start, end: start + words.length };
}

const v2 = (text: string) => ({ text, sourceVersion: 1 });
/** Arabic short vowels, tanwin, shadda, sukun and the superscript alef. */
const unvocalize = (text: string) => text.replace(/[\u064b-\u0652\u0670]/g, '');

describe('Arabic', () => {
  it('anchors a vocalised quote in a version whose vowel marks were removed', () => {
    const target = annotate(AR, 'بذل العِنايَةِ الواجِبَةِ في الفضاء السيبراني', 0, 'ar');
    const plain = unvocalize(AR);
    expect(plain).not.toBe(AR);
    expect(anchor(target, v2(plain))).toEqual({
      status: 'moved',
      ...at(plain, 'بذل العناية الواجبة في الفضاء السيبراني'),
      score: expect.closeTo(1, 2),
      retranslated: true,
    });
  });

  it('covers the vowel marks a version added, up to the last letter’s own marks', () => {
    const plain = unvocalize(AR);
    const target = annotate(plain, 'حماية البنية التحتية الحيوية', 0, 'ar');
    const vocalised = edit(plain, 'حماية البنية التحتية الحيوية', 'حِمايَةُ البِنْيَةِ التَّحْتِيَّةِ الحَيَوِيَّةِ');
    expect(anchor(target, v2(vocalised))).toMatchObject({
      status: 'moved',
      ...at(vocalised, 'حِمايَةُ البِنْيَةِ التَّحْتِيَّةِ الحَيَوِيَّةِ'),
    });
  });

  it('ignores a tatweel and a right-to-left mark added inside the quote', () => {
    const target = annotate(AR, 'الأدلة التقنية', 0, 'ar');
    const edited = edit(AR, 'الأدلة التقنية', 'الأدلــة\u200f التقنية');
    // Folded away, they are not even errors: the score is that of an untouched quote.
    expect(anchor(target, v2(edited))).toEqual({
      status: 'moved',
      ...at(edited, 'الأدلــة\u200f التقنية'),
      score: 1,
      retranslated: true,
    });
  });

  it('follows a quote when a paragraph is inserted before it, and orphans it when its paragraph is rewritten', () => {
    const quote = 'تتردد في كشف مصادرها';
    const target = annotate(AR, quote, 0, 'ar');
    const inserted = `ملاحظة تمهيدية أضافها الكاتب بعد الجلسة الأولى.\n\n${AR}`;
    expect(anchor(target, v2(inserted))).toMatchObject({ status: 'moved', ...at(inserted, quote) });
    const rewritten = edit(
      AR,
      'أما إسناد الهجمات السيبرانية إلى دولة بعينها فيبقى مسألة صعبة، لأن الأدلة التقنية قد تُزَوَّر، ولأن أجهزة الاستخبارات تتردد في كشف مصادرها.',
      'ويتطلب تحديد مصدر أي هجوم تعاوناً دولياً وتبادلاً منتظماً للمعلومات بين فرق الاستجابة للحوادث.',
    );
    expect(anchor(target, v2(rewritten))).toEqual({ status: 'orphan', retranslated: true });
  });
});

describe('Chinese (no spaces between words)', () => {
  it.each<[string, string, (t: string) => string, string]>([
    [
      'a character inserted inside',
      '技术证据可能被伪造',
      (t) => edit(t, '技术证据可能', '技术证据很可能'),
      '技术证据很可能被伪造',
    ],
    [
      'a sentence inserted before',
      '技术证据可能被伪造',
      (t) => edit(t, '将网络攻击', '据多国政府称，将网络攻击'),
      '技术证据可能被伪造',
    ],
    [
      'a clause deleted inside',
      '应当采取力所能及的合理措施予以制止',
      (t) => edit(t, '力所能及的', ''),
      '应当采取合理措施予以制止',
    ],
  ])('%s', (_case, quote, change, words) => {
    const edited = change(ZH);
    const result = anchor(annotate(ZH, quote, 0, 'zh'), v2(edited));
    expect(result).toMatchObject({ status: 'moved', ...at(edited, words) });
    expect(result.status === 'moved' && result.score).toBeGreaterThanOrEqual(MIN_SCORE);
  });

  it('keeps to the occurrence of a repeated term whose context matches', () => {
    // 尽职调查 opens paragraph 1 (…网络空间的) and paragraph 4 (最后，…).
    const target = annotate(ZH, '尽职调查', 1, 'zh');
    const edited = `作者在第一次会议后补充了以下说明。\n\n${ZH}`;
    expect(anchor(target, v2(edited))).toMatchObject({ status: 'moved', ...at(edited, '尽职调查', 1) });
  });

  it('orphans a quote whose paragraph was rewritten, despite look-alikes of its words', () => {
    const target = annotate(ZH, '应当采取力所能及的合理措施予以制止', 0, 'zh');
    const edited = edit(
      ZH,
      '保护关键基础设施，包括电网、医院和金融系统，需要国家与私营运营者之间的密切合作。一个国家如果发现有攻击正从其领土发起，应当采取力所能及的合理措施予以制止。',
      '关键基础设施的运营者应当定期开展演练，并与主管部门共享威胁情报。',
    );
    expect(edited).toContain('所采取的措施必须尊重人权');
    expect(anchor(target, v2(edited))).toEqual({ status: 'orphan', retranslated: true });
  });
});

describe('Russian', () => {
  it.each<[string, string, (t: string) => string, 'anchored' | 'moved', string]>([
    [
      'ё written as е',
      'Атрибуция кибератак остаётся самым сложным этапом',
      (t) => edit(t, 'остаётся', 'остается'),
      'moved',
      'Атрибуция кибератак остается самым сложным этапом',
    ],
    [
      'a word deleted inside',
      'требует тесного сотрудничества между государствами',
      (t) => edit(t, 'тесного ', ''),
      'moved',
      'требует сотрудничества между государствами',
    ],
    [
      'a word changed after',
      'Защита критической инфраструктуры',
      (t) => edit(t, 'включая энергосети', 'в том числе энергосети'),
      'anchored',
      'Защита критической инфраструктуры',
    ],
  ])('%s', (_case, quote, change, status, words) => {
    const edited = change(RU);
    expect(anchor(annotate(RU, quote, 0, 'ru'), v2(edited))).toMatchObject({ status, ...at(edited, words) });
  });
});

describe('a re-translated version', () => {
  const retranslation = { text: EN_RETRANSLATED, sourceVersion: 2 };

  it('flags every annotation as re-translated', () => {
    for (const quote of ['naming a State', 'deserves particular protection', 'International Court of Justice']) {
      expect(anchor(annotate(EN, quote, 0, 'en'), retranslation).retranslated).toBe(true);
    }
  });

  it('moves a quote whose sentence the new engine rendered alike', () => {
    expect(anchor(annotate(EN, 'deserves particular protection', 0, 'en'), retranslation)).toMatchObject({
      status: 'moved',
      ...at(EN_RETRANSLATED, 'deserves particular protection'),
    });
  });

  it('orphans a quote whose words the new engine changed', () => {
    expect(
      anchor(annotate(EN, 'the final step, naming a State, belongs to governments', 0, 'en'), retranslation),
    ).toEqual({ status: 'orphan', retranslated: true });
  });
});
