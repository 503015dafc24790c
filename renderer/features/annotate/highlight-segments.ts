/**
 * Splits one paragraph [start, end) into runs of plain text and highlighted
 * text. Overlapping highlights split at every boundary; a run covered by
 * several keeps all their ids (the first one in text order gives the colour).
 */
export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  ids: string[];
}

export function segmentParagraph(start: number, end: number, spans: readonly HighlightSpan[]): Segment[] {
  const inside = spans.filter((s) => s.end > start && s.start < end);
  if (inside.length === 0) return [{ start, end, ids: [] }];
  const cuts = new Set<number>([start, end]);
  for (const s of inside) {
    cuts.add(Math.max(start, s.start));
    cuts.add(Math.min(end, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const ids = inside.filter((s) => s.start <= a && s.end >= b).map((s) => s.id);
    const last = segments.at(-1);
    // Adjacent plain runs merge so the DOM stays as small as the highlights allow.
    if (last && last.ids.length === 0 && ids.length === 0) last.end = b;
    else segments.push({ start: a, end: b, ids });
  }
  return segments;
}
