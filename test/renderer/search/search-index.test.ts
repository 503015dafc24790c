import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation, AnnotationId, TagId } from '../../../shared/model/annotations.js';
import type { ContributionId, ParticipantId, QuestionId } from '../../../shared/model/entities.js';
import type { SeminarDb } from '../../../renderer/db/database.js';
import { applyPushResults } from '../../../renderer/db/apply-push-results.js';
import { newDraft, saveDraft, submitDraft } from '../../../renderer/db/drafts.js';
import { freshDb, questions } from '../fixtures.js';
import { contribution } from '../sync/fake-change-server.js';
import { ids, multilingual, searchWorld } from './search-fixtures.js';
import { SearchService } from '../../../renderer/search/search-service.js';
import { SearchStore } from '../../../renderer/search/search-store.js';

let db: SeminarDb;
let world: ReturnType<typeof searchWorld>;

function note(id: string, on: string, text: string, extra: Partial<Annotation> = {}): Annotation {
  const t = '2026-01-02T00:00:00.000Z';
  return {
    id: id as AnnotationId,
    authorId: 'me' as ParticipantId,
    authorName: 'Me',
    target: {
      contributionId: on as ContributionId,
      language: 'fr',
      sourceVersion: 1,
      textHash: '0000000000000000',
      quote: { exact: 'x', prefix: '', suffix: '' },
      position: { start: 0, end: 1 },
    },
    note: text,
    tags: [],
    visibility: 'private',
    createdAt: t,
    updatedAt: t,
    version: 1,
    deleted: false,
    ...extra,
  };
}

beforeEach(async () => {
  db = freshDb();
  await db.meta.put({ key: 'me', value: { id: 'me', name: 'Me', roles: ['expert'], language: 'en' } });
  world = searchWorld(db, [
    ...questions.map((record) => ({ kind: 'question' as const, record })),
    { kind: 'contribution', record: multilingual('c-multi') },
    {
      kind: 'contribution',
      record: contribution('c-attrib', 'legal-II-i', 'Sur l’attribution des cyberattaques et la riposte.', {
        author: { name: 'Institut', kind: 'institution' },
      }),
    },
    {
      kind: 'contribution',
      record: contribution('c-public', 'public-1', 'La riposte doit rester proportionnée.', {
        language: 'fr',
        author: { name: 'Citoyen', kind: 'individual' },
      }),
    },
  ]);
  await world.sync();
});

afterEach(() => world.stop());

describe('incremental indexing', () => {
  it('finds a pulled update by its new words and no longer by the removed ones', async () => {
    expect(ids(await world.search('riposte '))).toEqual(expect.arrayContaining(['c-attrib', 'c-public']));
    world.server.add({
      kind: 'contribution',
      record: contribution('c-attrib', 'legal-II-i', 'Sur la souveraineté numérique et les représailles.', {
        version: 2,
        author: { name: 'Institut', kind: 'institution' },
      }),
    });
    await world.sync();
    expect(ids(await world.search('souverainete '))).toEqual(['c-attrib']);
    expect(ids(await world.search('représailles '))).toEqual(['c-attrib']);
    expect(ids(await world.search('riposte '))).toEqual(['c-public']);
    expect(ids(await world.search('cyberattaques '))).toEqual([]);
  });

  it('does not find a withdrawn contribution', async () => {
    world.server.add({ kind: 'withdrawal', id: 'c-public' as ContributionId, version: 2 });
    await world.sync();
    expect(ids(await world.search('riposte '))).toEqual(['c-attrib']);
    expect(ids(await world.search('proportionnée '))).toEqual([]);
  });

  it('does not find a language version that is gone', async () => {
    const record = multilingual('c-multi', { version: 2 });
    record.versions = record.versions.filter((v) => v.language !== 'ru');
    world.server.add({ kind: 'contribution', record });
    await world.sync();
    expect(ids(await world.search('осмотрительность '))).toEqual([]);
    expect(ids(await world.search('takedown '))).toEqual(['c-multi']);
  });

  it('finds a contribution written on this device as soon as the server acknowledges it, before any pull', async () => {
    const text = 'Un registre des vulnérabilités partagé entre équipes nationales.';
    const draft = await saveDraft(db, newDraft('legal-I-i' as QuestionId, 'fr'));
    await saveDraft(db, { id: draft.id, questionId: draft.questionId, text, language: 'fr' });
    await submitDraft(db, draft.id);
    expect(ids(await world.search('registre '))).toEqual([]);
    const sent = await db.outbox.toArray();
    const stored = contribution(draft.id, 'legal-I-i', text, { language: 'fr' });
    await applyPushResults(db, sent, [
      { mutationId: sent[0]!.mutationId, status: 'applied', record: { kind: 'contribution', contribution: stored } },
    ]);
    await world.service.flush();
    expect(ids(await world.search('registre '))).toEqual([draft.id]);
  });

  it('takes replaced versions out of the index, and empties the queue once saved', async () => {
    world.server.add({ kind: 'contribution', record: multilingual('c-multi', { version: 2 }) });
    world.server.add({
      kind: 'contribution',
      record: contribution('c-public', 'public-1', 'Texte révisé.', { version: 2 }),
    });
    await world.sync();
    expect(await db.searchQueue.count()).toBe(0);
    expect(ids(await world.search('revise '))).toEqual(['c-public']);
  });
});

