import { describe, expect, it } from 'vitest';
import { anchor, hashText, MIN_SCORE, retarget, type AnchorResult } from '../../../shared/anchoring/index.js';
import { annotate, EN, edit, FR, offsetOf, paragraphs } from './fixtures.js';

/** The range of `words` (its `occurrence`-th occurrence) in `text`: what a located anchor must report. */
function at(text: string, words: string, occurrence = 0) {
  const start = offsetOf(text, words, occurrence);
  return { start, end: start + words.length };
}

const v2 = (text: string) => ({ text, sourceVersion: 1 });

describe('anchor: edits around and inside a French quote', () => {
  const quote = 'les services de renseignement hésitent à divulguer leurs sources';
  const target = annotate(FR, quote);

  it('is anchored, without any change flag, on the text it was made on', () => {
    expect(anchor(target, v2(FR))).toEqual({ status: 'anchored', ...at(FR, quote), retranslated: false });
  });

  // [case, edit of FR, expected status, the words the anchor must cover in the edited text]
  it.each<[string, (t: string) => string, AnchorResult['status'], string]>([
    [
      'insertion in an earlier paragraph',
      (t) => edit(t, 'Cette obligation,', 'Cette obligation coutumière,'),
      'moved',
      quote,
    ],
    ['deletion in an earlier paragraph', (t) => edit(t, ' dans le cyberespace', ''), 'moved', quote],
    [
      'insertion just before, inside the prefix',
      (t) => edit(t, 'falsifiées, et les', 'falsifiées, et même les'),
      'moved',
      quote,
    ],
    [
      'deletion just before, inside the prefix',
      (t) => edit(t, 'peuvent être falsifiées, et', 'peuvent être truquées et'),
      'moved',
      quote,
    ],
    [
      'insertion just after, inside the suffix',
      (t) => edit(t, 'leurs sources.', 'leurs sources humaines.'),
      'anchored',
      quote,
    ],
    [
      'deletion after, in a later paragraph',
      (t) => edit(t, ' en particulier la liberté', ' la liberté'),
      'anchored',
      quote,
    ],
    [
      'a word inserted inside the quote',
      (t) => edit(t, 'de renseignement hésitent', 'de renseignement étrangers hésitent'),
      'moved',
      'les services de renseignement étrangers hésitent à divulguer leurs sources',
    ],
    [
      'words deleted inside the quote',
      (t) => edit(t, 'services de renseignement hésitent', 'services hésitent'),
      'moved',
      'les services hésitent à divulguer leurs sources',
    ],
    [
      'a word replaced inside the quote',
      (t) => edit(t, 'hésitent à divulguer', 'refusent de divulguer'),
      'moved',
      'les services de renseignement refusent de divulguer leurs sources',
    ],
    [
      'edits before, inside and after at once',
      (t) =>
        edit(
          edit(edit(t, 'Cette obligation,', 'Cette obligation ancienne,'), 'hésitent à', 'hésitent souvent à'),
          'leurs sources.',
          'leurs sources et méthodes.',
        ),
      'moved',
      'les services de renseignement hésitent souvent à divulguer leurs sources',
    ],
  ])('%s', (_case, change, status, words) => {
    const edited = change(FR);
    const result = anchor(target, v2(edited));
    expect(result).toMatchObject({ status, ...at(edited, words), retranslated: true });
    if (result.status === 'moved') expect(result.score).toBeGreaterThanOrEqual(MIN_SCORE);
  });

  it('is an orphan once its paragraph is rewritten', () => {
    const edited = edit(
      FR,
      "L'attribution d'une cyberattaque à un État reste l'étape la plus délicate. Les preuves techniques, comme les adresses IP ou les signatures de logiciels malveillants, peuvent être falsifiées, et les services de renseignement hésitent à divulguer leurs sources.",
      "Imputer une opération à un gouvernement suppose des indices convergents, que seuls quelques pays savent aujourd'hui réunir et partager.",
    );
    expect(anchor(target, v2(edited))).toEqual({ status: 'orphan', retranslated: true });
  });

  it('scores a moved quote with intact context at (nearly) 1', () => {
    const result = anchor(target, v2(edit(FR, 'Cette obligation,', 'Cette obligation coutumière,')));
    expect(result.status === 'moved' && result.score).toBeCloseTo(1, 3);
  });
});

describe('anchor: a quote that occurs twice', () => {
  // "les mesures raisonnables" closes paragraph 3 and opens the clause of paragraph 4.
  const quote = 'les mesures raisonnables';

  it('keeps to the occurrence whose context matches, even when the other one is nearer the old offset', () => {
    const second = annotate(FR, quote, 1);
    const inserted =
      "Les exercices conjoints entre équipes nationales de réponse aux incidents, organisés chaque année, permettent de vérifier que les canaux de communication fonctionnent réellement le jour où une crise survient, et d'identifier à l'avance les interlocuteurs compétents dans chaque administration.";
    const edited = edit(FR, '\n\nEnfin,', `\n\n${inserted}\n\nEnfin,`);
    const old = second.position.start;
    // The premise: the first occurrence is now the closer one.
    expect(Math.abs(offsetOf(edited, quote, 0) - old)).toBeLessThan(Math.abs(offsetOf(edited, quote, 1) - old));
    expect(anchor(second, v2(edited))).toMatchObject({ status: 'moved', ...at(edited, quote, 1) });
  });

  it.each([0, 1])('follows occurrence %i when text is inserted before both', (occurrence) => {
    const edited = `Contribution révisée après la première session.\n\n${FR}`;
    expect(anchor(annotate(FR, quote, occurrence), v2(edited))).toMatchObject({
      status: 'moved',
      ...at(edited, quote, occurrence),
    });
  });
});

