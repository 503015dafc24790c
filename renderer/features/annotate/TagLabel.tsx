import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../shared/model/annotations.js';
import { Localized } from '../../app/Localized.js';

/** A codebook tag's colour and label in the UI language; a proposal says so. */
export function TagLabel({ tag }: { tag: Pick<Tag, 'label' | 'color' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <span className="tag-label">
      <span className="tag-swatch" style={{ backgroundColor: tag.color }} aria-hidden="true" />
      <Localized text={tag.label} />
      {tag.status === 'proposed' ? <span className="badge">{t('annotate.proposed')}</span> : null}
    </span>
  );
}
