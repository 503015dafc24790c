import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../../../renderer/app/routes.js';
import type { ContributionId } from '../../../shared/model/entities.js';

describe('search routes', () => {
  it('keeps the query, spaces and slashes included', () => {
    for (const query of ['', 'takedown ', '"point of contact" a/b', 'الدولة', '网络空间']) {
      const route: Route = { name: 'search', query };
      expect(parseRoute(href(route))).toEqual(route);
    }
  });

  it('opens a contribution at a match: language version and range', () => {
    const route: Route = {
      name: 'contribution',
      id: 'c-1' as ContributionId,
      match: { lang: 'ar', start: 12, end: 20 },
    };
    expect(href(route)).toBe('#/contributions/c-1/at/ar/12-20');
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('ignores a match that is not one (unknown language, empty or backwards range)', () => {
    for (const hash of [
      '#/contributions/c-1/at/xx/1-2',
      '#/contributions/c-1/at/fr/5-5',
      '#/contributions/c-1/at/fr/x',
    ])
      expect(parseRoute(hash)).toEqual({ name: 'contribution', id: 'c-1' });
  });
});

describe('briefing material routes', () => {
  it('opens a question with a material at a PDF page or a video second', () => {
    const routes: Route[] = [
      { name: 'question', id: 'legal-I-i' as never, material: { id: 'demo-sample-study', page: 3 } },
      { name: 'question', id: 'legal-I-i' as never, material: { id: 'demo video', time: 12.5 } },
      { name: 'question', id: 'legal-I-i' as never, material: { id: 'm' } },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
    expect(href(routes[0]!)).toBe('#/questions/legal-I-i/materials/demo-sample-study/page/3');
    expect(parseRoute('#/questions/q/materials/m/page/0')).toEqual({
      name: 'question',
      id: 'q',
      material: { id: 'm' },
    });
  });
});
