import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { base64ToBytes } from '../../db/syntheses.js';
import { formatDate, formatList } from '../../i18n/format.js';
import { replaceContent } from './restore-version.js';

interface Entry {
  upTo: number;
  authors: string[];
  from: string;
  to: string;
  updates: number;
}

/**
 * Who changed the synthesis and when (the server keeps it: this panel needs
 * the network), and restoring an earlier version: its content replaces the
 * current one as a new edit of the CRDT, so a restore merges with what others
 * write meanwhile and can itself be undone.
 */
export function HistoryPanel({ id, doc, canRestore }: { id: SynthesisId; doc: Y.Doc; canRestore: boolean }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const uiLang = useUiLang();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState(false);
  const call = async (path: string) => {
    const res = await fetch(`${settings.serverUrl}${path}`, { headers: { authorization: `Bearer ${settings.token}` } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  const load = () =>
    call(`/api/syntheses/${encodeURIComponent(id)}/history`)
      .then((body) => {
        setEntries((body as { history: Entry[] }).history.slice().reverse());
        setProblem(false);
      })
      .catch(() => setProblem(true));
  const restore = async (entry: Entry) => {
    try {
      const body = (await call(`/api/syntheses/${encodeURIComponent(id)}/history/${entry.upTo}/state`)) as {
        state: string;
      };
      const past = new Y.Doc();
      Y.applyUpdate(past, base64ToBytes(body.state));
      replaceContent(doc, past);
    } catch {
      setProblem(true);
    }
  };
  return (
    <section aria-label={t('synthesis.history')} data-testid="history">
      <button type="button" data-testid="load-history" onClick={() => void load()}>
        {t('synthesis.loadHistory')}
      </button>
      {problem ? (
        <p className="banner banner-error" role="alert">
          {t('synthesis.historyOffline')}
        </p>
      ) : null}
      {entries ? (
        <ol className="history-list">
          {entries.map((entry) => (
            <li key={entry.upTo} data-testid="history-entry">
              <bdi>{formatList(uiLang, entry.authors)}</bdi> · {formatDate(uiLang, entry.to)} ·{' '}
              {t('synthesis.edits', { count: entry.updates })}{' '}
              {canRestore ? (
                <button type="button" className="link-button" onClick={() => void restore(entry)}>
                  {t('synthesis.restore')}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