describe('after a restart', () => {
  it('searches the saved index at once, without rebuilding it', async () => {
    const service = world.restart();
    const response = await service.search({ query: 'takedown ', filters: {}, uiLang: 'en' });
    expect(ids(response)).toEqual(['c-multi']);
    expect(response.status.fromDisk).toBe(true);
  });

  it('rebuilds from the corpus when the saved index is damaged, and finds the same', async () => {
    world.service.stop();
    const raw = new Dexie(world.storeName);
    raw.version(1).stores({ shards: 'key', state: 'key' });
    // One language's posting lists lose their counts: the parts no longer agree.
    await raw.table('shards').update('de', { 'postings.counts': new Uint32Array(0) });
    raw.close();
    const service = world.restart();
    const response = await service.search({ query: 'takedown ', filters: {}, uiLang: 'en' });
    expect(response.status.fromDisk).toBe(false);
    await service.flush();
    expect(ids(await service.search({ query: 'takedown ', filters: {}, uiLang: 'en' }))).toEqual(['c-multi']);
    expect(ids(await service.search({ query: 'attribution ', filters: {}, uiLang: 'en' }))).toEqual(['c-attrib']);
  });

  it('catches up with pages pulled while it was not running', async () => {
    world.service.stop();
    world.server.add({
      kind: 'contribution',
      record: contribution('c-new', 'public-1', 'Une contribution arrivée pendant la fermeture.'),
    });
    world.server.add({ kind: 'withdrawal', id: 'c-attrib' as ContributionId, version: 2 });
    await world.pull();
    const service = world.restart();
    await service.flush();
    expect(ids(await world.search('fermeture '))).toEqual(['c-new']);
    expect(ids(await world.search('cyberattaques '))).toEqual([]);
    expect(await db.searchQueue.count()).toBe(0);
  });

  it('indexes a corpus that was never indexed (a first start on a synced device)', async () => {
    world.stop();
    const other = freshDb();
    const second = searchWorld(other, [{ kind: 'contribution', record: multilingual('c-multi') }]);
    second.service.stop();
    await second.pull();
    await other.searchQueue.clear(); // as if the pages came before this version of the app
    const service = second.restart();
    await service.flush();
    expect(ids(await second.search('领土 '))).toEqual(['c-multi']);
    second.stop();
  });

  it('rebuilds for another server’s corpus (a new epoch)', async () => {
    world.server.epoch = 'e2';
    world.server.changes = [];
    world.server.add({ kind: 'contribution', record: contribution('c-else', 'public-1', 'Un autre serveur.') });
    await db.meta.delete('sync');
    await db.contributions.clear();
    await db.texts.clear();
    const service = world.restart();
    await service.flush();
    expect(ids(await world.search('takedown '))).toEqual([]);
  });
});

describe('notes and filters', () => {
  it('finds my notes and the seminar’s shared notes, not deleted ones', async () => {
    world.server.add({ kind: 'annotation', record: note('n-1', 'c-attrib', 'Voir la jurisprudence Nicaragua.') });
    world.server.add({
      kind: 'annotation',
      record: note('n-2', 'c-public', 'Shared thought on Tallinn', {
        authorId: 'other' as ParticipantId,
        authorName: 'Ada',
        visibility: 'seminar',
      }),
    });
    world.server.add({
      kind: 'annotation',
      record: note('n-3', 'c-multi', 'Gone Nicaragua', { deleted: true }),
    });
    await world.sync();
    const mine = await world.search('nicaragua ');
    expect(ids(mine)).toEqual(['c-attrib']);
    expect(mine.groups[0]!.notes).toMatchObject([{ annotationId: 'n-1', mine: true, visibility: 'private' }]);
    expect(mine.groups[0]!.versions).toEqual([]);
    const shared = await world.search('tallinn ');
    expect(shared.groups[0]!.notes).toMatchObject([{ annotationId: 'n-2', mine: false, authorName: 'Ada' }]);
  });

  it('filters by question, track, original language, matched language, tag, author kind and my notes', async () => {
    world.server.add({
      kind: 'annotation',
      record: note('n-1', 'c-public', 'ok', { tags: ['t-1' as TagId] }),
    });
    await world.sync();
    const riposte = (filters: Parameters<typeof world.search>[1]) => world.search('riposte ', filters).then(ids);
    expect(await riposte({})).toHaveLength(2);
    expect(await riposte({ questionId: 'public-1' as QuestionId })).toEqual(['c-public']);
    expect(await riposte({ track: 'legal' })).toEqual(['c-attrib']);
    expect(await riposte({ authorKind: 'institution' })).toEqual(['c-attrib']);
    expect(await riposte({ originalLanguage: 'de' })).toEqual([]);
    expect(await riposte({ matchedLanguage: 'en' })).toHaveLength(2);
    expect(await riposte({ matchedLanguage: 'ru' })).toEqual([]);
    expect(await riposte({ tagId: 't-1' as TagId })).toEqual(['c-public']);
    expect(await riposte({ myNotes: true })).toEqual(['c-public']);
  });

  it('says which versions matched, the user’s language first', async () => {
    const response = await world.search('riposte ', { questionId: 'legal-II-i' as QuestionId }, 'en');
    expect(response.groups[0]!.versions.map((v) => [v.language, v.origin])).toEqual([
      ['en', 'machine'],
      ['fr', 'original'],
    ]);
  });
});

