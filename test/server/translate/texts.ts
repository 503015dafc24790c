/** Sample contributions for the splitting and translation tests. */

export const FRENCH_SENTENCES = [
  'La sécurité internationale dans la société numérique exige des règles claires et partagées.',
  'Les États doivent-ils répondre à une cyberattaque par des contre-mesures proportionnées ?',
  "Le droit international s'applique au cyberespace, mais son interprétation reste débattue.",
  'Nous proposons la création d’un mécanisme d’attribution indépendant, placé sous l’égide des Nations unies.',
  'Les infrastructures critiques — hôpitaux, réseaux électriques, systèmes financiers — méritent une protection renforcée !',
  'Enfin, la coopération entre équipes de réponse aux incidents doit être encouragée.',
];

/** A French contribution of about `length` characters, in paragraphs of three to seven sentences. */
export function frenchText(length: number): string {
  const paragraphs: string[] = [];
  let total = 0;
  for (let p = 0; total < length; p++) {
    const sentences = Array.from(
      { length: 3 + (p % 5) },
      (_, i) => FRENCH_SENTENCES[(p + i) % FRENCH_SENTENCES.length],
    );
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    total += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

export const ARABIC =
  'يجب على الدول احترام القانون الدولي في الفضاء الإلكتروني. هل يحق للدولة الرد على هجوم إلكتروني بتدابير مضادة؟ ' +
  'نقترح إنشاء آلية مستقلة لتحديد المسؤولية! وينبغي حماية البنى التحتية الحيوية مثل المستشفيات وشبكات الكهرباء.';

export const CHINESE =
  '国际法适用于网络空间。各国应当如何应对针对关键基础设施的网络攻击？我们建议设立一个独立的归因机制！' +
  '医院、电网和金融系统应当受到特别保护。计算机应急响应小组之间的合作应当得到鼓励。';
