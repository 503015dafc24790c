import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SynthesisQuoteAttrs } from '../../../../shared/synthesis/synthesis-quote.js';
import { blockTexts } from '../../../../shared/synthesis/synthesis-quote.js';
import { SYNTHESIS_FIELD, type SynthesisDoc } from '../../../../shared/synthesis/document.js';
import { parseRoute } from '../../../../renderer/app/routes.js';
import { Citation } from '../../../../renderer/features/synthesis/citation-mark.js';
import { blocksOfState } from '../../../../renderer/features/synthesis/earlier-syntheses.js';
import { passageRange } from '../../../../renderer/features/synthesis/open-passage.js';
import { SynthesisQuote } from '../../../../renderer/features/synthesis/synthesis-quote-mark.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

// jsdom has no CSS.escape, which React Aria's collections use (every browser has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

/** The synthesis screen is loaded on demand: slow on a busy machine. */
const LAZY = { timeout: 15_000 };

const schema = getSchema([StarterKit, Citation, SynthesisQuote]);

const FEBRUARY_TEXT: SynthesisDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Findings of February' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'States owe due diligence. ' },
        { type: 'text', text: 'Private actors share it.', marks: [{ type: 'bold' }] },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: '国家应尽职调查。' }] },
  ],
};

const stateOf = (doc: SynthesisDoc) => Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(schema, doc, SYNTHESIS_FIELD));

const base = {
  kind: 'closed-seminar',
  place: 'Paris',
  status: 'closed',
  visibility: 'closed',
  questionIds: [],
  roles: ['rapporteur'],
  version: 1,
} as const;

async function threeEvents() {
  const db = freshDb();
  await seed(db);
  await db.meta.put({
    key: 'me',
    value: { id: 'p-claire', name: 'Claire Martin', roles: ['rapporteur'], language: 'en' },
  });
  await db.events.bulkPut([
    { ...base, id: 'feb', title: { en: 'February seminar' }, startsOn: '2017-02-01', endsOn: '2017-02-02' },
    {
      ...base,
      id: 'apr',
      kind: 'conference',
      status: 'running',
      title: { en: 'April conference' },
      startsOn: '2017-04-06',
      endsOn: '2017-04-07',
    },
    {
      ...base,
      id: 'jun',
      status: 'preparing',
      title: { en: 'June seminar' },
      startsOn: '2017-06-01',
      endsOn: '2017-06-02',
    },
  ] as never[]);
  await db.meta.put({ key: 'currentEvent', value: 'apr' });
  const synthesis = (id: string, eventId: string, title: string, questionId = 'legal-I-i') => ({
    id,
    eventId,
    questionId,
    title,
    language: 'en',
    createdBy: 'p-claire',
    createdByName: 'Claire Martin',
    createdAt: '2017-02-02T10:00:00Z',
    version: 1,
  });
  await db.syntheses.bulkPut([
    synthesis('s-feb', 'feb', 'What February found'),
    synthesis('s-feb-other', 'feb', 'On attribution', 'legal-II-i'),
    synthesis('s-apr', 'apr', 'Conference synthesis'),
    synthesis('s-jun', 'jun', 'Not yet written'),
  ] as never[]);
  const now = new Date().toISOString();
  await db.synthesisDocs.bulkPut([
    { id: 's-feb', state: stateOf(FEBRUARY_TEXT), updatedAt: now },
    {
      id: 's-feb-other',
      state: stateOf({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Attribution is hard.' }] }],
      }),
      updatedAt: now,
    },
    {
      id: 's-jun',
      state: stateOf({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A later text.' }] }],
      }),
      updatedAt: now,
    },
  ] as never[]);
  return db;
}