describe('searching one event or all of them (issue 18)', () => {
  it('keeps to the event’s agenda and the notes written in it, and searches every event when asked', async () => {
    const ada = { authorId: 'ada' as ParticipantId, authorName: 'Ada', visibility: 'seminar' as const };
    world.server.add({
      kind: 'annotation',
      record: note('n-feb', 'c-attrib', 'Voir la jurisprudence Nicaragua.', { ...ada, eventId: 'feb' }),
    });
    world.server.add({
      kind: 'annotation',
      record: note('n-apr', 'c-attrib', 'Le manuel de Tallinn en parle.', { ...ada, eventId: 'apr' }),
    });
    world.server.add({ kind: 'annotation', record: note('n-old', 'c-public', 'Avant les événements : Tallinn.') });
    await world.sync();
    const feb = { eventId: 'feb', questionIds: ['legal-I-i', 'legal-II-i'] as QuestionId[] };
    const apr = { eventId: 'apr', questionIds: ['public-1'] as QuestionId[] };

    // The agenda: a contribution to a question off it is not found, in any script.
    expect(ids(await world.search('riposte ', feb))).toEqual(['c-attrib']);
    expect(ids(await world.search('riposte ', apr))).toEqual(['c-public']);
    expect(ids(await world.search('riposte '))).toEqual(expect.arrayContaining(['c-attrib', 'c-public']));
    expect(ids(await world.search('领土', feb))).toEqual(['c-multi']);
    expect(ids(await world.search('领土', apr))).toEqual([]);
    expect(ids(await world.search('الدولة', feb))).toEqual(['c-multi']);
    expect(ids(await world.search('الدولة', apr))).toEqual([]);

    // Notes: those written in the event, and those from before events; another event's are left out.
    expect(ids(await world.search('Nicaragua', feb))).toEqual(['c-attrib']);
    expect(ids(await world.search('Nicaragua', { ...feb, eventId: 'apr' }))).toEqual([]);
    const tallinn = await world.search('Tallinn', { eventId: 'feb' });
    expect(ids(tallinn)).toEqual(['c-public']);
    expect(tallinn.groups[0]!.notes.map((n) => n.annotationId)).toEqual(['n-old']);
    const everywhere = await world.search('Tallinn');
    expect(ids(everywhere).sort()).toEqual(['c-attrib', 'c-public']);
  });
});

describe('while a sync pulls (issue 19)', () => {
  const pulled = () =>
    world.server.add({
      kind: 'contribution',
      record: contribution('c-new', 'public-1', 'Une clause de sauvegarde numérique.', { language: 'fr' }),
    });

  it('indexes nothing while held, says it waits, and indexes all that came once released', async () => {
    const service = world.service;
    service.hold(true);
    pulled();
    await world.pull();
    await vi.waitFor(() => expect(service.getStatus().phase).toBe('waiting'));
    expect(ids(await world.search('sauvegarde '))).toEqual([]);
    // Searching goes on over what was indexed before.
    expect(ids(await world.search('proportionnée '))).toEqual(['c-public']);
    expect(await db.searchQueue.count()).toBeGreaterThan(0);
    service.hold(false);
    await vi.waitFor(() => expect(service.getStatus().phase).toBe('ready'));
    expect(ids(await world.search('sauvegarde '))).toEqual(['c-new']);
    await service.flush();
    expect(await db.searchQueue.count()).toBe(0);
  });

  it('does not wait for a pull that never ends longer than maxHoldMs', async () => {
    world.stop();
    const store = new SearchStore(`search-test-hold-${Date.now()}`);
    const service = new SearchService({ db, store, saveDelayMs: 10, maxHoldMs: 100 });
    try {
      service.hold(true);
      pulled();
      await world.pull();
      await vi.waitFor(() => expect(service.getStatus().phase).toBe('waiting'));
      await vi.waitFor(
        async () =>
          expect(ids(await service.search({ query: 'sauvegarde ', filters: {}, uiLang: 'en' }))).toEqual(['c-new']),
        { timeout: 3_000 },
      );
    } finally {
      service.stop();
      store.close();
    }
  });
});
