import { useEffect, useState } from 'react';
import type { AnnotationId } from '../../shared/model/annotations.js';
import type { ContributionId, QuestionId } from '../../shared/model/entities.js';

/** Ids from the URL are branded here, at the one place they enter the app. */
/** Hash routes: they work from app://, file:// and any server path, with no router library. */
export type Route =
  | { name: 'agenda' }
  | { name: 'questions' }
  | { name: 'question'; id: QuestionId }
  | { name: 'contribution'; id: ContributionId; annotation?: AnnotationId }
  | { name: 'notebook' }
  | { name: 'compose'; id: ContributionId }
  | { name: 'mine' }
  | { name: 'outbox' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, subId] = parts;
  if (head === 'questions' && id) return { name: 'question', id: id as QuestionId };
  if (head === 'questions') return { name: 'questions' };
  if (head === 'contributions' && id && sub === 'notes' && subId)
    return { name: 'contribution', id: id as ContributionId, annotation: subId as AnnotationId };
  if (head === 'contributions' && id) return { name: 'contribution', id: id as ContributionId };
  if (head === 'notebook') return { name: 'notebook' };
  if (head === 'compose' && id) return { name: 'compose', id: id as ContributionId };
  if (head === 'mine') return { name: 'mine' };
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
    case 'question':
      return `#/questions/${encodeURIComponent(route.id)}`;
    case 'contribution':
      return route.annotation
        ? `#/contributions/${encodeURIComponent(route.id)}/notes/${encodeURIComponent(route.annotation)}`
        : `#/contributions/${encodeURIComponent(route.id)}`;
    case 'notebook':
      return '#/notebook';
    case 'compose':
      return `#/compose/${encodeURIComponent(route.id)}`;
    case 'mine':
      return '#/mine';
    case 'outbox':
      return '#/outbox';
    case 'settings':
      return '#/settings';
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
