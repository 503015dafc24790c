import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionId } from '../../../shared/model/entities.js';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { findMatches, type TextSpan } from '../../../shared/search/match.js';
import { parseQuery, planQuery } from '../../../shared/search/query.js';
import type { SynthesisNode } from '../../../shared/synthesis/document.js';
import { synthesisQuoteBlock, synthesisQuoteFor } from '../../../shared/synthesis/synthesis-quote.js';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { href } from '../../app/routes.js';
import { SnippetText } from '../search/SnippetText.js';
import { useEarlierSyntheses } from './earlier-syntheses.js';

/** The offsets of the words selected inside `element` (whose text is the passage), or null. */
function selectedRange(element: HTMLElement | null): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!element || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(element);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

/**
 * The syntheses of the user's earlier events beside the one being written
 * (issue 18, "carry work forward"): found by words (the app's search rules, so
 * Chinese, Korean and Arabic work as in Search), quoted whole or by the words
 * selected in a passage. The quote keeps its provenance: event, question,
 * synthesis, paragraph and the version of that paragraph.
 */
export function EarlierSynthesesPanel({
  questionId,
  onInsert,
}: {
  questionId: QuestionId;
  onInsert: ((block: SynthesisNode) => void) | null;
}) {
  const { t } = useTranslation();
  const { db } = useApp();
  const earlier = useEarlierSyntheses(db, questionId);
  const [query, setQuery] = useState('');
  const clauses = useMemo(() => parseQuery(query), [query]);
  const passages = useMemo(
    () =>
      (earlier ?? []).map((e) => ({
        ...e,
        found: e.blocks.flatMap((text, block): { block: number; text: string; spans: TextSpan[] }[] => {
          if (!text.trim()) return [];
          if (clauses.length === 0) return [{ block, text, spans: [] }];
          const matches = findMatches(text, e.synthesis.language, planQuery(clauses, e.synthesis.language));
          return matches.complete ? [{ block, text, spans: matches.spans }] : [];
        }),
      })),
    [earlier, clauses],
  );
  const texts = useRef(new Map<string, HTMLElement>());
  if (!earlier) return <p role="status">{t('app.loading')}</p>;
  const total = passages.reduce((sum, e) => sum + e.found.length, 0);
  return (
    <section className="workspace earlier-syntheses" aria-label={t('events.earlier.title')} data-testid="earlier-panel">
      <p className="filters">
        <label>
          {t('events.earlier.find')}{' '}
          <input
            type="search"
            value={query}
            dir="auto"
            data-testid="earlier-search"
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      </p>
      {earlier.length === 0 ? (
        <p className="meta">{t('events.earlier.none')}</p>
      ) : (
        <p className="meta" role="status" data-testid="earlier-count">
          {t('events.earlier.passages', { count: total })}
        </p>
      )}
      {passages
        .filter((e) => e.found.length > 0)
        .map((e) => (
          <details key={e.synthesis.id} open data-testid="earlier-synthesis">
            <summary>
              <span dir="auto">{e.synthesis.title}</span>{' '}
              <span className="meta">
                <Localized text={e.source.eventTitle} /> · {e.source.questionCode} · <Name text={e.source.rapporteur} />
              </span>
            </summary>
            <ul className="workspace-notes">
              {e.found.map(({ block, text, spans }) => {
                const key = `${e.synthesis.id}/${block}`;
                return (
                  <li key={key} data-testid="earlier-passage">
                    <blockquote
                      dir="auto"
                      lang={e.synthesis.language}
                      ref={(el) => {
                        if (el) texts.current.set(key, el);
                        else texts.current.delete(key);
                      }}
                    >
                      <SnippetText
                        snippet={{
                          text,
                          start: 0,
                          cutBefore: false,
                          cutAfter: false,
                          highlights: spans,
                          first: spans[0] ?? { start: 0, end: 0 },
                        }}
                        lang={e.synthesis.language}
                      />
                    </blockquote>
                    <p className="meta">
                      <a
                        href={href({
                          name: 'synthesis',
                          id: e.synthesis.id as SynthesisId,
                          passage: { block, start: 0, end: text.length },
                        })}
                        data-testid="open-earlier-passage"
                      >
                        {t('events.earlier.open')}
                      </a>
                    </p>
                    {onInsert ? (
                      <button
                        type="button"
                        data-testid="insert-earlier-quote"
                        title={t('events.earlier.insertHint')}
                        onClick={() =>
                          onInsert(
                            synthesisQuoteBlock(
                              synthesisQuoteFor(
                                e.source,
                                e.blocks,
                                block,
                                crypto.randomUUID(),
                                new Date().toISOString().slice(0, 10),
                                selectedRange(texts.current.get(key) ?? null) ?? undefined,
                              ),
                            ),
                          )
                        }
                      >
                        {t('synthesis.insertQuote')}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </details>
        ))}
    </section>
  );
}
