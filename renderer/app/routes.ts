import { useEffect, useState } from 'react';
import type { ContributionId, QuestionId } from '../../shared/model/entities.js';

/** Ids from the URL are branded here, at the one place they enter the app. */
/** Hash routes: they work from app://, file:// and any server path, with no router library. */
export type Route =
  | { name: 'agenda' }
  | { name: 'questions' }
  | { name: 'question'; id: QuestionId }
  | { name: 'contribution'; id: ContributionId }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id] = parts;
  if (head === 'questions' && id) return { name: 'question', id: id as QuestionId };
  if (head === 'questions') return { name: 'questions' };
  if (head === 'contributions' && id) return { name: 'contribution', id: id as ContributionId };
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
      return `#/contributions/${encodeURIComponent(route.id)}`;
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