describe('anchor: look-alike passages do not attract an orphan', () => {
  const rewrittenP3 =
    "Quant aux infrastructures critiques, leur protection relève d'abord de leurs opérateurs, que les États soutiennent par des normes communes et des exercices réguliers.";
  const withoutP3 = (text: string) =>
    edit(
      text,
      "La protection des infrastructures critiques, qu'il s'agisse des réseaux électriques, des hôpitaux ou des systèmes financiers, exige une coopération étroite entre États et opérateurs privés. Un État qui constate une attaque en cours depuis son territoire devrait prendre les mesures raisonnables à sa portée pour y mettre fin.",
      rewrittenP3,
    );

  it.each([
    // The exact words recur in paragraph 4, in another context.
    ['les mesures raisonnables', 0],
    // A near look-alike ("les mesures raisonnables doivent respecter ...") remains.
    ['devrait prendre les mesures raisonnables à sa portée pour y mettre fin', 0],
    // The rewritten paragraph still speaks of "infrastructures critiques" and their "protection".
    ['La protection des infrastructures critiques', 0],
  ])('%j becomes an orphan', (quote, occurrence) => {
    const target = annotate(FR, quote, occurrence);
    expect(anchor(target, v2(withoutP3(FR)))).toEqual({ status: 'orphan', retranslated: true });
  });

  it.each([
    'La diligence requise dans le cyberespace',
    // The closest call (0.76): the exact words recur, and even the prefix "la " nearly does.
    'diligence requise',
  ])('does not move %j from the rewritten first line to a later repetition', (quote) => {
    const edited = edit(
      FR,
      'La diligence requise dans le cyberespace impose à chaque État',
      'Chaque État est tenu, en droit international coutumier,',
    );
    expect(edited).toContain('la diligence requise ne doit pas'); // the look-alike, in paragraph 4
    expect(anchor(annotate(FR, quote), v2(edited))).toEqual({ status: 'orphan', retranslated: true });
  });

  it('does not move a quote that opened the text to a repetition further down', () => {
    // Its stored prefix is empty: that means "at the start", not "any prefix will do".
    const text = paragraphs('Critical infrastructure must be protected.', EN);
    const target = annotate(text, 'Critical infrastructure', 0, 'en');
    expect(target.quote.prefix).toBe('');
    const edited = paragraphs('Hospitals must be protected.', EN);
    expect(anchor(target, v2(edited))).toEqual({ status: 'orphan', retranslated: true });
  });

  it('finds its lightly edited passage even when a closer look-alike exists elsewhere', () => {
    // The matcher reports only the lowest-error matches of the whole text; the look-alike in
    // paragraph 1 has fewer errors than the edited passage, so only the search near the old position finds it.
    const quote = 'prendre les mesures raisonnables à sa portée pour y mettre fin';
    const target = annotate(FR, quote);
    const edited = edit(
      edit(
        FR,
        'et non de résultat.',
        'et non de résultat : il faut prendre des mesures raisonnables à sa portée pour y mettre fin.',
      ),
      'prendre les mesures raisonnables à sa portée pour y mettre fin',
      'prendre les moyens raisonnables à sa portée pour y mettre fin',
    );
    expect(anchor(target, v2(edited))).toMatchObject({
      status: 'moved',
      ...at(edited, 'prendre les moyens raisonnables à sa portée pour y mettre fin'),
    });
  });

  it('still moves a quote from the first line when a paragraph is added before it', () => {
    const target = annotate(EN, 'Attribution of cyberattacks');
    const edited = `Preliminary remark by the author, added after the first session.\n\n${EN}`;
    expect(anchor(target, v2(edited))).toMatchObject({ status: 'moved', ...at(edited, 'Attribution of cyberattacks') });
  });

  it('does not take the same word at the old offset, in another sentence, for the quote', () => {
    const text = paragraphs('The State must act.', 'Other words.');
    const target = annotate(text, 'State', 0, 'en');
    // One side of context is intact: the fast path holds.
    const prefixKept = paragraphs('The State must act.', 'Nothing else here.');
    expect(anchor(target, v2(prefixKept))).toEqual({ status: 'anchored', start: 4, end: 9, retranslated: true });
    // Neither side is: a different sentence with "State" at offset 4.
    const changed = paragraphs('Any State shall fail.', 'Nothing else here.');
    expect(changed.indexOf('State')).toBe(4);
    expect(anchor(target, v2(changed))).toEqual({ status: 'orphan', retranslated: true });
  });

  it('reads an empty suffix as "at the end of the text", not as context that always holds', () => {
    const text = 'Due diligence binds the State';
    const target = annotate(text, 'the State', 0, 'en');
    expect(target.quote.suffix).toBe('');
    expect(anchor(target, v2('Our duty also binds the State'))).toMatchObject({ status: 'anchored', start: 20 });
    const followed = 'Our duty also binds the State, and its operators.';
    expect(followed.indexOf('the State')).toBe(20);
    expect(anchor(target, v2(followed)).status).not.toBe('anchored');
  });
});

