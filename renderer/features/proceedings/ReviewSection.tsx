import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/entities.js';
import type { Proceedings, ReviewComment, ReviewState } from '../../../shared/model/proceedings.js';
import { anchorAt, resolveAnchor } from '../../../shared/proceedings/comment-anchor.js';
import { PROCEEDINGS_LIMITS } from '../../../shared/protocol/proceedings.js';
import { textDirection } from '../../../shared/languages.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { href } from '../../app/routes.js';
import { queueProceedingsChange } from '../../db/proceedings.js';
import { formatTime } from '../../i18n/format.js';
import { MoveButtons, StateBadge } from './MoveButtons.js';
import type { ProceedingsSection } from './use-proceedings.js';
import { markedRuns, selectionIn } from './review-marks.js';
import { QuoteFlags } from './QuoteFlags.js';
import { docFromFragment } from '../../../shared/synthesis/yjs-doc.js';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';

/**
 * One synthesis under review: its state and the moves the user may make,
 * its text with the open comments' words marked where they are now, and the
 * comment threads. Selecting words in the text offers a comment on them;
 * a comment can also be on the synthesis as a whole (reachable without a
 * pointer), and every comment can be answered, resolved and reopened.
 */
export function ReviewSection({
  section,
  record,
  roles,
  writer,
}: {
  section: ProceedingsSection;
  record: Proceedings & { pending: Set<string> };
  roles: readonly Role[];
  writer: boolean;
}) {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const { synthesis, question, doc } = section;
  const state: ReviewState = record.sections[synthesis.id] ?? 'draft';
  const comments = record.comments.filter((c) => c.synthesisId === synthesis.id);
  const runs = useMemo(() => markedRuns(doc, comments), [doc, comments]);
  const json = useMemo(() => docFromFragment(doc.getXmlFragment(SYNTHESIS_FIELD)), [doc]);
  const [selection, setSelection] = useState<{ run: number; from: number; to: number } | null>(null);
  const [draft, setDraft] = useState<{ replyTo: string | null; anchored: boolean } | null>(null);
  const [body, setBody] = useState('');
  const textRef = useRef<HTMLDivElement>(null);
  const dir = textDirection(synthesis.language);

  const queue = (mutation: Parameters<typeof queueProceedingsChange>[1]) =>
    queueProceedingsChange(db, mutation).catch(reportStorageError);

  const noteSelection = () => {
    const root = textRef.current;
    if (!root) return;
    for (const element of root.querySelectorAll<HTMLElement>('[data-run]')) {
      const at = selectionIn(element, window.getSelection());
      if (at) {
        setSelection({ run: Number(element.dataset.run), ...at });
        return;
      }
    }
    setSelection(null);
  };

  const save = async () => {
    if (!draft || !body.trim()) return;
    const anchor = draft.anchored && selection ? anchorAt(doc, selection.run, selection.from, selection.to) : null;
    await queue({
      id: crypto.randomUUID(),
      kind: 'review-comment-add',
      eventId: record.eventId,
      comment: {
        id: `rc-${crypto.randomUUID()}`,
        synthesisId: synthesis.id,
        anchor,
        body: body.trim(),
        replyTo: draft.replyTo,
      },
    });
    setDraft(null);
    setBody('');
    setSelection(null);
  };

  const threads = comments.filter((c) => !c.replyTo);
  const repliesOf = (id: string) => comments.filter((c) => c.replyTo === id);
  const commentForm = (
    <form
      className="review-comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {draft?.replyTo ? t('proceedings.comments.reply') : t('proceedings.comments.new')}
        <textarea
          value={body}
          required
          dir="auto"
          maxLength={PROCEEDINGS_LIMITS.commentLength}
          data-testid="review-comment-body"
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="review-comment-save">
        {t('proceedings.comments.save')}
      </button>{' '}
      <button type="button" onClick={() => setDraft(null)}>
        {t('proceedings.comments.cancel')}
      </button>
    </form>
  );

  const commentItem = (c: ReviewComment) => {
    const at = c.anchor ? resolveAnchor(doc, c.anchor) : null;
    return (
      <li
        key={c.id}
        className={c.resolved ? 'review-comment resolved' : 'review-comment'}
        data-testid="review-comment"
        data-comment={c.id}
      >
        <p className="meta">
          <Name text={c.authorName} /> · <bdi>{formatTime(uiLang, c.createdAt)}</bdi>
          {record.pending.has(`comment:${c.id}`) ? <> · {t('proceedings.notSent')}</> : null}
          {c.resolved ? (
            <>
              {' '}
              ·{' '}
              <span data-testid="review-comment-resolved">
                {t('proceedings.comments.resolvedBy', { name: c.resolvedByName ?? '' })}
              </span>
            </>
          ) : null}
        </p>
        {c.anchor ? (
          <blockquote className="review-comment-quote" dir={dir} lang={synthesis.language}>
            {at ? at.text : <s title={t('proceedings.comments.passageGone')}>{c.anchor.quote}</s>}
          </blockquote>
        ) : null}
        <p dir="auto" className="review-comment-body">
          {c.body}
        </p>
        {writer ? (
          <p className="review-comment-actions">
            {!c.replyTo ? (
              <button
                type="button"
                onClick={() => setDraft({ replyTo: c.id, anchored: false })}
                data-testid="review-comment-reply"
              >
                {t('proceedings.comments.replyButton')}
              </button>
            ) : null}{' '}
            <button
              type="button"
              data-testid={c.resolved ? 'review-comment-reopen' : 'review-comment-resolve'}
              onClick={() =>
                void queue({
                  id: crypto.randomUUID(),
                  kind: 'review-comment-resolve',
                  commentId: c.id,
                  resolved: !c.resolved,
                })
              }
            >
              {c.resolved ? t('proceedings.comments.reopen') : t('proceedings.comments.resolve')}
            </button>
          </p>
        ) : null}
        {draft?.replyTo === c.id ? commentForm : null}
        {repliesOf(c.id).length ? <ul className="review-replies">{repliesOf(c.id).map(commentItem)}</ul> : null}
      </li>
    );
  };

  const headingId = `review-${synthesis.id}`;
  return (
    <article
      className="review-section"
      aria-labelledby={headingId}
      data-testid="review-section"
      data-synthesis={synthesis.id}
    >
      <header className="review-section-head">
        <h4 id={headingId}>
          {question ? <span className="code">{question.code}</span> : null}{' '}
          <a href={href({ name: 'synthesis', id: synthesis.id })} dir="auto">
            {synthesis.title}
          </a>
        </h4>
        <StateBadge state={state} testId="section-state" />
        {writer ? (
          <MoveButtons
            roles={roles}
            whole={false}
            from={state}
            testId="section-move"
            onMove={(to) =>
              void queue({
                id: crypto.randomUUID(),
                kind: 'review-move',
                eventId: record.eventId,
                target: synthesis.id,
                from: state,
                to,
              })
            }
          />
        ) : null}
      </header>
      <QuoteFlags doc={json} />
      <div
        className="review-text"
        ref={textRef}
        lang={synthesis.language}
        dir={dir}
        onMouseUp={noteSelection}
        onKeyUp={noteSelection}
      >
        {runs.map((segments, run) => (
          <p key={run} data-run={run}>
            {segments.map((s, i) =>
              s.comments.length ? (
                <mark key={i} className="review-mark" data-comments={s.comments.join(' ')}>
                  {s.text}
                </mark>
              ) : (
                <span key={i}>{s.text}</span>
              ),
            )}
          </p>
        ))}
      </div>
      {writer ? (
        <p className="review-comment-start">
          <button
            type="button"
            data-testid="review-comment-on-selection"
            disabled={!selection}
            onClick={() => setDraft({ replyTo: null, anchored: true })}
          >
            {t('proceedings.comments.onSelection')}
          </button>{' '}
          <button
            type="button"
            data-testid="review-comment-on-whole"
            onClick={() => setDraft({ replyTo: null, anchored: false })}
          >
            {t('proceedings.comments.onWhole')}
          </button>
        </p>
      ) : null}
      {draft && draft.replyTo === null ? commentForm : null}
      {threads.length ? (
        <ul className="review-comments" aria-label={t('proceedings.comments.label', { count: threads.length })}>
          {threads.map(commentItem)}
        </ul>
      ) : null}
    </article>
  );
}
