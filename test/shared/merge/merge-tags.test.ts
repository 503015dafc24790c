import { describe, expect, it } from 'vitest';
import type { TagId } from '../../../shared/model/annotations.js';
import { mergeTags } from '../../../shared/merge/index.js';

const tags = (list: string) => (list ? list.split(' ') : []) as TagId[];

// [case, base, local, server, merged in server order then local additions]
const cases: [string, string, string, string, string][] = [
  ['nothing changed', 'a b', 'a b', 'a b', 'a b'],
  ['added locally', 'a', 'a b', 'a', 'a b'],
  ['added on the server', 'a', 'a', 'a b', 'a b'],
  ['added on both sides, different tags', 'a', 'a b', 'a c', 'a c b'],
  ['the same tag added on both sides', 'a', 'a b', 'a b', 'a b'],
  ['removed locally: removal beats nothing', 'a b', 'a', 'a b', 'a'],
  ['removed on the server: removal beats nothing', 'a b', 'a b', 'a', 'a'],
  ['removed on both sides', 'a b', 'a', 'a', 'a'],
  ['removed locally, added on the server', 'a b', 'a', 'a b c', 'a c'],
  ['everything removed on one side, one added on the other', 'a b', '', 'a b c', 'c'],
  ['no base: the union, nothing lost', '', 'a b', 'b c', 'b c a'],
  ['server order kept, then local order', 'x', 'x z y', 'w x', 'w x z y'],
];

describe('mergeTags: tags merge as sets', () => {
  it.each(cases)('%s', (_case, base, local, server, merged) => {
    expect(mergeTags(tags(base), tags(local), tags(server))).toEqual(tags(merged));
    // The other way round: the same set, in the other side's order.
    expect(new Set(mergeTags(tags(base), tags(server), tags(local)))).toEqual(new Set(tags(merged)));
  });

  it('keeps the server array as it is when the sets agree', () => {
    expect(mergeTags(tags('a b'), tags('b a'), tags('b a'))).toEqual(tags('b a'));
  });
});
