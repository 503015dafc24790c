import { describe, expect, it } from 'vitest';
import { checkContributionText, normalizeContributionText } from '../../../shared/contribution/contribution-text.js';
import { suggestLanguage } from '../../../shared/contribution/suggest-language.js';
import { LIMITS } from '../../../shared/protocol/schemas.js';

describe('checkContributionText', () => {
  it.each<[string, string, ReturnType<typeof checkContributionText>]>([
    ['empty', '', 'empty'],
    ['only spaces and line breaks', '  \n\n\t ', 'empty'],
    ['shorter than the minimum once trimmed', `   ${'a'.repeat(LIMITS.contributionMinLength - 1)}   `, 'too-short'],
    ['exactly the minimum', 'a'.repeat(LIMITS.contributionMinLength), null],
    ['exactly the maximum', 'a'.repeat(LIMITS.contributionLength), null],
    ['one over the maximum', 'a'.repeat(LIMITS.contributionLength + 1), 'too-long'],
    ['a bell character', `${'a'.repeat(30)}\u0007`, 'control-characters'],
    ['a NUL', `${'a'.repeat(30)}\u0000`, 'control-characters'],
    ['tabs and line breaks are text', `Premier paragraphe,\tavec une tabulation.\n\nSecond.`, null],
    ['Chinese without spaces counts its characters', '国家应当在网络空间履行尽职调查义务并加强合作。', null],
  ])('%s', (_case, text, problem) => {
    expect(checkContributionText(text)).toBe(problem);
  });

  it('stores line endings as \\n whatever the platform typed', () => {
    expect(normalizeContributionText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});

describe('suggestLanguage', () => {
  it.each<[string, string | null]>([
    ['국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다.', 'ko'],
    ['国家应当在网络空间履行尽职调查义务。', 'zh'],
    ['يجب على الدول أن تبذل العناية الواجبة في الفضاء السيبراني.', 'ar'],
    ['Государства должны проявлять должную осмотрительность в киберпространстве.', 'ru'],
    ['Les États doivent exercer une diligence raisonnable dans le cyberespace et pour les infrastructures.', 'fr'],
    ['States should exercise due diligence in cyberspace and with respect to the infrastructure.', 'en'],
    ['Die Staaten sollten im Cyberraum die gebotene Sorgfalt walten lassen und für die Sicherheit sorgen.', 'de'],
    ['Los Estados deben ejercer la debida diligencia en el ciberespacio y con las infraestructuras.', 'es'],
    ['Gli Stati dovrebbero esercitare la dovuta diligenza nel cyberspazio e per le infrastrutture della rete.', 'it'],
    ['Os Estados devem exercer a devida diligência no ciberespaço e com as infraestruturas da rede.', 'pt'],
    ['OK', null],
    ['12345 67890 !!!', null],
  ])('%s → %s', (text, lang) => {
    expect(suggestLanguage(text)).toBe(lang);
  });
});
