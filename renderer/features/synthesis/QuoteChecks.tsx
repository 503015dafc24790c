import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { citationState, citationsIn } from '../../../shared/synthesis/citation.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { languageName } from '../../i18n/format.js';
import { citationHref } from './citation-mark.js';
import { blocksOf } from './earlier-syntheses.js';
import { synthesisQuoteHref } from './synthesis-quote-mark.js';
import { materialQuoteHref } from './material-quote-mark.js';
import { materialQuotesIn, materialTitleIn } from '../../../shared/synthesis/material-quote.js';
import {
  locatePassage,
  synthesisQuotesIn,
  synthesisQuoteState,
  type SynthesisQuoteAttrs,
} from '../../../shared/synthesis/synthesis-quote.js';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { href } from '../../app/routes.js';
import { Name } from '../../app/Name.js';

/**
 * Every quote of the synthesis with where it comes from: a machine
 * translation says so and shows the original's wording; a quote whose source
 * changed or was withdrawn since it was quoted is flagged.
 */
export function QuoteChecks({ doc }: { doc: SynthesisDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const citations = citationsIn(doc);
  const sources = useLiveQuery(async () => {
    const ids = [...new Set(citations.map((c) => c.contributionId))];
    const [rows, texts] = await Promise.all([
      db.contributions.bulkGet(ids as never[]),
      db.texts.bulkGet(ids as never[]),
    ]);
    return new Map(
      ids.map((id, i) => [
        id,
        rows[i] && texts[i] ? { status: rows[i]!.status, versions: texts[i]!.versions } : undefined,
      ]),
    );
  }, [db, citations.map((c) => c.contributionId).join(' ')]);
  const fromSyntheses = synthesisQuotesIn(doc);
  const fromDocuments = materialQuotesIn(doc);
  if (citations.length === 0 && fromSyntheses.length === 0 && fromDocuments.length === 0)
    return <p className="meta">{t('synthesis.noQuotes')}</p>;
  return (
    <>
      <ol className="quote-checks" data-testid="quote-checks">
        {citations.map((c, index) => {
          const state = sources ? citationState(c, sources.get(c.contributionId)) : 'current';
          return (
            <li key={c.citationId} data-testid="quote-check" data-state={state}>
              <a href={citationHref(c)} data-testid="open-citation">
                [{index + 1}] <Name text={c.authorName} />
              </a>{' '}
              <span className="meta">
                {languageName(uiLang, c.language)}
                {c.origin === 'machine' ? ` · ${t('synthesis.machineFrom', { engine: c.engine ?? '?' })}` : ''}
              </span>
              {state !== 'current' ? (
                <p className="banner banner-warning" role="note" data-testid="quote-flag">
                  {t(`synthesis.quoteState.${state}`)}
                  {state === 'withdrawn' ? ` ${t('synthesis.withdrawnInExports')}` : ''}
                </p>
              ) : null}
              {c.origin === 'machine' && c.originalText ? (
                <p className="meta" data-testid="original-wording">
                  {t('synthesis.originalWording', { language: languageName(uiLang, c.originalLanguage) })}{' '}
                  <q dir="auto" lang={c.originalLanguage}>
                    {c.originalText}
                  </q>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <SynthesisQuoteChecks quotes={fromSyntheses} first={citations.length + 1} />
      {fromDocuments.length ? (
        <ol
          className="quote-checks"
          start={citations.length + fromSyntheses.length + 1}
          data-testid="document-quote-checks"
        >
          {fromDocuments.map((q) => (
            <li key={q.quoteId} data-testid="document-quote-check">
              <a href={materialQuoteHref(q)}>
                <q dir="auto">{materialTitleIn(q, uiLang)}</q>
              </a>{' '}
              <span className="meta">{t('materials.inSynthesis.page', { page: q.page })}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

/**
 * The quotes of earlier events' syntheses: where each comes from, opened at the
 * words where they are now, flagged when that paragraph changed since or the
 * words are no longer there (or the synthesis left this device).
 */
function SynthesisQuoteChecks({ quotes, first }: { quotes: SynthesisQuoteAttrs[]; first: number }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const ids = [...new Set(quotes.map((q) => q.synthesisId))];
  const blocks = useLiveQuery(() => blocksOf(db, ids), [db, ids.join(' ')]);
  if (quotes.length === 0) return null;
  return (
    <ol className="quote-checks" start={first} data-testid="synthesis-quote-checks">
      {quotes.map((q) => {
        const here = blocks?.get(q.synthesisId);
        const state = blocks ? synthesisQuoteState(q, here) : 'current';
        const place = here ? locatePassage(q, here) : null;
        return (
          <li key={q.quoteId} data-testid="synthesis-quote-check" data-state={state}>
            <a
              href={
                place
                  ? href({ name: 'synthesis', id: q.synthesisId as SynthesisId, passage: place })
                  : synthesisQuoteHref(q)
              }
              data-testid="open-synthesis-quote"
            >
              <q dir="auto" lang={q.synthesisLanguage}>
                {q.synthesisTitle}
              </q>
            </a>{' '}
            <span className="meta">
              <Localized text={q.eventTitle} /> · {q.questionCode} · <Name text={q.rapporteur} />
            </span>
            {state !== 'current' ? (
              <p className="banner banner-warning" role="note" data-testid="quote-flag">
                {t(`events.earlier.state.${state}`)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
