import { useTranslation } from 'react-i18next';
import type { TagRow } from '../../db/database.js';
import { useUiLang } from '../../app/Localized.js';
import { formatDate, languageName } from '../../i18n/format.js';
import type { PlacedAnnotation } from './use-annotations.js';
import { TagLabel } from './TagLabel.js';
import { ConflictResolver } from './ConflictResolver.js';
import { Name } from '../../app/Name.js';

interface Props {
  item: PlacedAnnotation;
  tags: ReadonlyMap<string, TagRow>;
  onResolveConflict?: (note: string) => void;
  onDismissNotice?: () => void;
  onShow?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  onConfirmMove?: () => void;
}

/**
 * One note as the lists show it: the language it was made on, its quote, its
 * note and tags, whose it is, and whether its passage moved or is gone. An
 * orphan is listed like any other: a note is never dropped.
 */
export function AnnotationCard({
  item,
  tags,
  onShow,
  onEdit,
  onDelete,
  onConfirmMove,
  onResolveConflict,
  onDismissNotice,
}: Props) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const { row, own, placement } = item;
  return (
    <article
      className={`annotation-card ${own ? 'annotation-own' : 'annotation-other'} annotation-${placement.status}`}
      data-testid="annotation-card"
      data-annotation-id={row.id}
      data-status={placement.status}
      data-lang={row.target.language}
    >
      <header className="annotation-head">
        <span className="language">
          {t('annotate.madeOn', { language: languageName(uiLang, row.target.language) })}
        </span>
        {own ? (
          <span className="badge" data-testid="visibility-badge">
            {t(`annotate.visibilityBadge.${row.visibility}`)}
          </span>
        ) : (
          <span className="badge badge-other">
            <Name text={row.authorName} />
          </span>
        )}
        {row.pending === 1 ? <span className="badge badge-pending">{t('annotate.notSynced')}</span> : null}
        <time dateTime={row.updatedAt} className="meta">
          {formatDate(uiLang, row.updatedAt)}
        </time>
      </header>
      {placement.status === 'moved' ? (
        <p className="banner banner-warning" role="note" data-testid="moved-warning">
          {t('annotate.moved')}
          {own && onConfirmMove ? (
            <button type="button" className="link-button" onClick={onConfirmMove} data-testid="confirm-move">
              {t('annotate.confirmMove')}
            </button>
          ) : null}
        </p>
      ) : null}
      {placement.status === 'orphan' ? (
        <p className="banner banner-error" role="note" data-testid="orphan-warning">
          {t('annotate.orphan')}
        </p>
      ) : null}
      {row.notice === 'kept-edit-over-delete' ? (
        <p className="banner banner-warning" role="note" data-testid="kept-over-delete">
          {t('reconcile.keptOverDelete')}
          {onDismissNotice ? (
            <button type="button" className="link-button" onClick={onDismissNotice}>
              {t('common.dismiss')}
            </button>
          ) : null}
        </p>
      ) : null}
      {own && row.conflict && onResolveConflict ? (
        <ConflictResolver conflict={row.conflict} onResolve={onResolveConflict} />
      ) : null}
      {placement.retranslated ? (
        <p className="meta" data-testid="retranslated-note">
          {placement.onOriginal ? t('annotate.originalEdited') : t('annotate.retranslated')}
        </p>
      ) : null}
      <blockquote className="annotation-quote" lang={row.target.language} dir="auto">
        {row.target.quote.exact}
      </blockquote>
      {row.note ? (
        <p className="annotation-note" dir="auto" data-testid="annotation-note">
          {row.note}
        </p>
      ) : null}
      {row.tags.length > 0 ? (
        <ul className="annotation-tags" aria-label={t('annotate.tags')}>
          {row.tags.map((id) => {
            const tag = tags.get(id);
            return <li key={id}>{tag ? <TagLabel tag={tag} /> : <span className="meta">{id}</span>}</li>;
          })}
        </ul>
      ) : null}
      <div className="annotation-actions">
        {onShow && placement.status !== 'orphan' ? (
          <button type="button" className="link-button" onClick={onShow} data-testid="show-annotation">
            {t('annotate.show')}
          </button>
        ) : null}
        {own && onEdit ? (
          <button type="button" className="link-button" onClick={onEdit} data-testid="edit-annotation">
            {t('annotate.edit')}
          </button>
        ) : null}
        {own && onDelete ? (
          <button type="button" className="link-button" onClick={onDelete} data-testid="delete-annotation-card">
            {t('annotate.delete')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
