import { useTranslation } from 'react-i18next';
import type { TagRow } from '../../db/database.js';
import { AnnotationCard } from './AnnotationCard.js';
import type { PlacedAnnotation } from './use-annotations.js';

interface Props {
  placed: readonly PlacedAnnotation[];
  tags: readonly TagRow[];
  onShow(item: PlacedAnnotation): void;
  onEdit(item: PlacedAnnotation): void;
  onDelete(item: PlacedAnnotation): void;
  onConfirmMove(item: PlacedAnnotation): void;
  onResolveConflict(item: PlacedAnnotation, note: string): void;
  onDismissNotice(item: PlacedAnnotation): void;
}

/** Every note on the contribution, whatever language version it was made on. */
export function NotesPanel({
  placed,
  tags,
  onShow,
  onEdit,
  onDelete,
  onConfirmMove,
  onResolveConflict,
  onDismissNotice,
}: Props) {
  const { t } = useTranslation();
  const byId = new Map(tags.map((tag) => [tag.id as string, tag]));
  const own = placed.filter((item) => item.own);
  const others = placed.filter((item) => !item.own);
  const list = (items: readonly PlacedAnnotation[]) => (
    <ol className="annotation-list">
      {items.map((item) => (
        <li key={item.row.id}>
          <AnnotationCard
            item={item}
            tags={byId}
            onShow={() => onShow(item)}
            onEdit={() => onEdit(item)}
            onDelete={() => onDelete(item)}
            onConfirmMove={() => onConfirmMove(item)}
            onResolveConflict={(note) => onResolveConflict(item, note)}
            onDismissNotice={() => onDismissNotice(item)}
          />
        </li>
      ))}
    </ol>
  );
  return (
    <aside className="notes-panel" aria-labelledby="notes-title" data-testid="notes-panel">
      <h3 id="notes-title">{t('annotate.notesTitle', { count: placed.length })}</h3>
      {placed.length === 0 ? <p className="meta">{t('annotate.noNotes')}</p> : null}
      {own.length > 0 ? (
        <section aria-label={t('annotate.mine')}>
          <h4>{t('annotate.mine')}</h4>
          {list(own)}
        </section>
      ) : null}
      {others.length > 0 ? (
        <section aria-label={t('annotate.seminars')} data-testid="others-notes">
          <h4>{t('annotate.seminars')}</h4>
          {list(others)}
        </section>
      ) : null}
    </aside>
  );
}
