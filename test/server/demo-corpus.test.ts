import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { importLineSchema, type ImportLine } from '../../shared/protocol/import-format.js';
import { LANGUAGES } from '../../shared/languages.js';

const CORPUS = fileURLToPath(new URL('../../assets/demo/corpus.jsonl', import.meta.url));

type Of<T extends ImportLine['type']> = Extract<ImportLine, { type: T }>;

function load(): { lines: ImportLine[]; invalid: string[] } {
  const lines: ImportLine[] = [];
  const invalid: string[] = [];
  readFileSync(CORPUS, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        invalid.push(`line ${index + 1}: ${String(error)}`);
        return;
      }
      const parsed = importLineSchema.safeParse(json);
      if (parsed.success) lines.push(parsed.data);
      else invalid.push(`line ${index + 1}: ${parsed.error.message}`);
    });
  return { lines, invalid };
}

const { lines, invalid } = load();
const ofType = <T extends ImportLine['type']>(type: T): Of<T>[] =>
  lines.filter((line): line is Of<T> => line.type === type);
const themes = ofType('theme');
const questions = ofType('question');
const sessions = ofType('session');
const contributions = ofType('contribution');
const translations = ofType('translation');
const tags = ofType('tag');
const allLanguages = [...LANGUAGES].sort();

describe('demo corpus', () => {
  it('has only valid lines, in the order themes, questions, events, sessions, participants, contributions, translations, tags', () => {
    expect(invalid).toEqual([]);
    const order = ['theme', 'question', 'event', 'session', 'participant', 'contribution', 'translation', 'tag'];
    const ranks = lines.map((line) => order.indexOf(line.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(themes.length).toBe(5);
    expect(questions.length).toBe(22);
    expect(sessions.length).toBe(10);
  });

  it('holds the three meetings of the dossier, each session on one of them, the demo expert in all three', () => {
    const events = ofType('event');
    expect(events.map((e) => [e.id, e.kind, e.startsOn])).toEqual([
      ['seminar', 'closed-seminar', '2017-02-01'],
      ['conference-2017-04', 'conference', '2017-04-06'],
      ['seminar-2017-post', 'seminar', '2017-06-01'],
    ]);
    for (const event of events) {
      expect(Object.keys(event.title).sort(), event.id).toEqual(allLanguages);
      expect(sessions.filter((s) => s.eventId === event.id).length, event.id).toBeGreaterThan(1);
    }
    expect(sessions.every((s) => events.some((e) => e.id === s.eventId))).toBe(true);
    // The conference's programme is invented, and says so in every language.
    for (const session of sessions.filter((s) => s.eventId === 'conference-2017-04'))
      expect(session.title.en, session.id).toMatch(/^Sample programme · /);
    expect(ofType('participant').map((p) => p.eventId)).toEqual(events.map((e) => e.id));
  });

  it('titles every theme, question and session in all ten languages, and contexts too', () => {
    for (const item of [...themes, ...questions, ...sessions]) {
      expect(Object.keys(item.title).sort(), item.id).toEqual(allLanguages);
      for (const lang of LANGUAGES) expect(item.title[lang]?.trim(), `${item.id} ${lang}`).toBeTruthy();
    }
    for (const question of questions) {
      if (question.track === 'public') expect(question.context, question.id).toBeDefined();
      if (question.context) expect(Object.keys(question.context).sort(), question.id).toEqual(allLanguages);
    }
  });

  it('uses known themes, unique ids and existing session questions', () => {
    const themeCodes = new Set(themes.map((theme) => theme.code));
    const questionIds = new Set(questions.map((question) => question.id));
    expect(questionIds.size).toBe(questions.length);
    for (const question of questions) expect(themeCodes.has(question.theme), question.id).toBe(true);
    for (const session of sessions) {
      for (const id of session.questionIds) expect(questionIds.has(id), `${session.id} → ${id}`).toBe(true);
    }
    expect(new Set(contributions.map((c) => c.id)).size).toBe(contributions.length);
  });

  it('has at least two original contributions in each language', () => {
    for (const lang of LANGUAGES) {
      expect(contributions.filter((c) => c.language === lang).length, lang).toBeGreaterThanOrEqual(2);
    }
  });

  it('translates every contribution into exactly the nine other languages', () => {
    const byContribution = new Map<string, string[]>();
    for (const t of translations)
      byContribution.set(t.contributionId, [...(byContribution.get(t.contributionId) ?? []), t.language]);
    expect([...byContribution.keys()].sort()).toEqual(contributions.map((c) => c.id).sort());
    for (const c of contributions) {
      expect(byContribution.get(c.id)?.sort(), c.id).toEqual(LANGUAGES.filter((lang) => lang !== c.language).sort());
    }
    for (const t of translations) {
      expect(t.origin).toBe('machine');
      expect(t.engine).toBe('sample-llm');
    }
  });

  it('gives every question at least one contribution', () => {
    const answered = new Set(contributions.map((c) => c.questionId));
    for (const question of questions) expect(answered.has(question.id), question.id).toBe(true);
  });

  it('labels every author as sample data', () => {
    for (const c of contributions) expect(c.author.name.startsWith('Sample · '), c.author.name).toBe(true);
  });

  it('has a codebook of 8 to 12 tags, labelled in all ten languages, each in its own colour and place', () => {
    expect(tags.length).toBeGreaterThanOrEqual(8);
    expect(tags.length).toBeLessThanOrEqual(12);
    expect(new Set(tags.map((t) => t.id)).size).toBe(tags.length);
    expect(new Set(tags.map((t) => t.color)).size).toBe(tags.length);
    expect(tags.map((t) => t.order)).toEqual(tags.map((_, i) => i + 1));
    for (const tag of tags) {
      expect(Object.keys(tag.label).sort(), tag.id).toEqual(allLanguages);
      for (const lang of LANGUAGES) expect(tag.label[lang]?.trim(), `${tag.id} ${lang}`).toBeTruthy();
      // Ten different labels except where languages truly share the word (Attribution in en/fr, Contramedidas in es/pt).
      expect(new Set(Object.values(tag.label)).size, tag.id).toBeGreaterThanOrEqual(8);
    }
    for (const id of ['due-diligence', 'attribution', 'hack-back', 'critical-infrastructure', 'sovereignty']) {
      expect(tags.map((t) => t.id)).toContain(id);
    }
  });

  it('writes each language in its own script', () => {
    const scripts: Partial<Record<string, RegExp>> = {
      zh: /\p{Script=Han}/u,
      ar: /\p{Script=Arabic}/u,
      ko: /\p{Script=Hangul}/u,
      ru: /\p{Script=Cyrillic}/u,
    };
    for (const item of [...contributions, ...translations]) {
      const script = scripts[item.language];
      if (script) expect(item.text, item.language).toMatch(script);
    }
    for (const tag of tags) {
      for (const [lang, label] of Object.entries(tag.label)) {
        const script = scripts[lang];
        if (script) expect(label, `${tag.id} ${lang}`).toMatch(script);
      }
    }
  });
});
