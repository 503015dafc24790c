import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { citationState, citationsIn } from '../../../shared/synthesis/citation.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { Name } from '../../app/Name.js';

/**
 * The quotes of a synthesis under review whose source changed or was
 * withdrawn since they were quoted (the quote's text hash against the
 * contribution's version now): a reviewer must see them before approving.
 */
export function QuoteFlags({ doc }: { doc: SynthesisDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const citations = citationsIn(doc);
  const flagged = useLiveQuery(async () => {
    const ids = [...new Set(citations.map((c) => c.contributionId))];
    const [rows, texts] = await Promise.all([
      db.contributions.bulkGet(ids as never[]),
      db.texts.bulkGet(ids as never[]),
    ]);
    const sources = new Map(
      ids.map((id, i) => [
        id,
        rows[i] && texts[i] ? { status: rows[i]!.status, versions: texts[i]!.versions } : undefined,
      ]),
    );
    return citations
      .map((c) => ({ citation: c, state: citationState(c, sources.get(c.contributionId)) }))
      .filter((f) => f.state === 'changed' || f.state === 'withdrawn');
  }, [db, citations.map((c) => `${c.contributionId}:${c.textHash}`).join(' ')]);
  if (!flagged?.length) return null;
  return (
    <ul className="review-quote-flags" data-testid="review-quote-flags">
      {flagged.map(({ citation, state }) => (
        <li
          key={citation.citationId}
          className="banner banner-warning"
          role="note"
          data-testid="review-quote-flag"
          data-state={state}
        >
          <Name text={citation.authorName} /> ({citation.questionCode}): {t(`synthesis.quoteState.${state}`)}
        </li>
      ))}
    </ul>
  );
}
