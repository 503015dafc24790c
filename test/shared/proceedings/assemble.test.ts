import { describe, expect, it } from 'vitest';
import { parseProceedingsInput } from '../../../shared/export/proceedings/input.js';
import { assembleProceedings, contentHashOf, type ProceedingsSource } from '../../../shared/proceedings/assemble.js';
import type { CitationAttrs, SynthesisDoc } from '../../../shared/synthesis/document.js';

const cite = (id: string, contributionId: string, annotationId: string | null): CitationAttrs => ({
  citationId: id,
  contributionId,
  annotationId,
  authorName: 'A',
  authorKind: 'ngo',
  language: 'fr',
  origin: 'original',
  engine: null,
  originalLanguage: 'fr',
  originalText: null,
  textHash: 'h',
  sourceVersion: 1,
  questionCode: 'x',
});
const doc = (text: string, citation?: CitationAttrs): SynthesisDoc => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text, ...(citation ? { marks: [{ type: 'citation' as const, attrs: citation }] } : {}) },
      ],
    },
  ],
});

function source(): ProceedingsSource {
  return {
    language: 'fr',
    event: {
      id: 'ev',
      title: { fr: 'Séminaire', en: 'Seminar' },
      startsOn: '2017-02-01',
      endsOn: '2017-02-02',
      place: 'Paris',
    },
    front: { title: '', subtitle: 'Actes', publisher: '' },
    // Given out of order: day 2 first, and day 1's sessions reversed.
    sessions: [
      { id: 's3', day: 2, date: '2017-02-02', order: 1, title: { fr: 'Gouvernance' }, questionIds: ['q3'] },
      { id: 's2', day: 1, date: '2017-02-01', order: 2, title: { fr: 'Réaction' }, questionIds: ['q2', 'q1'] },
      { id: 's1', day: 1, date: '2017-02-01', order: 1, title: { en: 'Prevention' }, questionIds: ['q1', 'q9'] },
    ],
    questions: [
      { id: 'q1', code: 'PP.i', title: { fr: 'Diligence' } },
      { id: 'q2', code: 'PP.ii', title: { fr: 'Réponse' } },
      { id: 'q3', code: 'GR.i', title: { fr: 'Normes' } },
      { id: 'q4', code: 'X', title: { fr: 'Hors agenda' } },
      { id: 'q9', code: 'PP.iv', title: { fr: 'Sans synthèse' } },
    ],
    syntheses: [
      { id: 'y3', questionId: 'q3', title: 'Normes', authors: ['B'], doc: doc('Trois', cite('c1', 'k1', 'n1')) },
      { id: 'y1', questionId: 'q1', title: 'Diligence', authors: ['A'], doc: doc('Un', cite('c2', 'k2', 'n2')) },
      { id: 'y1b', questionId: 'q1', title: 'Diligence II', authors: ['C'], doc: doc('Un bis') },
      { id: 'y2', questionId: 'q2', title: 'Réponse', authors: ['A'], doc: doc('Deux') },
      { id: 'y4', questionId: 'q4', title: 'Hors', authors: ['A'], doc: doc('Quatre') },
    ],
    foreword: null,
    closing: null,
    members: [
      { name: 'Zoé', consented: true },
      { name: 'Yann', consented: false },
      { name: 'Ada', consented: true },
    ],
    tags: [
      { id: 't-due', label: { fr: 'diligence' } },
      { id: 't-att', label: { fr: 'attribution' } },
      { id: 't-unused', label: { fr: 'inutilisé' } },
    ],
    annotations: [
      { id: 'n1', contributionId: 'k1', tags: ['t-att', 't-due'] },
      { id: 'n2', contributionId: 'k2', tags: ['t-due'] },
      { id: 'n-not-quoted', contributionId: 'k3', tags: ['t-unused'] },
    ],
    withdrawn: ['k2'],
    edition: { number: 1, state: 'approved', date: '2017-03-01' },
  };
}

describe('an event assembled into proceedings', () => {
  it('follows the agenda: days, sessions, questions once, each question’s syntheses; an unscheduled one at the end', () => {
    const input = parseProceedingsInput(assembleProceedings(source()));
    const outline = input.days.map((d) => ({
      day: d.day,
      sessions: d.sessions.map(
        (s) =>
          `${s.title}: ${s.questions.map((q) => `${q.code}(${q.syntheses.map((y) => y.id).join('+')})`).join(' ')}`,
      ),
    }));
    expect(outline).toEqual([
      { day: 1, sessions: ['Prevention: PP.i(y1+y1b)', 'Réaction: PP.ii(y2)'] },
      { day: 2, sessions: ['Gouvernance: GR.i(y3)', 'Séminaire: X(y4)'] },
    ]);
    expect(input.titlePage).toEqual({ title: 'Séminaire', subtitle: 'Actes' });
  });

  it('names consenting members only, and indexes the tags of the quoted notes', () => {
    const input = assembleProceedings(source());
    expect(input.participants.map((p) => p.name)).toEqual(['Ada', 'Zoé']);
    expect(input.tags).toEqual([
      { id: 't-att', label: 'attribution', contributionIds: ['k1'] },
      { id: 't-due', label: 'diligence', contributionIds: ['k1', 'k2'] },
    ]);
    expect(input.withdrawn).toEqual(['k2']);
  });

  it('hashes content: equal content gives the equal hash whatever the edition number or date, any change another', () => {
    const base = contentHashOf(assembleProceedings(source()));
    const later = source();
    later.edition = { number: 4, state: 'published', date: '2019-01-01' };
    expect(contentHashOf(assembleProceedings(later))).toBe(base);
    const consent = source();
    consent.members[1]!.consented = true;
    expect(contentHashOf(assembleProceedings(consent))).not.toBe(base);
    const word = source();
    word.syntheses[1]!.doc = doc('Un.', cite('c2', 'k2', 'n2'));
    expect(contentHashOf(assembleProceedings(word))).not.toBe(base);
    const provenance = source();
    provenance.syntheses[1]!.doc = doc('Un', { ...cite('c2', 'k2', 'n2'), sourceVersion: 2 });
    expect(contentHashOf(assembleProceedings(provenance))).not.toBe(base);
  });
});
