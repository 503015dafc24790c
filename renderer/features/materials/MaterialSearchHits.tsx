import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../shared/languages.js';
import type { QuestionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { searchMaterials, type MaterialHit } from '../../materials/material-search.js';
import { SnippetText } from '../search/SnippetText.js';
import { clockTime } from './material-note-label.js';

/** How long typing must pause before the materials are searched (the contributions' search has its worker). */
const SETTLE_MS = 150;

/**
 * The briefing materials' hits for the search screen's query: PDF pages and
 * transcript lines, each opening the material at that page or moment.
 */
export function MaterialSearchHits({ query }: { query: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  // Hits are kept with the query they answer: a stale answer is never shown for a new query.
  const [found, setFound] = useState<{ query: string; hits: MaterialHit[] }>({ query: '', hits: [] });
  const hits = found.query === query ? found.hits : [];

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      if (!query.trim()) return;
      void searchMaterials(db, query, lang).then(
        (hits) => !cancelled && setFound({ query, hits }),
        () => !cancelled && setFound({ query, hits: [] }),
      );
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, query, lang]);

  if (!hits.length) return null;
  return (
    <section className="material-hits" aria-labelledby="material-hits-title" data-testid="material-hits">
      <h3 id="material-hits-title">{t('materials.search.title', { count: hits.length })}</h3>
      <ol>
        {hits.map((hit) => {
          const title = pickLocalized(hit.title, lang);
          const where =
            hit.page !== undefined ? t('materials.notes.page', { page: hit.page }) : clockTime(hit.time ?? 0);
          const link =
            hit.owner.kind === 'question'
              ? href({
                  name: 'question',
                  id: hit.owner.id as QuestionId,
                  material: {
                    id: hit.materialId,
                    ...(hit.page !== undefined ? { page: hit.page } : { time: hit.time ?? 0 }),
                  },
                })
              : undefined;
          return (
            <li key={`${hit.materialId}:${hit.page ?? hit.time}:${hit.lang ?? ''}`} data-testid="material-hit">
              <a href={link}>
                <span lang={title?.lang} dir="auto">
                  {title?.text ?? hit.materialId}
                </span>{' '}
                · {where}
              </a>
              <p>
                <SnippetText snippet={hit.snippet} {...(hit.lang ? { lang: hit.lang } : {})} />
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
