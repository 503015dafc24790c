import type { ContributionId } from '../../../shared/model/entities.js';
import type { AnnotationTarget } from '../../../shared/model/annotations.js';
import type { Lang } from '../../../shared/languages.js';
import { targetSelection } from '../../../shared/anchoring/index.js';

/** Contributions as the seminar receives them: paragraphs separated by a blank line. */
export const paragraphs = (...ps: string[]) => ps.join('\n\n');

export const FR = paragraphs(
  "La diligence requise dans le cyberespace impose à chaque État de ne pas laisser sciemment son territoire être utilisé pour des actes contraires aux droits d'autres États. Cette obligation, reconnue par la Cour internationale de Justice dans l'affaire du Détroit de Corfou, est une obligation de comportement et non de résultat.",
  "L'attribution d'une cyberattaque à un État reste l'étape la plus délicate. Les preuves techniques, comme les adresses IP ou les signatures de logiciels malveillants, peuvent être falsifiées, et les services de renseignement hésitent à divulguer leurs sources. Une attribution publique doit pourtant reposer sur des éléments vérifiables.",
  "La protection des infrastructures critiques, qu'il s'agisse des réseaux électriques, des hôpitaux ou des systèmes financiers, exige une coopération étroite entre États et opérateurs privés. Un État qui constate une attaque en cours depuis son territoire devrait prendre les mesures raisonnables à sa portée pour y mettre fin.",
  "Enfin, la diligence requise ne doit pas servir de prétexte à une surveillance généralisée des réseaux : les mesures raisonnables doivent respecter les droits de l'homme, en particulier la liberté d'expression et la protection de la vie privée.",
);

export const EN = paragraphs(
  'Attribution of cyberattacks is as much a political decision as a technical finding. Forensic analysts can trace malware families, command-and-control servers and working hours, but the final step, naming a State, belongs to governments.',
  'Under the law of State responsibility, conduct is attributable to a State when it is carried out by its organs or by persons acting on its instructions or under its direction or control. The threshold of effective control, set out by the International Court of Justice, is demanding.',
  "Critical infrastructure deserves particular protection. An operation that disables a hospital's systems or a power grid in winter can endanger lives even if no physical damage occurs. Several States have stated that such operations may violate the principle of non-intervention.",
  'Confidence-building measures, such as points of contact and notification channels, reduce the risk that a misattributed incident escalates into an armed confrontation.',
);

/** The English version above as a second engine renders it: same paragraphs, mostly other words (one sentence alike). */
export const EN_RETRANSLATED = paragraphs(
  'Attributing cyber attacks is a political decision as much as a technical conclusion. Forensic experts can follow malware families, command servers and office hours, yet the last step, naming a State, is for governments.',
  'According to the law of State responsibility, behaviour is attributable to a State if its organs carry it out, or persons who act on its instructions or under its direction or control. The effective control test, laid down by the International Court of Justice, sets a high bar.',
  "Critical infrastructure deserves particular protection. An operation that shuts down a hospital's systems or a power network in winter can put lives at risk even without physical damage. Several States have declared that such operations may breach the non-intervention principle.",
  'Confidence-building measures, for instance contact points and notification channels, lower the risk that a wrongly attributed incident turns into an armed conflict.',
);

/** Partly vocalised, as Arabic contributions often are. */
export const AR = paragraphs(
  'يَقَعُ على عاتق كل دولة واجب بذل العِنايَةِ الواجِبَةِ في الفضاء السيبراني، فلا يجوز لها أن تسمح عن علم باستخدام إقليمها في أعمال تضر بحقوق الدول الأخرى.',
  'وتُعَدُّ حماية البنية التحتية الحيوية، مثل شبكات الكهرباء والمستشفيات والأنظمة المصرفية، أولويةً مشتركةً تتطلب تعاوناً وثيقاً بين الدول والقطاع الخاص.',
  'أما إسناد الهجمات السيبرانية إلى دولة بعينها فيبقى مسألة صعبة، لأن الأدلة التقنية قد تُزَوَّر، ولأن أجهزة الاستخبارات تتردد في كشف مصادرها.',
  'وينبغي أن تحترم التدابير المتخذة حقوق الإنسان، ولا سيما حرية التعبير والحق في الخصوصية.',
);

export const ZH = paragraphs(
  '网络空间的尽职调查义务要求每个国家不得故意允许其领土被用于实施违反他国权利的行为。这一义务源于国际法院在科孚海峡案中的判决，属于行为义务而非结果义务。',
  '将网络攻击归因于某一国家仍然是最困难的环节。技术证据可能被伪造，情报机构也不愿公开其来源，因此公开归因应当以可核查的证据为基础。',
  '保护关键基础设施，包括电网、医院和金融系统，需要国家与私营运营者之间的密切合作。一个国家如果发现有攻击正从其领土发起，应当采取力所能及的合理措施予以制止。',
  '最后，尽职调查不应成为对网络进行普遍监控的借口，所采取的措施必须尊重人权，特别是言论自由和隐私权。',
);

export const RU = paragraphs(
  'Принцип должной осмотрительности в киберпространстве обязывает каждое государство не допускать сознательного использования своей территории для действий, нарушающих права других государств.',
  'Атрибуция кибератак остаётся самым сложным этапом. Технические доказательства могут быть сфальсифицированы, а спецслужбы неохотно раскрывают свои источники.',
  'Защита критической инфраструктуры, включая энергосети, больницы и финансовые системы, требует тесного сотрудничества между государствами и частными операторами.',
  'Меры доверия, такие как контактные пункты и каналы уведомления, снижают риск того, что ошибочно атрибутированный инцидент перерастёт в вооружённый конфликт.',
);

/** Replaces the one occurrence of `from` in `text`; fails loudly when the fixture does not hold it exactly once. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1)
    throw new Error(`fixture edit: ${JSON.stringify(from)} must occur once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The offset of the `occurrence`-th (0-based) occurrence of `quote`; fails when there is none. */
export function offsetOf(text: string, quote: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`fixture: ${JSON.stringify(quote)} has no occurrence ${occurrence}`);
  }
  return at;
}

/** The target an expert makes by selecting `quote` (its `occurrence`-th occurrence) in version 1 of a text. */
export function annotate(text: string, quote: string, occurrence = 0, language: Lang = 'fr'): AnnotationTarget {
  const start = offsetOf(text, quote, occurrence);
  return targetSelection(
    { contributionId: 'c-1' as ContributionId, language },
    { text, sourceVersion: 1 },
    start,
    start + quote.length,
  );
}
