import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditionSummary } from '../../../shared/model/proceedings.js';
import { EDITION_FORMATS, type EditionFormat } from '../../../shared/protocol/proceedings.js';
import { NATIVE_NAMES } from '../../../shared/languages.js';
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

  const exportEdition = async (number: number, format: EditionFormat) => {
    setBusy(`${number}-${format}`);
    try {
      const res = await fetch(
        `${settings.serverUrl}/api/events/${encodeURIComponent(eventId)}/proceedings/editions/${number}/export/${format}`,
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
      <ol>
        {[...editions].reverse().map((e) => (
          <li key={e.number} data-testid="edition" data-edition={e.number}>
            <p>
              <strong>{t('proceedings.editions.number', { number: e.number })}</strong> · {NATIVE_NAMES[e.language]} ·{' '}
              {formatTime(uiLang, e.publishedAt)} · <Name text={e.publishedByName} />
            </p>
            <p className="meta">
              {t('proceedings.editions.hash')}{' '}
              <code title={e.contentHash} data-testid="edition-hash">
                {e.contentHash.slice(0, 16)}
              </code>
            </p>
            {canExport ? (
              <p
                className="edition-exports"
                role="group"
                aria-label={t('proceedings.editions.exportLabel', { number: e.number })}
              >
                {EDITION_FORMATS.map((format) => (
                  <button
                    key={format}
                    type="button"
                    disabled={busy !== null}
                    aria-busy={busy === `${e.number}-${format}`}
                    data-testid={`edition-export-${format}`}
                    onClick={() => void exportEdition(e.number, format)}
                  >
                    {t(`proceedings.format.${format}`)}
                  </button>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
