import { describe, expect, it } from 'vitest';
import { assembleBook } from '../../../../shared/export/proceedings/book.js';
import { partBody, type HtmlFlavor } from '../../../../shared/export/proceedings/html.js';
import { parseProceedingsInput, type ProceedingsInput } from '../../../../shared/export/proceedings/input.js';
import { LANGUAGES } from '../../../../shared/languages.js';
import type { SynthesisNode } from '../../../../shared/synthesis/document.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * The proceedings' input is checked before anything is written: a bad field
 * is named with its path, nothing half-written. And what the writers share:
 * the same page names in every language, the origin of each translated
 * section said, links of a synthesis kept only when safe.
 */

const flavor: HtmlFlavor = { epub: false, href: (slug, anchor) => `${slug}.html${anchor ? `#${anchor}` : ''}` };
const clone = (input: ProceedingsInput): ProceedingsInput => structuredClone(input);

describe('proceedings input', () => {
  it('the demo proceedings are valid in every language', () => {
    for (const lang of LANGUAGES) expect(() => parseProceedingsInput(demoProceedings(lang))).not.toThrow();
  });

  it('refuses a participant without consent, naming the field', () => {
    const input = clone(demoProceedings('en')) as unknown as { participants: Array<{ consented: boolean }> };
    input.participants[1]!.consented = false;
    expect(() => parseProceedingsInput(input)).toThrow(/participants\.1\.consented/);
  });

  it('refuses a published edition without its content hash, and an event that ends before it starts', () => {
    const input = clone(demoProceedings('en'));
    input.edition.contentHash = null;
    expect(() => parseProceedingsInput(input)).toThrow(/edition\.contentHash: a published edition records its hash/);
    input.edition.state = 'approved';
    expect(() => parseProceedingsInput(input)).not.toThrow();
    input.event.endDate = '2017-01-01';
    expect(() => parseProceedingsInput(input)).toThrow(/event\.endDate/);
  });

  it('refuses a quote whose citation lost its provenance, and a question listed twice', () => {
    const input = clone(demoProceedings('en'));
    const synthesis = input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
    const quote = synthesis.doc.content.find((n) => n.type === 'blockquote')!;
    const mark = quote.content![0]!.content![0]!.marks![0]! as { attrs: Record<string, unknown> };
    delete mark.attrs.contributionId;
    expect(() => parseProceedingsInput(input)).toThrow(/contributionId/);

    const twice = clone(demoProceedings('en'));
    twice.days[1]!.sessions[0]!.questions.push(twice.days[0]!.sessions[0]!.questions[0]!);
    expect(() => parseProceedingsInput(twice)).toThrow(/appears twice/);
  });
});

describe('the book every writer shares', () => {
  it('gives every part the same name in every language', () => {
    const slugs = (lang: (typeof LANGUAGES)[number]) => assembleBook(demoProceedings(lang)).parts.map((p) => p.slug);
    for (const lang of LANGUAGES) expect(slugs(lang)).toEqual(slugs('fr'));
  });

  it('says where a translated section comes from, and keeps the appendix per contribution and version', () => {
    const book = assembleBook(demoProceedings('de'));
    const html = book.parts.map((p) => partBody(book, flavor, p)).join('\n');
    expect(html).toContain('Maschinelle Übersetzung aus dem Französisch (systran)');
    expect(html).toContain('von Menschen korrigiert');
    const keys = book.sources.map((s) => `${s.contributionId}@${s.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(book.sources.every((s) => s.citedIn.length > 0 && s.quoted.length > 0)).toBe(true);
  });

  it('writes a synthesis’s web links, never a script or file address', () => {
    const input = clone(demoProceedings('en'));
    const synthesis = input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
    const link = (href: string, text: string): SynthesisNode => ({
      type: 'text',
      text,
      marks: [{ type: 'link', attrs: { href } }],
    });
    synthesis.doc.content.push({
      type: 'paragraph',
      content: [
        link('https://example.org/a?b=1&c=2', 'web'),
        link('javascript:alert(1)', 'script'),
        link('file:///etc/passwd', 'file'),
      ],
    });
    const book = assembleBook(parseProceedingsInput(input));
    const html = partBody(
      book,
      flavor,
      book.parts.find((p) => p.kind === 'question')!,
    );
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">web</a>');
    expect(html).not.toMatch(/javascript:|file:/);
    expect(html).toContain('script');
  });
});
