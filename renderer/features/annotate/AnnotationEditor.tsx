import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/protocol/schemas.js';
import type { Lang } from '../../../shared/languages.js';
import type { TagId, Visibility } from '../../../shared/model/annotations.js';
import type { TagRow } from '../../db/database.js';
import type { AnnotationBody } from '../../db/annotations.js';
import { TagLabel } from './TagLabel.js';

interface Props {
  quote: string;
  /** The quote's language, when known (a PDF's is not). */
  quoteLang?: Lang | undefined;
  initial: AnnotationBody;
  tags: readonly TagRow[];
  onSave(body: AnnotationBody): void | Promise<void>;
  onCancel(): void;
  onDelete?: () => void;
  onProposeTag(label: string): Promise<TagRow>;
}

/** The note, codebook tags and visibility of one highlight. */
export function AnnotationEditor({ quote, quoteLang, initial, tags, onSave, onCancel, onDelete, onProposeTag }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState(initial.note);
  const [chosen, setChosen] = useState<Set<TagId>>(new Set(initial.tags));
  const [visibility, setVisibility] = useState<Visibility>(initial.visibility);
  const [newTag, setNewTag] = useState('');

  const toggle = (id: TagId) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else if (next.size < LIMITS.tagsPerAnnotation) next.add(id);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSave({ note: note.trim(), tags: [...chosen], visibility });
  };

  const propose = async () => {
    const label = newTag.trim();
    if (!label) return;
    const tag = await onProposeTag(label);
    setNewTag('');
    setChosen((previous) => new Set(previous).add(tag.id));
  };

  return (
    <form
      className="annotation-editor"
      data-testid="annotation-editor"
      aria-label={t('annotate.editorLabel')}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <blockquote className="annotation-quote" lang={quoteLang} dir="auto">
        {quote}
      </blockquote>
      <label>
        {t('annotate.note')}
        <textarea
          dir="auto"
          value={note}
          maxLength={LIMITS.noteLength}
          rows={4}
          autoFocus
          data-testid="note-input"
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <fieldset>
        <legend>{t('annotate.tags')}</legend>
        {tags.length === 0 ? <p className="meta">{t('annotate.noTags')}</p> : null}
        <ul className="tag-choices">
          {tags.map((tag) => (
            <li key={tag.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(tag.id)}
                  onChange={() => toggle(tag.id)}
                  data-testid="tag-choice"
                  data-tag-id={tag.id}
                />
                <TagLabel tag={tag} />
              </label>
            </li>
          ))}
        </ul>
        <div className="tag-propose">
          <label>
            {t('annotate.proposeTag')}
            <input
              type="text"
              dir="auto"
              value={newTag}
              maxLength={LIMITS.tagLabelLength}
              data-testid="propose-tag-input"
              onChange={(event) => setNewTag(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void propose();
                }
              }}
            />
          </label>
          <button type="button" onClick={() => void propose()} disabled={!newTag.trim()} data-testid="propose-tag">
            {t('annotate.propose')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('annotate.visibility')}</legend>
        {(['private', 'seminar'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
              data-testid={`visibility-${value}`}
            />
            {t(`annotate.visibilityOption.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="editor-actions">
        <button type="submit" data-testid="save-annotation">
          {t('annotate.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('annotate.cancel')}
        </button>
        {onDelete ? (
          <button type="button" className="danger" onClick={onDelete} data-testid="delete-annotation">
            {t('annotate.delete')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