describe('quoting an earlier event’s synthesis (issue 18)', () => {
  it('reads a stored synthesis’s blocks as the exports and the anchors count them', () => {
    expect(blocksOfState(stateOf(FEBRUARY_TEXT))).toEqual(blockTexts(FEBRUARY_TEXT));
  });

  it('lists the earlier events’ syntheses (same question first, never a later event’s), finds words, and inserts a quote with its provenance', async () => {
    const db = await threeEvents();
    await renderApp(db, { hash: '#/syntheses/s-apr' });
    fireEvent.click(await screen.findByTestId('panel-earlier', {}, LAZY));
    const panel = await screen.findByTestId('earlier-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('earlier-synthesis')).toHaveLength(2));
    const titles = within(panel)
      .getAllByTestId('earlier-synthesis')
      .map((d) => d.querySelector('summary')!.textContent);
    expect(titles[0]).toContain('What February found');
    expect(titles[0]).toContain('February seminar');
    expect(titles[1]).toContain('On attribution');
    expect(panel.textContent).not.toContain('A later text.');
    expect(panel.textContent).not.toContain('Not yet written');

    // Found by words, with the app's search rules (Chinese without spaces too).
    fireEvent.change(within(panel).getByTestId('earlier-search'), { target: { value: 'diligence' } });
    await waitFor(() => expect(within(panel).getAllByTestId('earlier-passage')).toHaveLength(1));
    expect(within(panel).getByTestId('search-hit').textContent).toBe('diligence');
    fireEvent.change(within(panel).getByTestId('earlier-search'), { target: { value: '调查' } });
    await waitFor(() => expect(within(panel).getByTestId('earlier-passage').textContent).toContain('国家应尽职调查'));
    fireEvent.change(within(panel).getByTestId('earlier-search'), { target: { value: 'diligence' } });
    await waitFor(() => expect(within(panel).getByTestId('earlier-passage').textContent).toContain('diligence'));

    fireEvent.click(within(panel).getByTestId('insert-earlier-quote'));
    const quote = await screen.findByTestId('synthesis-quote');
    expect(quote.textContent).toBe('States owe due diligence. Private actors share it.');
    const attrs = JSON.parse(quote.getAttribute('data-quote')!) as SynthesisQuoteAttrs;
    expect(attrs).toMatchObject({
      eventId: 'feb',
      eventTitle: { en: 'February seminar' },
      eventStartsOn: '2017-02-01',
      synthesisId: 's-feb',
      synthesisTitle: 'What February found',
      questionCode: 'I.i',
      rapporteur: 'Claire Martin',
      block: 1,
      start: 0,
      end: 50,
    });
    // It opens the passage, and the Quotes panel lists it as current.
    expect(quote.getAttribute('href')).toBe('#/syntheses/s-feb/at/1/0-50');
    fireEvent.click(screen.getByTestId('panel-quotes'));
    const check = await screen.findByTestId('synthesis-quote-check');
    await waitFor(() => expect(check.getAttribute('data-state')).toBe('current'));
    expect(check.textContent).toContain('February seminar');
    // Written to this device with its outbox entry, like any edit: the provenance goes with the text.
    await waitFor(async () => {
      const sent = (await db.outbox.toArray()).filter((m) => m.kind === 'synthesis-update');
      expect(sent.length).toBeGreaterThan(0);
    });
  });

  it('quotes only the words selected in a passage', async () => {
    const db = await threeEvents();
    await renderApp(db, { hash: '#/syntheses/s-apr' });
    fireEvent.click(await screen.findByTestId('panel-earlier', {}, LAZY));
    const passage = (await screen.findAllByTestId('earlier-passage'))[1]!;
    expect(passage.textContent).toContain('Private actors');
    const text = passage.querySelector('blockquote')!;
    const node = [...text.querySelectorAll('*'), text]
      .flatMap((el) => [...el.childNodes])
      .find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('Private actors'))!;
    const range = document.createRange();
    const at = node.textContent!.indexOf('Private actors');
    range.setStart(node, at);
    range.setEnd(node, at + 'Private actors'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    fireEvent.click(within(passage).getByTestId('insert-earlier-quote'));
    const quote = await screen.findByTestId('synthesis-quote');
    expect(quote.textContent).toBe('Private actors');
    expect(JSON.parse(quote.getAttribute('data-quote')!)).toMatchObject({
      block: 1,
      start: 26,
      end: 40,
      prefix: 'States owe due diligence. ',
      suffix: ' share it.',
    });
  });

  it('is not offered to a reader who does not write syntheses', async () => {
    const db = await threeEvents();
    await db.meta.put({ key: 'me', value: { id: 'p-x', name: 'X', roles: ['expert'], language: 'en' } });
    await renderApp(db, { hash: '#/syntheses/s-apr' });
    fireEvent.click(await screen.findByTestId('panel-earlier', {}, LAZY));
    await screen.findAllByTestId('earlier-passage');
    expect(screen.queryByTestId('insert-earlier-quote')).toBeNull();
  });

  it('opens the earlier synthesis with the quoted words marked', async () => {
    const db = await threeEvents();
    await renderApp(db, { hash: '#/syntheses/s-feb/at/1/26-40' });
    const marked = await screen.findByTestId('opened-passage', {}, LAZY);
    expect(marked.textContent).toBe('Private actors');
    expect(screen.getByTestId('synthesis').textContent).toContain('What February found');
  });

  it('opens a synthesis at a passage: the route, and the editor range of a block and offsets', () => {
    expect(parseRoute('#/syntheses/s-feb/at/1/26-40')).toEqual({
      name: 'synthesis',
      id: 's-feb',
      passage: { block: 1, start: 26, end: 40 },
    });
    expect(parseRoute('#/syntheses/s-feb/at/x/1-2')).toEqual({ name: 'synthesis', id: 's-feb' });
    const doc = schema.nodeFromJSON(FEBRUARY_TEXT);
    const range = passageRange(doc, { block: 1, start: 26, end: 40 })!;
    expect(doc.textBetween(range.from, range.to)).toBe('Private actors');
    const chinese = passageRange(doc, { block: 2, start: 2, end: 4 })!;
    expect(doc.textBetween(chinese.from, chinese.to)).toBe('应尽');
    expect(passageRange(doc, { block: 7, start: 0, end: 1 })).toBeNull();
  });
});
