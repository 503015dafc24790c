import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditionSummary } from '../../../shared/model/proceedings.js';
import { EDITION_FORMATS, type EditionFormat } from '../../../shared/protocol/proceedings.js';
import { NATIVE_NAMES, isLang, type Lang } from '../../../shared/languages.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { formatTime } from '../../i18n/format.js';
import { showToast } from '../../ui/Toasts.js';

/**
 * The published editions, each frozen with its content hash, and their
 * exports. The server makes the files from the frozen edition (it holds
 * the fonts to embed), so exporting needs it; the same edition gives the
 * same file every time.
 */
export function EditionList({
  eventId,
  editions,
  canExport,
}: {
  eventId: string;
  editions: EditionSummary[];
  canExport: boolean;
}) {
  const { t } = useTranslation();
  const { settings, bridge } = useApp();
  const uiLang = useUiLang();
  const [busy, setBusy] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<number, Lang>>({});

  const exportEdition = async (number: number, format: EditionFormat, lang: Lang) => {
    setBusy(`${number}-${format}`);
    try {
      // The website holds every language the edition exists in; the other formats are one language each.
      const query = format === 'site' ? '' : `?lang=${lang}`;
      const res = await fetch(
        `${settings.serverUrl}/api/events/${encodeURIComponent(eventId)}/proceedings/editions/${number}/export/${format}${query}`,
        { headers: { authorization: `Bearer ${settings.token}` } },
      );
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `proceedings.${format}`;
      const saved = await bridge.saveFile(name, bytes, res.headers.get('content-type') ?? 'application/octet-stream');
      if (saved.saved)
        showToast({ text: t('proceedings.editions.exported'), tone: 'success', testId: 'edition-export-saved' });
    } catch {
      showToast({ text: t('proceedings.editions.exportFailed'), tone: 'error', testId: 'edition-export-failed' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="proceedings-editions" className="proceedings-editions" data-testid="proceedings-editions">
      <h3 id="proceedings-editions">{t('proceedings.editions.title')}</h3>
      {editions.length === 0 ? <p>{t('proceedings.editions.none')}</p> : null}
      <ol className="edition-list">
        {[...editions].reverse().map((e) => {
          const lang = chosen[e.number] ?? (e.languages.includes(uiLang) ? uiLang : e.language);
          return (
            <li key={e.number} data-testid="edition" data-edition={e.number}>
              <p>
                <strong>{t('proceedings.editions.number', { number: e.number })}</strong> ·{' '}
                <bdi lang={e.language}>{NATIVE_NAMES[e.language]}</bdi> · <bdi>{formatTime(uiLang, e.publishedAt)}</bdi>{' '}
                · <Name text={e.publishedByName} />
              </p>
              <p className="meta">
                {t('proceedings.editions.hash')}{' '}
                <code title={e.contentHash} data-testid="edition-hash">
                  {e.contentHash.slice(0, 16)}
                </code>
              </p>
              <p data-testid="edition-languages" data-count={e.languages.length}>
                {t('proceedings.editions.languages', { count: e.languages.length })}{' '}
                <span className="meta">
                  {e.languages.map((l, i) => (
                    <span key={l}>
                      {i > 0 ? ' · ' : ''}
                      <bdi lang={l}>{NATIVE_NAMES[l]}</bdi>
                    </span>
                  ))}
                </span>
              </p>
              {canExport ? (
                <p
                  className="edition-exports"
                  role="group"
                  aria-label={t('proceedings.editions.exportLabel', { number: e.number })}
                >
                  <label>
                    {t('proceedings.editions.exportLanguage')}{' '}
                    <select
                      value={lang}
                      data-testid="edition-export-language"
                      onChange={(event) =>
                        isLang(event.target.value) && setChosen({ ...chosen, [e.number]: event.target.value })
                      }
                    >
                      {e.languages.map((l) => (
                        <option key={l} value={l}>
                          {NATIVE_NAMES[l]}
                        </option>
                      ))}
                    </select>
                  </label>
                  {EDITION_FORMATS.map((format) => (
                    <button
                      key={format}
                      type="button"
                      disabled={busy !== null}
                      aria-busy={busy === `${e.number}-${format}`}
                      data-testid={`edition-export-${format}`}
                      onClick={() => void exportEdition(e.number, format, lang)}
                    >
                      {t(`proceedings.format.${format}`)}
                    </button>
                  ))}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
