/**
 * Media Fragments URI 1.0 temporal dimension, normal play time in seconds:
 * the value of a W3C Web Annotation FragmentSelector on a video
 * (`conformsTo` http://www.w3.org/TR/media-frags/).
 */
export const MEDIA_FRAGMENT_SPEC = 'http://www.w3.org/TR/media-frags/';

/** Seconds as NPT with at most three decimals and no trailing zeros ("12.5", "3"). */
const npt = (seconds: number) => String(Math.round(seconds * 1000) / 1000);

export function mediaFragment(range: { start: number; end: number }): string {
  return `t=${npt(range.start)},${npt(range.end)}`;
}

/** `t=start,end` (also `t=npt:start,end` and a missing start, which is 0); null when it is not one. */
export function parseMediaFragment(value: string): { start: number; end: number } | null {
  const match = /^t=(?:npt:)?(\d+(?:\.\d+)?)?,(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return null;
  const start = Number(match[1] ?? 0);
  const end = Number(match[2]);
  return end > start ? { start, end } : null;
}
