import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteConflict } from '../../db/database.js';

/**
 * A note edited on two devices (or by two sessions) at once, where the edits
 * touch the same words: both texts side by side, and the author picks one or
 * writes the merged text. Nothing is chosen for them.
 */
export function ConflictResolver({ conflict, onResolve }: { conflict: NoteConflict; onResolve(note: string): void }) {
  const { t } = useTranslation();
  const [merged, setMerged] = useState(conflict.local);
  return (
    <section className="conflict" role="group" aria-label={t('reconcile.conflictTitle')} data-testid="note-conflict">
      <p className="banner banner-warning" role="note">
        {t('reconcile.conflictTitle')}
      </p>
      <div className="side-by-side">
        <figure>
          <figcaption>{t('reconcile.thisDevice')}</figcaption>
          <p dir="auto" className="annotation-note" data-testid="conflict-local">
            {conflict.local}
          </p>
          <button type="button" onClick={() => onResolve(conflict.local)} data-testid="keep-local">
            {t('reconcile.keepThis')}
          </button>
        </figure>
        <figure>
          <figcaption>{t('reconcile.otherVersion')}</figcaption>
          <p dir="auto" className="annotation-note" data-testid="conflict-server">
            {conflict.server}
          </p>
          <button type="button" onClick={() => onResolve(conflict.server)} data-testid="keep-server">
            {t('reconcile.keepThis')}
          </button>
        </figure>
      </div>
      <label>
        {t('reconcile.mergedText')}
        <textarea
          dir="auto"
          rows={4}
          value={merged}
          onChange={(e) => setMerged(e.target.value)}
          data-testid="merged-input"
        />
      </label>
      <button type="button" onClick={() => onResolve(merged)} data-testid="save-merged">
        {t('reconcile.saveMerged')}
      </button>
    </section>
  );
}
