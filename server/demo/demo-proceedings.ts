import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { Lang } from '../../shared/languages.js';
import type { AuthorKind, Role } from '../../shared/model/entities.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import { SYNTHESIS_FIELD, type CitationAttrs } from '../../shared/synthesis/document.js';
import { upsertParticipant } from '../auth/tokens.js';
import type { Database } from '../db/database.js';
import { applyMutationTx } from '../push/apply-mutation.js';

/**
 * The demo event whose proceedings are published at the first demo start:
 * the seminar after the conference (the first seminar's proceedings are
 * left in draft, for a user, and the e2e tests, to take through review).
 */
export const DEMO_PROCEEDINGS_EVENT = 'seminar-2017-post';
/** Who reviews and publishes them: the demo's own secretariat (the demo user is one of the rapporteurs). */
export const DEMO_SECRETARIAT = { id: 'demo-secretariat', name: 'Demo secretariat', language: 'en' as const };

const PARAGRAPHS = [
  'The participants agreed that responsibility for digital security is shared between States and private actors, ' +
    'each within its own mandate.',
  'Several contributions asked for clearer due diligence duties, and for the review of those duties at regular intervals.',
];

/**
 * The demo's proceedings: syntheses of that seminar's first two questions,
 * written by the demo user as a rapporteur, approved and published as the
 * first edition by the demo secretariat, through the same mutations the app
 * pushes (so the review trail is the real one). Done once: an event that
 * already has syntheses is left alone, so a meeting run on the demo keeps
 * its own work. Returns the number of syntheses written.
 */
