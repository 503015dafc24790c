import { describe, expect, it } from 'vitest';
import { parseInline, serializeInline } from '../../../shared/proceedings/translate-edition.js';
import type { SynthesisNode } from '../../../shared/synthesis/document.js';

const cited: SynthesisNode = {
  type: 'text',
  text: 'due <diligence>',
  marks: [{ type: 'citation', attrs: { citationId: 'c' } as never }],
};
const block: SynthesisNode[] = [
  { type: 'text', text: 'States & ' },
  cited,
  { type: 'hardBreak' },
  { type: 'text', text: 'now', marks: [{ type: 'bold' }] },
];

describe('a block sent to translation as text with tags', () => {
  it('keeps marks, breaks and special characters through a provider that keeps the tags', () => {
    const { text, marks } = serializeInline(block);
    expect(text).toBe('States &amp; <x0>due &lt;diligence&gt;</x0><br/><x1>now</x1>');
    expect(parseInline(text, marks, block)).toEqual(block);
    const moved = parseInline('<x1>Jetzt</x1> Staaten &amp; <x0>Sorgfalt</x0>', marks, block);
    expect(moved).toEqual([
      { type: 'text', text: 'Jetzt', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' Staaten & ' },
      { type: 'text', text: 'Sorgfalt', marks: cited.marks },
    ]);
  });

  it('never loses a quote when the provider breaks the tags: the source piece follows the translated words', () => {
    const { marks } = serializeInline(block);
    const broken = parseInline('Staaten <x0>Sorgfalt jetzt', marks, block);
    expect(broken[0]).toEqual({ type: 'text', text: 'Staaten  Sorgfalt jetzt' });
    expect(broken).toContainEqual(cited);
    const dropped = parseInline('Staaten Sorgfalt <x1>jetzt</x1>', marks, block);
    expect(dropped).toContainEqual(cited);
  });
});
