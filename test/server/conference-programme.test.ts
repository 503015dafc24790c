import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportLines } from '../../server/export/export-jsonl.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { pullChanges, startTestServer, type Backend } from '../support/server-harness.js';
import { APR, twoEvents } from './event-fixtures.js';

/** A conference's programme (issue 18): panels and keynotes with their chair and speakers. */
const PANEL = {
  type: 'session',
  id: 'apr-panel-1',
  eventId: APR,
  day: 1,
  date: '2017-04-06',
  order: 2,
  title: { en: 'APRMARK Panel 1: due diligence' },
  questionIds: ['q1'],
  format: 'panel',
  speakers: [
    { name: 'Dr. Amina Diallo', role: 'chair', affiliation: 'Institute of international law', kind: 'legal-expert' },
    { name: 'Kim Min-jun', role: 'speaker', affiliation: 'Digital rights NGO', kind: 'ngo' },
    { name: 'José Martins', role: 'speaker' },
  ],
};

describe.each<Backend>(['pglite', 'postgres'])('a conference programme on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    people = await twoEvents(server);
  });
  afterAll(() => server?.close());

  it('imports a panel with its chair and speakers, and its members pull them; a working session carries neither', async () => {
    const counts = await importLines(server.db, [JSON.stringify(PANEL)]);
    expect(counts.rejected).toEqual([]);
    expect(counts.sessions).toBe(1);
    const { changes } = await pullChanges(people.carol);
    const sessions = Object.fromEntries(
      changes.flatMap((c) => (c.kind === 'session' ? [[c.record.id, c.record]] : [])),
    );
    expect(sessions['apr-panel-1']).toMatchObject({ format: 'panel', speakers: PANEL.speakers });
    expect(sessions['apr-s1']).not.toHaveProperty('format');
    expect(sessions['apr-s1']).not.toHaveProperty('speakers');
    // Someone outside the conference never sees its programme.
    expect((await pullChanges(people.bob)).raw).not.toContain('Amina Diallo');
  });

  it('changes nothing on a second import, and updates a changed speaker list', async () => {
    expect((await importLines(server.db, [JSON.stringify(PANEL)])).unchanged).toBe(1);
    const fewer = { ...PANEL, speakers: PANEL.speakers.slice(0, 1) };
    const counts = await importLines(server.db, [JSON.stringify(fewer)]);
    expect(counts.sessions).toBe(1);
    const { changes } = await pullChanges(people.carol);
    const panel = changes.find((c) => c.kind === 'session' && c.record.id === 'apr-panel-1');
    expect(panel?.kind === 'session' && panel.record.speakers).toEqual(fewer.speakers);
    await importLines(server.db, [JSON.stringify(PANEL)]);
  });

  it('rejects a bad programme with its line number and keeps the rest', async () => {
    const bad = [
      { ...PANEL, id: 'bad-1', format: 'roundtable' },
      { ...PANEL, id: 'bad-2', speakers: [{ name: ' ', role: 'speaker' }] },
      { ...PANEL, id: 'bad-3', speakers: [{ name: 'X', role: 'moderator' }] },
      { ...PANEL, id: 'bad-4', speakers: [{ name: 'X', role: 'speaker', twitter: '@x' }] },
      { ...PANEL, id: 'bad-5', speakers: Array.from({ length: 41 }, (_, i) => ({ name: `S${i}`, role: 'speaker' })) },
      { ...PANEL, id: 'good', speakers: [] },
    ].map((line) => JSON.stringify(line));
    const counts = await importLines(server.db, bad);
    expect(counts.rejected.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(counts.rejected[0]!.reason).toMatch(/format/);
    expect(counts.rejected[2]!.reason).toMatch(/role/);
    expect(counts.sessions).toBe(1);
  });

  it('exports the programme so that importing the export back changes nothing', async () => {
    const lines: string[] = [];
    for await (const line of exportLines(server.db)) lines.push(line.trimEnd());
    const panel = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.id === 'apr-panel-1');
    expect(panel).toMatchObject({ format: 'panel', speakers: PANEL.speakers });
    const feb = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.id === 'feb-s1');
    expect(feb).not.toHaveProperty('speakers');
    const again = await importLines(server.db, lines);
    expect(again.rejected).toEqual([]);
    expect(again.sessions).toBe(0);
  });
});
