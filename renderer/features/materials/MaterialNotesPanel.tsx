import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/languages.js';
import type { Participant } from '../../../shared/model/entities.js';
import type { AnnotationBody } from '../../db/annotations.js';
import type { MaterialNoteRow, TagRow } from '../../db/database.js';
import { AnnotationEditor } from '../annotate/AnnotationEditor.js';
import { TagLabel } from '../annotate/TagLabel.js';

/** One note as the panel lists it: where it is (page, time range) and whether its passage was found. */
export interface ListedNote {
  row: MaterialNoteRow;
  where: string;
  quote: string | null;
  state: 'anchored' | 'moved' | 'orphan';
}

export type NoteEditing = { mode: 'new'; quote: string } | { mode: 'edit'; row: MaterialNoteRow };

interface Props {
  items: readonly ListedNote[];
  tags: readonly TagRow[];
  me: Participant | undefined;
  editing: NoteEditing | null;
  /** The language of the material's text, for the quote's `lang`. */
  quoteLang: Lang | undefined;
  onShow(row: MaterialNoteRow): void;
  onEdit(row: MaterialNoteRow): void;
  onDelete(row: MaterialNoteRow): void;
  onSave(body: AnnotationBody): void;
  onCancel(): void;
  onProposeTag(label: string): Promise<TagRow>;
  /** Saves the notes as a Web Annotation file. */
  onExport(): void;
}

/** The notes on a material beside it (a PDF's passages, a video's time ranges), and the editor of one. */
export function MaterialNotesPanel(props: Props) {
  const { items, tags, me, editing, quoteLang } = props;
  const { t } = useTranslation();
  const byId = new Map(tags.map((tag) => [tag.id as string, tag]));
  return (
    <aside className="material-notes" aria-labelledby="material-notes-title" data-testid="material-notes">
      <div className="material-notes-head">
        <h4 id="material-notes-title">{t('annotate.notesTitle', { count: items.length })}</h4>
        <button
          type="button"
          onClick={props.onExport}
          disabled={items.length === 0}
          data-testid="export-material-notes"
        >
          {t('materials.notes.export')}
        </button>
      </div>
      {editing ? (
        <AnnotationEditor
          key={editing.mode === 'edit' ? editing.row.id : 'new'}
          quote={editing.mode === 'new' ? editing.quote : (items.find((i) => i.row.id === editing.row.id)?.where ?? '')}
          quoteLang={quoteLang}
          initial={
            editing.mode === 'edit'
              ? { note: editing.row.note, tags: editing.row.tags, visibility: editing.row.visibility }
              : { note: '', tags: [], visibility: 'private' }
          }
          tags={tags}
          onSave={props.onSave}
          onCancel={props.onCancel}
          onProposeTag={props.onProposeTag}
          {...(editing.mode === 'edit' ? { onDelete: () => props.onDelete(editing.row) } : {})}
        />
      ) : null}
      {items.length === 0 && !editing ? <p className="meta">{t('materials.notes.none')}</p> : null}
      <ol className="material-note-list">
        {items.map((item) => {
          const own = item.row.authorId === me?.id;
          return (
            <li key={item.row.id} data-testid="material-note" data-state={item.state}>
              <button type="button" className="material-note-where" onClick={() => props.onShow(item.row)}>
                {item.where}
              </button>
              {item.quote ? (
                <blockquote lang={quoteLang} dir="auto">
                  {item.quote}
                </blockquote>
              ) : null}
              {item.state === 'orphan' ? <p className="meta">{t('annotate.orphan')}</p> : null}
              {item.row.note ? (
                <p className="material-note-text" dir="auto">
                  {item.row.note}
                </p>
              ) : null}
              {item.row.tags.length ? (
                <ul className="material-note-tags">
                  {item.row.tags.map((id) => {
                    const tag = byId.get(id);
                    return <li key={id}>{tag ? <TagLabel tag={tag} /> : id}</li>;
                  })}
                </ul>
              ) : null}
              <p className="meta">
                {own ? t('annotate.mine') : <bdi>{item.row.authorName}</bdi>} ·{' '}
                {t(`annotate.visibilityBadge.${item.row.visibility}`)}
                {item.row.pending ? ` · ${t('annotate.notSynced')}` : ''}
              </p>
              {own ? (
                <div className="editor-actions">
                  <button type="button" onClick={() => props.onEdit(item.row)} data-testid="edit-material-note">
                    {t('annotate.edit')}
                  </button>
                  <button type="button" className="danger" onClick={() => props.onDelete(item.row)}>
                    {t('annotate.delete')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
