import type { Lang, LocalizedText } from '../languages.js';
import type { Cue } from '../materials/webvtt.js';
import type { QuestionId } from './entities.js';

/**
 * The file types a material may have: what the app can show (pdf.js, the
 * video element, an image). Served with exactly this type and nosniff.
 */
export const MATERIAL_TYPES = [
  'application/pdf',
  'video/webm',
  'video/mp4',
  'image/png',
  'image/jpeg',
  'image/webp',
] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

export type MaterialId = string & { readonly __brand: 'MaterialId' };

/**
 * What a material belongs to. Events (issue 18) are named by a plain id here:
 * who may read an event's material is decided by the server (material-access.ts).
 */
export type MaterialOwner = { kind: 'question'; id: QuestionId } | { kind: 'event'; id: string };

export const SUBTITLE_ORIGINS = ['original', 'human', 'machine'] as const;

/**
 * A video's subtitles in one language, as cues of plain text (WebVTT read by
 * shared/materials/webvtt.ts): the original track, a human translation, or a
 * machine translation of the original (with its engine), labelled as such
 * wherever it is shown.
 */
export interface SubtitleTrack {
  language: Lang;
  origin: (typeof SUBTITLE_ORIGINS)[number];
  engine: string | null;
  cues: Cue[];
}

/**
 * A briefing file (video, PDF, image) attached to a question or an event: the
 * metadata every participant pulls; the bytes are fetched apart, by hash.
 */
export interface Material {
  id: MaterialId;
  owner: MaterialOwner;
  title: LocalizedText;
  description: LocalizedText;
  mediaType: MaterialType;
  size: number;
  /** SHA-256 of the bytes, lowercase hex: the file's name in the store, its ETag, what the app checks. */
  sha256: string;
  createdAt: string;
  version: number;
  deleted: boolean;
  /** A video's subtitle tracks, one per language (absent: none). */
  subtitles?: SubtitleTrack[];
}
