import { useTranslation } from 'react-i18next';
import type { VersionDiff } from './version-diff.js';

/** The paragraphs one history entry touched, words added and removed marked (not by colour alone). */
export function VersionDiffView({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  const touched = diff.paragraphs.filter((p) => p.kind !== 'same');
  if (touched.length === 0) return <p className="meta">{t('synthesis.noDifferences')}</p>;
  return (
    <div className="version-diff" data-testid="version-diff">
      {touched.map((paragraph, i) => (
        <p key={i} dir="auto" className={`version-diff-${paragraph.kind}`}>
          {paragraph.segments.map((segment, j) =>
            segment.kind === 'added' ? (
              <ins key={j} title={t('synthesis.added')}>
                {segment.text}
              </ins>
            ) : segment.kind === 'removed' ? (
              <del key={j} title={t('synthesis.removed')}>
                {segment.text}
              </del>
            ) : (
              <span key={j}>{segment.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
