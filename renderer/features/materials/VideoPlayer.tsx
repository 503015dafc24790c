import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/languages.js';
import { cueAt } from '../../../shared/materials/webvtt.js';
import type { SubtitleTrack } from '../../../shared/model/material.js';
import type { MediaRangeTarget } from '../../../shared/model/material-note.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import type { AnnotationBody } from '../../db/annotations.js';
import type { MaterialNoteRow, MaterialRow } from '../../db/database.js';
import { languageName } from '../../i18n/format.js';
import { readMaterialFile } from '../../materials/download-material.js';
import { exportMaterialNotes } from './export-material-notes.js';
import { clockTime } from './material-note-label.js';
import { MaterialNotesPanel, type ListedNote, type NoteEditing } from './MaterialNotesPanel.js';
import { useMaterialNotes } from './use-material-notes.js';

/** A time range, isolated left to right (LRI…PDI) so an Arabic interface does not reverse it. */
const timeRange = (start: number, end: number) => `\u2066${clockTime(start)}–${clockTime(end)}\u2069`;

/** The track shown first: the user's language, else the original, else any. */
function preferredTrack(tracks: readonly SubtitleTrack[], lang: Lang): SubtitleTrack | undefined {
  return tracks.find((t) => t.language === lang) ?? tracks.find((t) => t.origin === 'original') ?? tracks[0];
}

/**
 * A downloaded video material played on the device, with its subtitles in the
 * chosen language (cues added to the video as a text track: no file, no URL),
 * the transcript beside it following playback (a line seeks the video there),
 * and notes on a time range: the range marked with "from here" and "to here"
 * (or the line being spoken), saved as a Media Fragment `t=start,end`.
 */
