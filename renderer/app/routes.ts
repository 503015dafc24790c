import { useEffect, useState } from 'react';
import { isLang, type Lang } from '../../shared/languages.js';
import type { AnnotationId } from '../../shared/model/annotations.js';
import type { ContributionId, QuestionId } from '../../shared/model/entities.js';
import type { SynthesisId } from '../../shared/model/synthesis.js';

/** Ids from the URL are branded here, at the one place they enter the app. */
/** Hash routes: they work from app://, file:// and any server path, with no router library. */
export type Route =
  | { name: 'agenda' }
  | { name: 'questions' }
  | { name: 'question'; id: QuestionId; material?: MaterialLocation }
  | { name: 'contribution'; id: ContributionId; annotation?: AnnotationId; match?: MatchLocation }
  | { name: 'notebook' }
  | { name: 'compose'; id: ContributionId }
  | { name: 'mine' }
  | { name: 'syntheses' }
  | { name: 'synthesis'; id: SynthesisId; passage?: PassageLocation }
  | { name: 'proceedings' }
  | { name: 'outbox' }
  | { name: 'settings' }
  | { name: 'search'; query: string };

/** A search match to open a contribution at: a language version and a range of its text. */
export interface MatchLocation {
  lang: Lang;
  start: number;
  end: number;
}

/** A passage of a synthesis to open it at: its text block and a range in it (a quote of it, issue 18). */
export interface PassageLocation {
  block: number;
  start: number;
  end: number;
}

function parsePassage(block: string | undefined, range: string | undefined): PassageLocation | undefined {
  const found = /^(\d{1,9})-(\d{1,9})$/.exec(range ?? '');
  if (!/^\d{1,9}$/.test(block ?? '') || !found) return undefined;
  const start = Number(found[1]);
  const end = Number(found[2]);
  return end >= start ? { block: Number(block), start, end } : undefined;
}

/** A briefing material to open on a question's page, at a PDF page or a video's second (issue 21). */
export interface MaterialLocation {
  id: string;
  page?: number;
  time?: number;
}

function parseMaterial(id: string | undefined, unit: string | undefined, at: string | undefined) {
  if (!id) return undefined;
  const value = Number(at);
  if (unit === 'page' && Number.isInteger(value) && value >= 1) return { id, page: value };
  if (unit === 'time' && Number.isFinite(value) && value >= 0) return { id, time: value };
  return { id };
}

function parseMatch(lang: string | undefined, range: string | undefined): MatchLocation | undefined {
  const found = /^(\d{1,9})-(\d{1,9})$/.exec(range ?? '');
  if (!isLang(lang) || !found) return undefined;
  const start = Number(found[1]);
  const end = Number(found[2]);
  return end > start ? { lang, start, end } : undefined;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, subId, range] = parts;
  if (head === 'questions' && id && sub === 'materials' && subId)
    return { name: 'question', id: id as QuestionId, material: parseMaterial(subId, range, parts[5])! };
  if (head === 'questions' && id) return { name: 'question', id: id as QuestionId };
  if (head === 'questions') return { name: 'questions' };
  if (head === 'contributions' && id && sub === 'notes' && subId)
    return { name: 'contribution', id: id as ContributionId, annotation: subId as AnnotationId };
  const match = head === 'contributions' && sub === 'at' ? parseMatch(subId, range) : undefined;
  if (head === 'contributions' && id && match) return { name: 'contribution', id: id as ContributionId, match };
  if (head === 'contributions' && id) return { name: 'contribution', id: id as ContributionId };
  if (head === 'search') return { name: 'search', query: id ?? '' };
  if (head === 'notebook') return { name: 'notebook' };
  if (head === 'compose' && id) return { name: 'compose', id: id as ContributionId };
  if (head === 'mine') return { name: 'mine' };
  const passage = head === 'syntheses' && sub === 'at' ? parsePassage(subId, range) : undefined;
  if (head === 'syntheses' && id && passage) return { name: 'synthesis', id: id as SynthesisId, passage };
  if (head === 'syntheses' && id) return { name: 'synthesis', id: id as SynthesisId };
  if (head === 'syntheses') return { name: 'syntheses' };
  if (head === 'proceedings') return { name: 'proceedings' };
  if (head === 'outbox') return { name: 'outbox' };
  if (head === 'settings') return { name: 'settings' };
  return { name: 'agenda' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'agenda':
      return '#/agenda';
    case 'questions':
      return '#/questions';
    case 'question': {
      const base = `#/questions/${encodeURIComponent(route.id)}`;
      const m = route.material;
      if (!m) return base;
      const at = m.page !== undefined ? `/page/${m.page}` : m.time !== undefined ? `/time/${m.time}` : '';
      return `${base}/materials/${encodeURIComponent(m.id)}${at}`;
    }
    case 'contribution':
      if (route.match)
        return `#/contributions/${encodeURIComponent(route.id)}/at/${route.match.lang}/${route.match.start}-${route.match.end}`;
      return route.annotation
        ? `#/contributions/${encodeURIComponent(route.id)}/notes/${encodeURIComponent(route.annotation)}`
        : `#/contributions/${encodeURIComponent(route.id)}`;
    case 'notebook':
      return '#/notebook';
    case 'compose':
      return `#/compose/${encodeURIComponent(route.id)}`;
    case 'mine':
      return '#/mine';
    case 'syntheses':
      return '#/syntheses';
    case 'proceedings':
      return '#/proceedings';
    case 'synthesis':
      return route.passage
        ? `#/syntheses/${encodeURIComponent(route.id)}/at/${route.passage.block}/${route.passage.start}-${route.passage.end}`
        : `#/syntheses/${encodeURIComponent(route.id)}`;
    case 'outbox':
      return '#/outbox';
    case 'settings':
      return '#/settings';
    case 'search':
      return route.query ? `#/search/${encodeURIComponent(route.query)}` : '#/search';
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
