import { useTranslation } from 'react-i18next';
import { visibleText } from '../../shared/text/visible-text.js';

/**
 * A person's or an organisation's name from the corpus or a participant:
 * isolated from the text around it (<bdi>), with hidden direction and
 * zero-width characters taken out so it cannot pass for another name; the
 * reader is told when some were.
 */
export function Name({ text, className }: { text: string; className?: string }) {
  const { t } = useTranslation();
  const shown = visibleText(text);
  return (
    <bdi className={className} data-stripped={shown.stripped || undefined}>
      {shown.text}
      {shown.stripped ? (
        <span className="name-altered" title={t('app.hiddenCharacters')} aria-label={t('app.hiddenCharacters')}>
          {' '}
          ⚠
        </span>
      ) : null}
    </bdi>
  );
}
