import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { base64ToBytes } from '../../db/syntheses.js';
import { formatList, formatTime } from '../../i18n/format.js';
import { showToast } from '../../ui/Toasts.js';
import { restoreUndoably } from './restore-undoably.js';
import { diffVersions, paragraphTexts, type VersionDiff } from './version-diff.js';
import { VersionDiffView } from './VersionDiffView.js';
import './synthesis-history.css';

interface Entry {
  upTo: number;
  authors: string[];
  from: string;
  to: string;
  updates: number;
}

interface ShownEntry extends Entry {
  state: Uint8Array;
  diff: VersionDiff;
}

/**
 * Who changed the synthesis, when, and what (the server keeps it: this panel
 * needs the network), and restoring an earlier version: the differences are
 * applied as a new edit of the CRDT (restore-version.ts), so a restore merges
 * with what others write meanwhile and Undo reverts it.
 */
export function HistoryPanel({
  id,
  doc,
  editor,
  canRestore,
}: {
  id: SynthesisId;
  doc: Y.Doc;
  editor: Editor | null;
  canRestore: boolean;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const uiLang = useUiLang();
  const [entries, setEntries] = useState<ShownEntry[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [problem, setProblem] = useState(false);
  const call = async (path: string) => {
    const res = await fetch(`${settings.serverUrl}${path}`, { headers: { authorization: `Bearer ${settings.token}` } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  const stateAt = async (upTo: number) => {
    const body = (await call(`/api/syntheses/${encodeURIComponent(id)}/history/${upTo}/state`)) as { state: string };
    return base64ToBytes(body.state);
  };
  const load = async () => {
    try {
      const body = (await call(`/api/syntheses/${encodeURIComponent(id)}/history`)) as { history: Entry[] };
      // Each entry is compared with the one before it: what that session changed.
      const states = await Promise.all(body.history.map((entry) => stateAt(entry.upTo)));
      let previous: string[] = [];
      const shown = body.history.map((entry, i) => {
        const past = new Y.Doc();
        Y.applyUpdate(past, states[i]!);
        const texts = paragraphTexts(past);
        const diff = diffVersions(previous, texts);
        previous = texts;
        return { ...entry, state: states[i]!, diff };
      });
      setEntries(shown.reverse());
      setProblem(false);
    } catch {
      setProblem(true);
    }
  };
  const restore = (entry: ShownEntry) => {
    const past = new Y.Doc();
    Y.applyUpdate(past, entry.state);
    restoreUndoably(editor, doc, past);
    // The restore is one step of the editor's undo: the toast's Undo is the toolbar's.
    showToast({
      text: t('synthesis.restored'),
      tone: 'success',
      testId: 'restored-toast',
      action: editor ? { label: t('synthesis.undo'), run: () => void editor.chain().focus().undo().run() } : undefined,
    });
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
            <li key={entry.upTo} data-testid="history-entry" className="history-entry">
              <p>
                <time dateTime={entry.to}>{formatTime(uiLang, entry.to)}</time> ·{' '}
                <bdi>{formatList(uiLang, entry.authors)}</bdi>
              </p>
              <p className="meta" data-testid="history-summary">
                {t('synthesis.historySummary', {
                  added: t('synthesis.wordsAdded', { count: entry.diff.wordsAdded }),
                  removed: t('synthesis.wordsRemoved', { count: entry.diff.wordsRemoved }),
                  paragraphs: t('synthesis.paragraphsTouched', { count: entry.diff.paragraphsTouched }),
                })}
              </p>
              <button
                type="button"
                className="link-button"
                aria-expanded={open === entry.upTo}
                data-testid="history-show-diff"
                onClick={() => setOpen(open === entry.upTo ? null : entry.upTo)}
              >
                {t('synthesis.showDifferences')}
              </button>{' '}
              {canRestore ? (
                <button type="button" className="link-button" onClick={() => restore(entry)}>
                  {t('synthesis.restore')}
                </button>
              ) : null}
              {open === entry.upTo ? <VersionDiffView diff={entry.diff} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
