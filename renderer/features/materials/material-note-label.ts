import type { MaterialNoteTarget } from '../../../shared/model/material-note.js';
import { mediaFragment } from '../../../shared/materials/media-fragment.js';

/** A short label of what a material note points at: the quoted words, or the video's time range. */
export function describeMaterialTarget(target: MaterialNoteTarget): string {
  return target.kind === 'pdf' ? target.quote.exact.slice(0, 80) : mediaFragment(target);
}

/** Seconds as m:ss (or h:mm:ss), the way players show time. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