export function VideoPlayer({ material, time }: { material: MaterialRow; time?: number | undefined }) {
  const { t } = useTranslation();
  const { bridge, db } = useApp();
  const lang = useUiLang();
  const video = useRef<HTMLVideoElement>(null);
  const transcript = useRef<HTMLOListElement>(null);
  // Compared by content: a pull brings a new row object with the same tracks.
  const tracksJson = JSON.stringify(material.subtitles ?? []);
  const tracks = useMemo(() => JSON.parse(tracksJson) as SubtitleTrack[], [tracksJson]);
  const [chosen, setChosen] = useState<Lang | null>(null);
  const track = tracks.find((t) => t.language === chosen) ?? preferredTrack(tracks, lang);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(0);
  const [range, setRange] = useState<{ start: number | null; end: number | null }>({ start: null, end: null });
  const [editing, setEditing] = useState<(NoteEditing & { target?: MediaRangeTarget }) | null>(null);
  const { notes, tags, me, create, update, remove, propose } = useMaterialNotes(material.id);

  // The stored bytes as an object URL (the CSP's media-src admits blob: for this alone), made
  // again only for another file: the row's object changes at every write to the table.
  const file = useRef(material);
  useLayoutEffect(() => {
    file.current = material;
  });
  const { id: materialId, sha256 } = material;
  useEffect(() => {
    const material = file.current;
    let objectUrl: string | null = null;
    let cancelled = false;
    readMaterialFile(bridge, material, material.mediaType).then(
      (file) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(file);
        setUrl(objectUrl);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [bridge, materialId, sha256]);

  // Subtitles: one text track per language, the chosen one showing.
  useEffect(() => {
    const element = video.current;
    if (!element || !url) return;
    const added = tracks.map((subtitles) => {
      // The video's own captions menu says a track is machine-translated too, as the picker below does.
      const label =
        languageName(lang, subtitles.language) +
        (subtitles.origin === 'machine' ? ` (${t('materials.video.machine')})` : '');
      const textTrack = element.addTextTrack('subtitles', label, subtitles.language);
      for (const cue of subtitles.cues) textTrack.addCue(new VTTCue(cue.start, cue.end, cue.text));
      return { textTrack, language: subtitles.language };
    });
    for (const { textTrack, language } of added) textTrack.mode = language === track?.language ? 'showing' : 'disabled';
    return () => {
      // Text tracks cannot be removed from a video element: emptied and hidden instead.
      for (const { textTrack } of added) {
        for (const cue of [...(textTrack.cues ?? [])]) textTrack.removeCue(cue);
        textTrack.mode = 'disabled';
      }
    };
  }, [url, tracks, track?.language, lang, t]);

  useEffect(() => {
    if (url && time !== undefined && video.current) video.current.currentTime = time;
  }, [url, time]);

  const current = track ? cueAt(track.cues, now) : -1;
  useEffect(() => {
    const line = transcript.current?.querySelector<HTMLElement>(`[data-cue="${current}"]`);
    line?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const seek = (seconds: number) => {
    if (!video.current) return;
    video.current.currentTime = seconds;
    setNow(seconds);
  };

  /** The range to note: the one marked, else the line being spoken, else five seconds from here. */
  const rangeToNote = (): { start: number; end: number } => {
    const cue = track && current >= 0 ? track.cues[current] : undefined;
    const start = range.start ?? cue?.start ?? now;
    const end = range.end !== null && range.end > start ? range.end : cue && cue.end > start ? cue.end : start + 5;
    return { start: Math.round(start * 1000) / 1000, end: Math.round(end * 1000) / 1000 };
  };

  const startNote = () => {
    const { start, end } = rangeToNote();
    const target: MediaRangeTarget = { kind: 'media', materialId: material.id, sha256: material.sha256, start, end };
    setEditing({ mode: 'new', quote: timeRange(start, end), target });
  };

  const save = async (body: AnnotationBody) => {
    if (!editing) return;
    const saved = editing.mode === 'new' ? await create(editing.target!, body) : await update(editing.row.id, body);
    if (!saved) return;
    if (editing.mode === 'new') setRange({ start: null, end: null });
    setEditing(null);
  };

  const listed: ListedNote[] = (notes ?? []).flatMap((row: MaterialNoteRow) =>
    row.target.kind === 'media'
      ? [
          {
            row,
            where: timeRange(row.target.start, row.target.end),
            quote:
              track?.cues.find(
                (c) => c.start < (row.target as MediaRangeTarget).end && c.end > (row.target as MediaRangeTarget).start,
              )?.text ?? null,
            state: 'anchored' as const,
          },
        ]
      : [],
  );

  return (
    <div
      className="video-material"
      data-testid="video-player"
      data-state={failed ? 'failed' : url ? 'ready' : 'loading'}
    >
      <div className="video-view">
        {failed ? <p role="alert">{t('materials.readFailed')}</p> : null}
        <video
          ref={video}
          src={url ?? undefined}
          controls
          preload="metadata"
          data-testid="video"
          onTimeUpdate={(event) => setNow(event.currentTarget.currentTime)}
          onSeeked={(event) => setNow(event.currentTarget.currentTime)}
        />
        <div className="video-toolbar" role="toolbar" aria-label={t('materials.video.toolbar')}>
          {tracks.length ? (
            <label>
              {t('materials.video.subtitles')}{' '}
              <select
                value={track?.language ?? ''}
                data-testid="subtitle-language"
                onChange={(event) => setChosen(event.target.value as Lang)}
              >
                {tracks.map((s) => (
                  <option key={s.language} value={s.language}>
                    {languageName(lang, s.language)}
                    {s.origin === 'machine' ? ` (${t('materials.video.machine')})` : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="meta">{t('materials.video.noSubtitles')}</span>
          )}
          <button type="button" data-testid="mark-start" onClick={() => setRange({ start: now, end: null })}>
            {t('materials.video.markStart')}
            {range.start !== null ? ` (${clockTime(range.start)})` : ''}
          </button>
          <button
            type="button"
            data-testid="mark-end"
            disabled={range.start === null || now <= range.start}
            onClick={() => setRange((r) => ({ ...r, end: now }))}
          >
            {t('materials.video.markEnd')}
            {range.end !== null ? ` (${clockTime(range.end)})` : ''}
          </button>
          <button type="button" data-testid="note-video-range" disabled={!me || !!editing} onClick={startNote}>
            {t('materials.video.noteRange')}
          </button>
        </div>
        {track ? (
          <section className="video-transcript" aria-labelledby="transcript-title">
            <h4 id="transcript-title">
              {t('materials.video.transcript')}
              {track.origin === 'machine' ? <span className="badge">{t('materials.video.machine')}</span> : null}
            </h4>
            <ol ref={transcript} lang={track.language} dir="auto" data-testid="transcript">
              {track.cues.map((cue, index) => (
                <li key={index} data-cue={index} aria-current={index === current ? 'true' : undefined}>
                  <button type="button" onClick={() => seek(cue.start)} data-testid="transcript-cue">
                    <span className="meta">{clockTime(cue.start)}</span> <bdi>{cue.text}</bdi>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
      <MaterialNotesPanel
        items={listed}
        tags={tags}
        me={me}
        editing={editing}
        quoteLang={track?.language}
        onShow={(row) => row.target.kind === 'media' && seek(row.target.start)}
        onEdit={(row) => setEditing({ mode: 'edit', row })}
        onDelete={(row) => {
          void remove(row.id);
          setEditing(null);
        }}
        onSave={(body) => void save(body)}
        onCancel={() => setEditing(null)}
        onProposeTag={propose}
        onExport={() => void exportMaterialNotes(db, bridge, material, lang)}
      />
    </div>
  );
}