describe('anchor: version changes', () => {
  const target = annotate(FR, 'une obligation de comportement');

  it('reports a re-translation from its source version even when the text is the same', () => {
    expect(anchor(target, { text: FR, sourceVersion: 2 })).toEqual({
      status: 'anchored',
      ...at(FR, 'une obligation de comportement'),
      retranslated: true,
    });
  });

  it('trusts a given text hash instead of hashing the text again', () => {
    expect(anchor(target, { text: FR, sourceVersion: 1, textHash: 'not-the-same' }).retranslated).toBe(true);
    expect(anchor(target, { text: FR, sourceVersion: 1, textHash: hashText(FR) }).retranslated).toBe(false);
  });

  it('survives a stored position beyond the end of a shortened text', () => {
    const late = annotate(FR, 'la protection de la vie privée');
    const shortened = FR.slice(0, FR.indexOf('\n\nLa protection des infrastructures')) + '\n\n' + FR.slice(-80);
    expect(anchor(late, v2(shortened))).toMatchObject({
      status: 'moved',
      ...at(shortened, 'la protection de la vie privée'),
    });
  });
});

describe('retarget', () => {
  const quote = 'les services de renseignement hésitent à divulguer leurs sources';
  const target = annotate(FR, quote);
  const edited = edit(FR, 'de renseignement hésitent', 'de renseignement étrangers hésitent');
  const current = { text: edited, sourceVersion: 2 };

  it('saves the located words of the current text, with fresh context and version', () => {
    const result = anchor(target, current);
    if (result.status !== 'moved') throw new Error(`expected moved, got ${result.status}`);
    const confirmed = retarget(target, current, result);
    const words = 'les services de renseignement étrangers hésitent à divulguer leurs sources';
    expect(confirmed).toEqual({
      contributionId: target.contributionId,
      language: target.language,
      sourceVersion: 2,
      textHash: hashText(edited),
      quote: {
        exact: words,
        prefix: edited.slice(offsetOf(edited, words) - 32, offsetOf(edited, words)),
        suffix: edited.slice(offsetOf(edited, words) + words.length, offsetOf(edited, words) + words.length + 32),
      },
      position: at(edited, words),
    });
    expect(anchor(confirmed, current)).toEqual({ status: 'anchored', ...at(edited, words), retranslated: false });
  });

  it('accepts only located anchors', () => {
    const orphan = anchor(target, { text: 'Un tout autre texte.', sourceVersion: 2 });
    expect(orphan.status).toBe('orphan');
    // @ts-expect-error an orphan has no place to save
    expect(() => retarget(target, current, orphan)).toThrow();
  });
});

describe('anchor: long quotes, searched by their first and last 64 characters', () => {
  // 240 characters: the second and third sentences of paragraph 2.
  const quote =
    'Les preuves techniques, comme les adresses IP ou les signatures de logiciels malveillants, peuvent être falsifiées, et les services de renseignement hésitent à divulguer leurs sources. Une attribution publique doit pourtant reposer sur des éléments vérifiables.';
  const target = annotate(FR, quote);

  it.each<[string, (t: string) => string, string]>([
    ['moved whole', (t) => `Avant-propos.\n\n${t}`, quote],
    [
      'edited in the middle',
      (t) => edit(t, 'signatures de logiciels malveillants', 'signatures de codes malveillants connus'),
      quote.replace('signatures de logiciels malveillants', 'signatures de codes malveillants connus'),
    ],
    [
      'edited in its first words',
      (t) => edit(t, 'Les preuves techniques, comme', 'Les indices techniques, tels'),
      quote.replace('Les preuves techniques, comme', 'Les indices techniques, tels'),
    ],
    [
      'edited in its last words',
      (t) => edit(t, 'reposer sur des éléments vérifiables.', 'se fonder sur des éléments vérifiables.'),
      quote.replace('reposer sur des éléments vérifiables.', 'se fonder sur des éléments vérifiables.'),
    ],
  ])('%s', (_case, change, words) => {
    expect(quote.length).toBeGreaterThan(128);
    const edited = change(FR);
    expect(anchor(target, v2(edited))).toMatchObject({ status: 'moved', ...at(edited, words) });
  });

  it('is an orphan when its middle is replaced by other sentences', () => {
    const edited = edit(
      FR,
      'comme les adresses IP ou les signatures de logiciels malveillants, peuvent être falsifiées, et les services de renseignement hésitent à divulguer leurs sources. Une attribution',
      'ne suffisent jamais seules ; il faut des sources humaines, des échanges entre alliés et du temps. Toute attribution',
    );
    expect(anchor(target, v2(edited))).toEqual({ status: 'orphan', retranslated: true });
  });
});
