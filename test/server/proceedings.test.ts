import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import * as Y from 'yjs';
import type { Proceedings, ReviewState } from '../../shared/model/proceedings.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { PushResult } from '../../shared/protocol/push.js';
import type { CitationAttrs } from '../../shared/synthesis/document.js';
import { anchorAt } from '../../shared/proceedings/comment-anchor.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { FEB, twoEvents } from './event-fixtures.js';

/**
 * Proceedings on the server (issue 20): review states moved by the roles
 * allowed to, comments, consent, editions frozen by their content hash, and
 * the exports of an edition the same bytes every time. February's people:
 * alice and erin rapporteurs, sam the secretariat, bob an expert; carol is
 * in April only, dave in nothing.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
type Device = Awaited<ReturnType<Server['signIn']>>;

const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });
const move = (target: string, from: ReviewState, to: ReviewState) =>
  m({ kind: 'review-move', eventId: FEB, target, from, to });

async function one(device: Device, mutation: Mutation): Promise<PushResult> {
  return (await pushMutations(device, [mutation]))[0]!;
}
function record(result: PushResult): Proceedings {
  if (result.status === 'rejected') throw new Error(`${result.reason}: ${result.message}`);
  const r = result.status === 'applied' ? result.record : result.current;
  if (r.kind !== 'proceedings') throw new Error(r.kind);
  return r.proceedings;
}

const citation: CitationAttrs = {
  citationId: 'cit-1',
  contributionId: 'c1',
  annotationId: null,
  authorName: 'A',
  authorKind: 'individual',
  language: 'en',
  origin: 'original',
  engine: null,
  originalLanguage: 'en',
  originalText: null,
  textHash: 'hash',
  sourceVersion: 1,
  questionCode: '1',
};

describe.each(['pglite', 'postgres'] as const)('proceedings on %s', (backend) => {
  let server: Server;
  let people: Awaited<ReturnType<typeof twoEvents>> & { erin: Device; sam: Device };
  const ydoc = yDocOf({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'States must exercise due diligence.' }] },
      {
        type: 'blockquote',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'exercise due diligence', marks: [{ type: 'citation', attrs: citation }] }],
          },
        ],
      },
    ],
  });

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null, demo: false });
    const base = await twoEvents(server);
    const erin = await server.signIn({ id: 'erin', name: 'Erin', roles: ['rapporteur'], events: [FEB] });
    const sam = await server.signIn({ id: 'sam', name: 'Sam', roles: ['secretariat'], events: [FEB] });
    people = { ...base, erin, sam };
    // The February synthesis gets its text as the editor writes it.
    const pushed = await one(
      base.alice,
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(ydoc)) }),
    );
    expect(pushed.status).toBe('applied');
  });
  afterAll(() => server?.close());

  it('moves review states only as the roles allow, and answers non-members as if the event did not exist', async () => {
    const { alice, bob, carol, dave, sam } = people;
    expect(await one(dave, move('whole', 'draft', 'in-review'))).toMatchObject({
      status: 'rejected',
      reason: 'not-found',
    });
    expect(await one(carol, move('syn-feb', 'draft', 'in-review'))).toMatchObject({
      status: 'rejected',
      reason: 'not-found',
    });
    expect(await one(bob, move('syn-feb', 'draft', 'in-review'))).toMatchObject({
      status: 'rejected',
      reason: 'forbidden',
    });
    expect(record(await one(alice, move('syn-feb', 'draft', 'in-review'))).sections['syn-feb']).toBe('in-review');
    // A rapporteur proposes; only the secretariat approves.
    expect(await one(alice, move('syn-feb', 'in-review', 'approved'))).toMatchObject({
      status: 'rejected',
      reason: 'forbidden',
    });
    // A synthesis is never published alone; a move that does not exist is refused.
    expect(await one(sam, move('syn-feb', 'in-review', 'published'))).toMatchObject({ reason: 'validation-failed' });
    expect(record(await one(sam, move('whole', 'draft', 'in-review'))).state).toBe('in-review');
    // The whole waits for every synthesis.
    const early = await one(sam, move('whole', 'in-review', 'approved'));
    expect(early).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
    expect(early.status === 'rejected' && early.message).toContain('syn-feb');
    expect(record(await one(sam, move('syn-feb', 'in-review', 'approved'))).sections['syn-feb']).toBe('approved');
    expect(record(await one(sam, move('whole', 'in-review', 'approved'))).state).toBe('approved');
    // A move from a state the server has left (made offline on an old state) is a conflict, applied to nothing.
    const stale = await one(alice, move('whole', 'draft', 'in-review'));
    expect(stale.status).toBe('conflict');
    expect(record(stale).state).toBe('approved');
    // A resend of an applied move changes nothing.
    const again = move('whole', 'approved', 'in-review');
    expect(record(await one(sam, again)).state).toBe('in-review');
    expect(record(await one(sam, again)).state).toBe('in-review');
    expect(record(await one(sam, move('whole', 'in-review', 'approved'))).state).toBe('approved');
  });

  it('keeps threaded, anchored comments, resolvable by the writers, refused to others', async () => {
    const { alice, erin, sam, bob, carol } = people;
    const anchor = anchorAt(ydoc, 0, 7, 34);
    const comment = { id: 'cm-1', synthesisId: 'syn-feb', anchor, body: 'Cite the 2015 report here?', replyTo: null };
    const first = m({ kind: 'review-comment-add', eventId: FEB, comment });
    expect(record(await one(alice, first)).comments.map((c) => c.id)).toEqual(['cm-1']);
    const reply = m({
      kind: 'review-comment-add',
      eventId: FEB,
      comment: { id: 'cm-2', synthesisId: 'syn-feb', anchor: null, body: 'Done.', replyTo: 'cm-1' },
    });
    const after = record(await one(erin, reply));
    expect(after.comments.find((c) => c.id === 'cm-2')).toMatchObject({ replyTo: 'cm-1', authorName: 'Erin' });
    expect(after.comments[0]!.anchor).toEqual(anchor);
    // An expert reads them (pull) but does not write them; someone of another event does not see the synthesis.
    expect(
      await one(bob, m({ kind: 'review-comment-add', eventId: FEB, comment: { ...comment, id: 'cm-3' } })),
    ).toMatchObject({ reason: 'forbidden' });
    expect(
      await one(carol, m({ kind: 'review-comment-add', eventId: FEB, comment: { ...comment, id: 'cm-4' } })),
    ).toMatchObject({ reason: 'not-found' });
    // A reply to a comment that is not there is refused (nothing is attached to nothing).
    expect(
      await one(
        alice,
        m({
          kind: 'review-comment-add',
          eventId: FEB,
          comment: { id: 'cm-5', synthesisId: 'syn-feb', anchor: null, body: 'x', replyTo: 'nope' },
        }),
      ),
    ).toMatchObject({ reason: 'validation-failed' });
    const resolved = record(await one(sam, m({ kind: 'review-comment-resolve', commentId: 'cm-1', resolved: true })));
    expect(resolved.comments[0]).toMatchObject({ resolved: true, resolvedByName: 'Sam' });
    expect(await one(bob, m({ kind: 'review-comment-resolve', commentId: 'cm-1', resolved: false }))).toMatchObject({
      reason: 'forbidden',
    });
  });

  it('names only the members who consented, each setting their own', async () => {
    const { alice, erin, bob } = people;
    expect(record(await one(alice, m({ kind: 'consent-put', eventId: FEB, consented: true }))).myConsent).toBe(true);
    record(await one(erin, m({ kind: 'consent-put', eventId: FEB, consented: true })));
    const named = record(await one(erin, m({ kind: 'consent-put', eventId: FEB, consented: false })));
    expect(named.named).toEqual(['Alice']);
    // Bob never answered: not named, and his pull says so for him.
    const pulled = (await pullChanges(bob)).changes.filter((c) => c.kind === 'proceedings');
    const last = pulled.at(-1)!;
    expect(last.kind === 'proceedings' && last.record).toMatchObject({ named: ['Alice'], myConsent: false });
  });

  it('freezes a published edition by its hash; equal content is the same edition, an edit makes the next', async () => {
    const { alice, sam, bob, dave } = people;
    const published = record(await one(sam, move('whole', 'approved', 'published')));
    expect(published.state).toBe('published');
    expect(published.sections['syn-feb']).toBe('published');
    expect(published.editions).toHaveLength(1);
    const first = published.editions[0]!;
    expect(first).toMatchObject({ number: 1, language: 'en', publishedByName: 'Sam' });
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.trail.at(-1)).toMatchObject({ target: 'whole', from: 'approved', to: 'published', edition: 1 });

    // The frozen input: consenting names only, the quote with its provenance, no review comment.
    const res = await sam.get(`/api/events/${FEB}/proceedings/editions/1`);
    expect(res.status).toBe(200);
    const frozen = (await res.json()) as { contentHash: string; input: Record<string, unknown> };
    expect(frozen.contentHash).toBe(first.contentHash);
    const text = JSON.stringify(frozen.input);
    expect(frozen.input.participants).toEqual([{ name: 'Alice', consented: true }]);
    expect(text).not.toContain('Erin"');
    expect(text).toContain('"contributionId":"c1"');
    expect(text).not.toContain('Cite the 2015 report');

    // Every format, twice: the same bytes, and no non-consenting name in the site.
    const hashes: Record<string, string> = {};
    for (const format of ['site', 'epub', 'pdf', 'docx']) {
      const a = await sam.get(`/api/events/${FEB}/proceedings/editions/1/export/${format}`);
      const b = await alice.get(`/api/events/${FEB}/proceedings/editions/1/export/${format}`);
      expect(a.status, format).toBe(200);
      const [bytesA, bytesB] = [Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer())];
      expect(bytesA.equals(bytesB), format).toBe(true);
      expect(a.headers.get('x-content-sha256')).toBe(b.headers.get('x-content-sha256'));
      hashes[format] = a.headers.get('x-content-sha256')!;
      if (format === 'site') {
        const files = unzipSync(new Uint8Array(bytesA));
        const html = Object.entries(files)
          .filter(([n]) => n.endsWith('.html'))
          .map(([, f]) => strFromU8(f))
          .join('\n');
        expect(html).toContain('Alice');
        expect(html).not.toContain('Erin');
        expect(html).not.toContain('Bob');
      }
    }
    // Exports are the event's writers' alone.
    expect((await bob.get(`/api/events/${FEB}/proceedings/editions/1/export/pdf`)).status).toBe(403);
    expect((await dave.get(`/api/events/${FEB}/proceedings/editions/1/export/pdf`)).status).toBe(404);
    expect((await sam.get(`/api/events/${FEB}/proceedings/editions/9/export/pdf`)).status).toBe(404);
    expect((await sam.get(`/api/events/${FEB}/proceedings/editions/1/export/odt`)).status).toBe(400);

    // A new round without any change: publishing again is edition 1 again.
    const round = async () => {
      expect(record(await one(alice, move('whole', 'published', 'draft'))).sections['syn-feb']).toBe('draft');
      for (const [from, to] of [
        ['draft', 'in-review'],
        ['in-review', 'approved'],
      ] as const) {
        record(await one(sam, move('syn-feb', from, to)));
        record(await one(sam, move('whole', from, to)));
      }
      return record(await one(sam, move('whole', 'approved', 'published')));
    };
    expect((await round()).editions.map((e) => e.number)).toEqual([1]);

    // An edit: the next publication is edition 2, with another hash; edition 1 stays as it was.
    const edited = new Y.Doc();
    Y.applyUpdate(edited, Y.encodeStateAsUpdate(ydoc));
    const before = Y.encodeStateVector(edited);
    ((edited.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'All ');
    expect(
      (
        await one(
          alice,
          m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(edited, before)) }),
        )
      ).status,
    ).toBe('applied');
    const second = await round();
    expect(second.editions.map((e) => e.number)).toEqual([1, 2]);
    expect(second.editions[1]!.contentHash).not.toBe(first.contentHash);
    const again = await sam.get(`/api/events/${FEB}/proceedings/editions/1/export/pdf`);
    expect(again.headers.get('x-content-sha256')).toBe(hashes.pdf);
    const two = (await (await sam.get(`/api/events/${FEB}/proceedings/editions/2`)).json()) as { input: unknown };
    expect(JSON.stringify(two.input)).toContain('All States must');
  });

  it('sends the proceedings to the event’s members only, never to anyone else', async () => {
    const { bob, carol, dave } = people;
    const member = await pullChanges(bob);
    expect(member.changes.some((c) => c.kind === 'proceedings')).toBe(true);
    for (const outsider of [carol, dave]) {
      const { changes, raw } = await pullChanges(outsider);
      expect(changes.some((c) => c.kind === 'proceedings')).toBe(false);
      expect(raw).not.toContain('Cite the 2015 report');
    }
  });
});
