import { useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { QuestionId } from '../../../shared/model/entities.js';
import { GRID_MAP, type SynthesisNode } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { getMe } from '../../db/annotations.js';
import type { AnnotationRow } from '../../db/database.js';
import { TagLabel } from '../annotate/TagLabel.js';
import { useWorkspace } from './use-workspace.js';
import { cellSummaries, recordGridAuthor } from './grid-summaries.js';

type Axis = 'contribution' | 'authorKind';

/**
 * The summary grid, as qualitative-analysis tools have it: codebook tags ×
 * contributions (or × author kinds) for the question; each cell shows its
 * coded passages and the rapporteurs' short summaries of them. Summaries live
 * in the synthesis's Y.Doc (map `grid`), one text per cell and author, so two
 * rapporteurs summarising the same cell offline both keep theirs.
 */
export function SummaryGrid({
  doc,
  questionId,
  writer,
  onInsert,
}: {
  doc: Y.Doc;
  questionId: QuestionId;
  writer: boolean;
  onInsert: ((block: SynthesisNode) => void) | null;
}) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [axis, setAxis] = useState<Axis>('contribution');
  const data = useWorkspace(db, questionId, { authorKind: '', language: '' });
  const me = useLiveQuery(() => getMe(db), [db]);
  const grid = doc.getMap<Y.Text>(GRID_MAP);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    grid.observeDeep(refresh);
    return () => grid.unobserveDeep(refresh);
  }, [grid]);
  if (!data) return <p role="status">{t('app.loading')}</p>;

  const notes = data.groups.flatMap((g) => g.notes);
  const columns =
    axis === 'contribution'
      ? [...new Set(notes.map((n) => n.contributionId))].map((id) => ({
          id: id as string,
          label: data.contributions.get(id)?.author.name ?? id,
          has: (n: AnnotationRow) => n.contributionId === id,
        }))
      : [...new Set(notes.map((n) => data.contributions.get(n.contributionId)?.authorKind))].flatMap((kind) =>
          kind
            ? [
                {
                  id: `kind:${kind}`,
                  label: t(`authorKind.${kind}`),
                  has: (n: AnnotationRow) => data.contributions.get(n.contributionId)?.authorKind === kind,
                },
              ]
            : [],
        );
  const rows = data.groups.filter((g) => g.tag);
  // The heat map's scale: a cell's share of the fullest cell, in five steps.
  const most = Math.max(1, ...rows.flatMap((row) => columns.map((column) => row.notes.filter(column.has).length)));
  const heat = (count: number) => (count === 0 ? 0 : Math.max(1, Math.ceil((count / most) * 4)));
  const write = (key: string, value: string) => {
    doc.transact(() => {
      if (me) recordGridAuthor(doc, me.id, me.name);
      let text = grid.get(key);
      if (!text) {
        text = new Y.Text();
        grid.set(key, text);
      }
      text.delete(0, text.length);
      text.insert(0, value);
    });
  };

  return (
    <section aria-label={t('synthesis.grid')} data-testid="summary-grid">
      <p>
        <label>
          {t('synthesis.gridColumns')}{' '}
          <select value={axis} data-testid="grid-axis" onChange={(e) => setAxis(e.target.value as Axis)}>
            <option value="contribution">{t('synthesis.byContribution')}</option>
            <option value="authorKind">{t('synthesis.byAuthorKind')}</option>
          </select>
        </label>
      </p>
      <div className="grid-scroller">
        <table className="summary-grid">
          <thead>
            <tr>
              <th scope="col">{t('synthesis.tag')}</th>
              {columns.map((c) => (
                <th key={c.id} scope="col">
                  <bdi>{c.label}</bdi>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.tag!.id}>
                <th scope="row">
                  <TagLabel tag={row.tag!} />
                </th>
                {columns.map((column) => {
                  const cell = `${row.tag!.id}|${column.id}`;
                  const coded = row.notes.filter(column.has);
                  const mine = me ? `${cell}|${me.id}` : null;
                  return (
                    <td key={column.id} data-testid="grid-cell" data-cell={cell} data-heat={heat(coded.length)}>
                      {coded.length > 0 ? (
                        <span className="heat-count">{t('ui.heat.passages', { count: coded.length })}</span>
                      ) : null}
                      {coded.map((n) => (
                        <q key={n.id} dir="auto" lang={n.target.language} className="coded">
                          {n.target.quote.exact}
                        </q>
                      ))}
                      {cellSummaries(doc, cell)
                        .filter((s) => s.key !== mine && s.text)
                        .map((s) => (
                          <p key={s.key} className="cell-summary" data-testid="other-summary">
                            <strong>
                              <bdi>{s.author ?? t('synthesis.anotherRapporteur')}</bdi>
                            </strong>{' '}
                            <span dir="auto">{s.text}</span>
                          </p>
                        ))}
                      {coded.length > 0 && writer && mine ? (
                        <>
                          <textarea
                            aria-label={t('synthesis.cellSummary')}
                            data-testid="cell-summary"
                            dir="auto"
                            rows={2}
                            value={grid.get(mine)?.toString() ?? ''}
                            onChange={(e) => write(mine, e.target.value)}
                          />
                          {onInsert && grid.get(mine)?.toString() ? (
                            <button
                              type="button"
                              data-testid="insert-summary"
                              onClick={() =>
                                onInsert({
                                  type: 'paragraph',
                                  content: [{ type: 'text', text: grid.get(mine)!.toString() }],
                                })
                              }
                            >
                              {t('synthesis.insertSummary')}
                            </button>
                          ) : null}
                        </>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