export async function seedDemoProceedings(db: Database, demoUser: { id: string; name: string }): Promise<number> {
  const [event] = await db.query<{ any: boolean; exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM events WHERE id = $1) AS exists,
            EXISTS (SELECT 1 FROM syntheses WHERE event_id = $1) AS any`,
    [DEMO_PROCEEDINGS_EVENT],
  );
  if (!event?.exists || event.any) return 0;
  const sessions = await db.query<{ question_ids: string[] | string }>(
    'SELECT question_ids FROM seminar_sessions WHERE event_id = $1 ORDER BY day, ord',
    [DEMO_PROCEEDINGS_EVENT],
  );
  const questions = sessions
    .flatMap((s) => (typeof s.question_ids === 'string' ? JSON.parse(s.question_ids) : s.question_ids) as string[])
    .slice(0, 2);
  if (questions.length === 0) return 0;
  const secretariat = await upsertParticipant(db, { ...DEMO_SECRETARIAT, roles: ['secretariat'] as Role[] });
  const rapporteur = (
    await db.query<{ id: string; name: string; roles: Role[]; language: string }>(
      'SELECT id, name, roles, language FROM participants WHERE id = $1',
      [demoUser.id],
    )
  )[0]!;
  const syntheses = questions.map((questionId, i) => ({ id: `demo-synthesis-${i + 1}`, questionId }));
  const quotes = await Promise.all(questions.map((questionId, i) => quoteOf(db, questionId, `demo-quote-${i + 1}`)));
  const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });
  const as = async (who: typeof rapporteur, mutations: Mutation[]) =>
    db.transaction(async (tx) => {
      for (const mutation of mutations) {
        const { result } = await applyMutationTx(tx, who as never, mutation);
        if (result.status !== 'applied')
          throw new Error(`demo proceedings: ${mutation.kind} ${JSON.stringify(result)}`);
      }
    });
  await db.query(
    `INSERT INTO event_members (event_id, participant_id, roles, seq) VALUES ($1, $2, $3, nextval('change_seq'))
     ON CONFLICT (event_id, participant_id) DO NOTHING`,
    [DEMO_PROCEEDINGS_EVENT, secretariat.id, ['secretariat']],
  );
  await as(rapporteur, [
    m({
      kind: 'proceedings-put',
      eventId: DEMO_PROCEEDINGS_EVENT,
      title: 'Proceedings of the seminar',
      subtitle: '',
      publisher: '',
      language: 'en',
    }),
    ...syntheses.flatMap((s, i) => [
      m({
        kind: 'synthesis-create',
        synthesis: {
          id: s.id,
          questionId: s.questionId,
          title: `Synthesis ${i + 1}`,
          language: 'en',
          eventId: DEMO_PROCEEDINGS_EVENT,
        },
      }),
      m({
        kind: 'synthesis-update',
        synthesisId: s.id,
        update: Buffer.from(textUpdate(PARAGRAPHS, quotes[i] ?? null)).toString('base64'),
      }),
      m({ kind: 'review-move', eventId: DEMO_PROCEEDINGS_EVENT, target: s.id, from: 'draft', to: 'in-review' }),
    ]),
    m({ kind: 'review-move', eventId: DEMO_PROCEEDINGS_EVENT, target: 'whole', from: 'draft', to: 'in-review' }),
  ]);
  await as(secretariat as never, [
    ...syntheses.map((s) =>
      m({ kind: 'review-move', eventId: DEMO_PROCEEDINGS_EVENT, target: s.id, from: 'in-review', to: 'approved' }),
    ),
    m({ kind: 'review-move', eventId: DEMO_PROCEEDINGS_EVENT, target: 'whole', from: 'in-review', to: 'approved' }),
    m({ kind: 'review-move', eventId: DEMO_PROCEEDINGS_EVENT, target: 'whole', from: 'approved', to: 'published' }),
  ]);
  return syntheses.length;
}

/**
 * A quote of the question's first published contribution (its first
 * sentence, in its original language), with the provenance the editor gives
 * a quote, so the demo's edition has quotes traceable to their source in
 * every language and format. Null when the question has no contribution.
 */
async function quoteOf(
  db: Database,
  questionId: string,
  citationId: string,
): Promise<{ text: string; attrs: CitationAttrs } | null> {
  const [row] = await db.query<{
    id: string;
    author_name: string;
    author_kind: AuthorKind;
    language: Lang;
    version: number;
    text: string;
    code: string;
  }>(
    `SELECT c.id, c.author_name, c.author_kind, c.language, c.version, t.text, q.code
     FROM contributions c JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language
     JOIN questions q ON q.id = c.question_id
     WHERE c.question_id = $1 AND c.status = 'published' ORDER BY c.created_at, c.id LIMIT 1`,
    [questionId],
  );
  if (!row) return null;
  const [first] = new Intl.Segmenter(row.language, { granularity: 'sentence' }).segment(row.text);
  const sentence = (first?.segment ?? row.text).trim();
  const text = sentence.length > 300 ? `${sentence.slice(0, sentence.lastIndexOf(' ', 300))}…` : sentence;
  if (!text) return null;
  return {
    text,
    attrs: {
      citationId,
      contributionId: row.id,
      annotationId: null,
      authorName: row.author_name,
      authorKind: row.author_kind,
      language: row.language,
      origin: 'original',
      engine: null,
      originalLanguage: row.language,
      originalText: null,
      textHash: hashText(row.text),
      sourceVersion: Number(row.version),
      questionCode: row.code,
    },
  };
}

/** Paragraphs as the editor stores them in Yjs (a `paragraph` element holding its text), and a quote after them. */
function textUpdate(paragraphs: string[], quote: { text: string; attrs: CitationAttrs } | null): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SYNTHESIS_FIELD);
  const paragraph = (text: string, attributes?: Record<string, unknown>) => {
    const element = new Y.XmlElement('paragraph');
    const run = new Y.XmlText();
    element.insert(0, [run]);
    return { element, fill: () => run.insert(0, text, attributes) };
  };
  const blocks = paragraphs.map((p) => paragraph(p));
  fragment.insert(
    0,
    blocks.map((b) => b.element),
  );
  for (const b of blocks) b.fill();
  if (quote) {
    // As the editor writes a quote: a blockquote whose paragraph's words carry the citation mark.
    const blockquote = new Y.XmlElement('blockquote');
    const inner = paragraph(quote.text, { citation: quote.attrs });
    blockquote.insert(0, [inner.element]);
    fragment.insert(fragment.length, [blockquote]);
    inner.fill();
  }
  return Y.encodeStateAsUpdate(doc);
}
