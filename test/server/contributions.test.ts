import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES } from '../../shared/languages.js';
import type { Change } from '../../shared/protocol/pull.js';
import { LIMITS } from '../../shared/protocol/schemas.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { openPostgres } from '../../server/db/database.js';
import { claimJobs, completeJob, enqueueTranslationsTx } from '../../server/translate/job-queue.js';
import {
  freshPostgresUrl,
  pullChanges,
  pushMutations,
  runAdmin,
  startTestServer,
  type Backend,
} from '../support/server-harness.js';
import { contributionPut, FRENCH, KOREAN } from './contribution-fixtures.js';
import { PUSH_CORPUS, annotationPut } from './push-fixtures.js';

const contributionIn = (changes: Change[], id: string) =>
  changes.filter((c) => (c.kind === 'contribution' && c.record.id === id) || (c.kind === 'withdrawal' && c.id === id));

describe.each<Backend>(['pglite', 'postgres'])('contributions written in the app, on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Device = Awaited<ReturnType<typeof server.signIn>>;
  let delegate: Device;
  let delegateLaptop: Device;
  let expert: Device;
  let rapporteur: Device;
  let secretariat: Device;

  beforeAll(async () => {
    // No provider: jobs wait in the queue, the tests drive them by hand.
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    expect((await importLines(server.db, PUSH_CORPUS)).rejected).toEqual([]);
    delegate = await server.signIn({ id: 'del', name: 'Min-jun Park', roles: ['delegate'] });
    delegateLaptop = await server.signIn({ id: 'del', name: 'Min-jun Park', roles: ['delegate'] });
    expert = await server.signIn({ id: 'exp', name: 'Élise Martin', roles: ['expert'] });
    rapporteur = await server.signIn({ id: 'rap', name: 'Rapporteur', roles: ['rapporteur'] });
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
  });
  afterAll(() => server?.close());

  const jobs = (id: string) =>
    server.db.query<{ source_version: number; target_language: string; status: string }>(
      'SELECT source_version, target_language, status FROM translation_jobs WHERE contribution_id=$1 ORDER BY target_language',
      [id],
    );

  it('creates a contribution once, however often it is resent, visible to everyone with its original only', async () => {
    const put = contributionPut();
    const id = put.kind === 'contribution-put' ? put.contribution.id : '';
    const [first] = await pushMutations(delegate, [put]);
    expect(first).toMatchObject({ status: 'applied', record: { kind: 'contribution' } });
    const [again] = await pushMutations(delegateLaptop, [put]);
    expect(again).toEqual(first);

    const { changes } = await pullChanges(expert);
    const [change] = contributionIn(changes, id);
    expect(change).toMatchObject({
      kind: 'contribution',
      record: {
        id,
        authorId: 'del',
        author: { name: 'Min-jun Park', kind: 'institution' },
        language: 'ko',
        version: 1,
        versions: [{ language: 'ko', text: KOREAN, origin: 'original', sourceVersion: 1 }],
      },
    });
    // The server's clock dates it, not the device's.
    const created = change?.kind === 'contribution' ? Date.parse(change.record.createdAt) : 0;
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
    // Nine translations queued, one per other language.
    const queued = await jobs(id);
    expect(queued.map((j) => j.target_language)).toEqual(LANGUAGES.filter((l) => l !== 'ko').sort());
    expect(queued.every((j) => j.status === 'queued' && j.source_version === 1)).toBe(true);
  });

  it('refuses bad texts with a clear reason and stores nothing', async () => {
    const cases = [
      contributionPut({ text: '   court   ' }),
      contributionPut({ text: 'x'.repeat(LIMITS.contributionLength - 10) + '\u0007 bell' }),
      contributionPut({ questionId: 'no-such-question' }),
    ];
    const results = await pushMutations(delegate, cases);
    expect(results.map((r) => (r.status === 'rejected' ? [r.reason, r.message] : r.status))).toEqual([
      ['validation-failed', `a contribution has at least ${LIMITS.contributionMinLength} characters`],
      ['validation-failed', 'the text holds control characters other than line breaks and tabs'],
      ['validation-failed', 'no question "no-such-question"'],
    ]);
    // Over the limit or in an unknown language: the schema refuses it, naming the field.
    const tooLong = {
      ...contributionPut(),
      contribution: { id: 'c-long', questionId: 'q1', language: 'ko', text: 'x'.repeat(LIMITS.contributionLength + 1) },
    };
    const unknownLang = {
      ...contributionPut(),
      contribution: { id: 'c-xx', questionId: 'q1', language: 'xx', text: FRENCH },
    };
    const res = await delegate.post('/api/push', { mutations: [tooLong, unknownLang] });
    const body = (await res.json()) as { results: { status: string; reason: string; message: string }[] };
    expect(body.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'validation-failed'],
      ['rejected', 'validation-failed'],
    ]);
    expect(body.results[0]!.message).toMatch(/contribution\.text/);
    expect(body.results[1]!.message).toMatch(/unknown language "xx"/);
    const [row] = await server.db.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM contributions WHERE id IN ('c-long', 'c-xx')`,
    );
    expect(row!.n).toBe(0);
  });

  it('lets delegates, experts and the secretariat write, not a rapporteur; only the author edits', async () => {
    const byExpert = contributionPut({ language: 'fr', text: FRENCH });
    const [ok] = await pushMutations(expert, [byExpert]);
    expect(ok).toMatchObject({ status: 'applied', record: { contribution: { author: { kind: 'legal-expert' } } } });
    const [refused] = await pushMutations(rapporteur, [contributionPut()]);
    expect(refused).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    const id = byExpert.kind === 'contribution-put' ? byExpert.contribution.id : '';
    const [notTheirs] = await pushMutations(delegate, [
      contributionPut({ id, language: 'fr', text: `${FRENCH} Ajout.` }, 1),
    ]);
    expect(notTheirs).toMatchObject({ status: 'rejected', reason: 'forbidden' });
  });

  it('an edit bumps the version, keeps stale translations served until redone, and requeues them', async () => {
    const put = contributionPut();
    const id = put.kind === 'contribution-put' ? put.contribution.id : '';
    await pushMutations(delegate, [put]);
    // A translation of version 1 arrives.
    const claimed = (await claimJobs(server.db, 100, 60_000)).filter((j) => j.contributionId === id);
    const en = claimed.find((j) => j.target === 'en')!;
    expect(await completeJob(server.db, en, 'States must exercise due diligence.', 'fake')).toBe(true);

    const edited = `${KOREAN}\n\n추가 문단.`;
    const [stale] = await pushMutations(delegateLaptop, [contributionPut({ id, text: edited }, 7)]);
    expect(stale).toMatchObject({ status: 'conflict', current: { contribution: { version: 1 } } });
    const [applied] = await pushMutations(delegateLaptop, [contributionPut({ id, text: edited }, 1)]);
    expect(applied).toMatchObject({ status: 'applied', record: { contribution: { version: 2 } } });
    const record =
      applied?.status === 'applied' && applied.record.kind === 'contribution' ? applied.record.contribution : null;
    expect(record?.versions.find((v) => v.language === 'ko')).toMatchObject({ text: edited, sourceVersion: 2 });
    // The English translation is of version 1: stale, still shown until redone.
    expect(record?.versions.find((v) => v.language === 'en')).toMatchObject({ origin: 'machine', sourceVersion: 1 });

    // A worker still holding a version-1 job cannot store it any more.
    const fr = claimed.find((j) => j.target === 'fr')!;
    expect(await completeJob(server.db, fr, 'Traduction périmée', 'fake')).toBe(false);
    const all = await jobs(id);
    expect(all.filter((j) => j.source_version === 1).every((j) => ['done', 'superseded'].includes(j.status))).toBe(
      true,
    );
    expect(all.filter((j) => j.source_version === 2 && j.status === 'queued')).toHaveLength(9);
    // The language cannot change once submitted.
    const [moved] = await pushMutations(delegate, [contributionPut({ id, language: 'en', text: FRENCH }, 2)]);
    expect(moved).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
  });

  it('a human translation is preferred, kept in its own layer, and never erased by a machine one', async () => {
    const put = contributionPut();
    const id = put.kind === 'contribution-put' ? put.contribution.id : '';
    await pushMutations(delegate, [put]);
    const put1 = (lang: string, body: unknown, device: Device = secretariat) =>
      fetch(`${server.url}/api/contributions/${id}/translations/${lang}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put1('en', { text: 'A human translation.' }, expert)).status).toBe(403);
    expect((await put1('xx', { text: 'x' })).status).toBe(400);
    expect((await put1('ko', { text: 'x' })).status).toBe(400);
    const attached = await put1('en', { text: 'States must exercise due diligence (human).' });
    expect(attached.status).toBe(200);

    const job = (await claimJobs(server.db, 200, 60_000)).find((j) => j.contributionId === id && j.target === 'en')!;
    await completeJob(server.db, job, 'Machine translation.', 'fake');
    const served = async () => {
      const res = await expert.get(`/api/contributions/${id}`);
      const { contribution } = (await res.json()) as { contribution: { versions: { language: string }[] } };
      return contribution.versions.find((v) => v.language === 'en');
    };
    expect(await served()).toMatchObject({ origin: 'human', text: 'States must exercise due diligence (human).' });
    const layers = await server.db.query<{ layer: string }>(
      `SELECT layer FROM translation_layers WHERE contribution_id=$1 AND language='en' ORDER BY layer`,
      [id],
    );
    expect(layers.map((l) => l.layer)).toEqual(['human', 'machine']);
  });

  it('the secretariat withdraws a contribution with a reason: gone at the next pull, its notes kept', async () => {
    const put = contributionPut();
    const id = put.kind === 'contribution-put' ? put.contribution.id : '';
    await pushMutations(delegate, [put]);
    const note = annotationPut({
      target: {
        contributionId: id,
        language: 'ko',
        sourceVersion: 1,
        textHash: 'h',
        quote: { exact: '국가는', prefix: '', suffix: '' },
        position: { start: 0, end: 3 },
      },
      visibility: 'seminar',
    } as never);
    expect((await pushMutations(expert, [note]))[0]).toMatchObject({ status: 'applied' });
    const { checkpoint } = await pullChanges(expert);

    expect((await delegate.post(`/api/contributions/${id}/withdraw`, { reason: 'duplicate' })).status).toBe(403);
    expect((await secretariat.post(`/api/contributions/${id}/withdraw`, {})).status).toBe(400);
    expect((await secretariat.post(`/api/contributions/no-such/withdraw`, { reason: 'x' })).status).toBe(404);
    const res = await secretariat.post(`/api/contributions/${id}/withdraw`, { reason: 'Posted twice by mistake.' });
    expect(res.status).toBe(200);

    const { changes } = await pullChanges(expert, checkpoint);
    expect(contributionIn(changes, id)).toEqual([
      expect.objectContaining({ kind: 'withdrawal', id, reason: 'Posted twice by mistake.' }),
    ]);
    expect((await expert.get(`/api/contributions/${id}`)).status).toBe(404);
    const [kept] = await server.db.query<{ deleted: boolean }>(
      'SELECT deleted FROM annotations WHERE contribution_id=$1',
      [id],
    );
    expect(kept).toEqual({ deleted: false });
    expect((await jobs(id)).every((j) => j.status === 'superseded')).toBe(true);
    const [edit] = await pushMutations(delegate, [contributionPut({ id, text: `${KOREAN} 수정` }, 1)]);
    expect(edit).toMatchObject({ status: 'rejected', reason: 'forbidden' });
  });
});

describe('admin commands for the secretariat', () => {
  const admin = runAdmin;

  it('withdraws a contribution with its reason and shows the translation queue', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const db = await openPostgres(url);
    try {
      await importLines(db, PUSH_CORPUS);
      await db.transaction((tx) => enqueueTranslationsTx(tx, 'c1', 1, 'en'));
    } finally {
      await db.close();
    }
    const status = await admin(url, ['translations', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('queued: 9, running: 0, done: 0, failed: 0');

    const refused = await admin(url, ['contribution', 'withdraw', 'c1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--reason is required');
    const withdrawn = await admin(url, ['contribution', 'withdraw', 'c1', '--reason', 'Doublon']);
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    const after = await admin(url, ['translations', 'status']);
    expect(after.stdout).toContain('queued: 0');
    expect(after.stdout).toContain('superseded: 9');
    const check = await openPostgres(url);
    try {
      const [row] = await check.query('SELECT status, withdrawn_reason, withdrawn_by FROM contributions WHERE id=$1', [
        'c1',
      ]);
      expect(row).toEqual({ status: 'withdrawn', withdrawn_reason: 'Doublon', withdrawn_by: 'admin' });
    } finally {
      await check.close();
    }
  });
});
