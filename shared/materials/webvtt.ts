/**
 * WebVTT subtitles (W3C WebVTT: the file signature, cues of a start and an
 * end time and some text; NOTE, STYLE and REGION blocks). A track is kept as
 * its cues' plain text: the markup inside a cue (<v Speaker>, <i>, <c.x>) and
 * cue settings are dropped, so a subtitle is only ever text (shown with
 * textContent, translated, searched) and the file the app serves back is
 * made from the cues.
 */

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  text: string;
}

export class WebVttError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00a0',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
};
/** The most cues and text a track may have: a few hours of talk. */
export const WEBVTT_LIMITS = { cues: 20_000, cueLength: 2_000, fileBytes: 2_000_000 } as const;

function parseTime(value: string, line: number): number {
  const match = TIME.exec(value);
  if (!match) throw new WebVttError(line, `"${value}" is not a WebVTT time (hh:mm:ss.ttt or mm:ss.ttt)`);
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/** A cue's text without its markup, its entities read. */
function plainText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity]!)
    .trim();
}

/** @throws WebVttError with the line of the first problem. */
export function parseWebVtt(source: string): Cue[] {
  const lines = source.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new WebVttError(1, 'a WebVTT file starts with "WEBVTT"');
  const cues: Cue[] = [];
  let i = 1;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i += 1;
      continue;
    }
    // A block: lines up to a blank one.
    const start = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0]!)) continue;
    const timingAt = block[0]!.includes('-->') ? 0 : 1;
    const timing = block[timingAt];
    if (timing === undefined || !timing.includes('-->'))
      throw new WebVttError(start + 1, 'a cue needs a timing line "start --> end"');
    const [from, rest] = timing.split('-->').map((part) => part.trim());
    const to = rest!.split(/[ \t]+/)[0]!;
    const cue = {
      start: parseTime(from!, start + timingAt + 1),
      end: parseTime(to, start + timingAt + 1),
      text: plainText(block.slice(timingAt + 1).join('\n')),
    };
    if (cue.end <= cue.start) throw new WebVttError(start + timingAt + 1, 'a cue ends after it starts');
    if (cue.text.length > WEBVTT_LIMITS.cueLength)
      throw new WebVttError(start + timingAt + 1, `a cue holds at most ${WEBVTT_LIMITS.cueLength} characters`);
    if (cue.text) cues.push(cue);
    if (cues.length > WEBVTT_LIMITS.cues)
      throw new WebVttError(start + 1, `a track holds at most ${WEBVTT_LIMITS.cues} cues`);
  }
  return cues.sort((a, b) => a.start - b.start || a.end - b.end);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatVttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** A WebVTT file of the cues (their text escaped: it is text, never markup). */
export function serializeWebVtt(cues: readonly Cue[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    'WEBVTT',
    '',
    ...cues.flatMap((c) => [`${formatVttTime(c.start)} --> ${formatVttTime(c.end)}`, escape(c.text), '']),
  ].join('\n');
}

/** The cue being spoken at `time` (the last one started, while it lasts), or -1. */
export function cueAt(cues: readonly Cue[], time: number): number {
  let found = -1;
  for (let i = 0; i < cues.length && cues[i]!.start <= time; i += 1) if (time < cues[i]!.end) found = i;
  return found;
}
