import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TagId } from '../../../shared/model/annotations.js';
import { buildRefiQdaProject, toQdc, toQdpx } from '../../../shared/export/refi-qda.js';
import { stableGuid, UUID_PATTERN } from '../../../shared/export/stable-uuid.js';
import { annotation, annotations, contributions, liveAnnotations, tags, textOf } from './export-fixtures.js';
import { childrenNamed, descendants, parseXml, type XmlNode } from './xml-check.js';

const context = {
  contributions,
  tags,
  language: 'en' as const,
  projectName: 'Seminar <2017> & notes',
  exportedAt: '2017-02-02T18:00:00.000Z',
};
const [onMachineEnglish, onChinese, onArabic, orphan] = liveAnnotations;

// Project.xsd's sequence for Project, TextSource and PlainTextSelection.
const PROJECT_ORDER = [
  'Users',
  'CodeBook',
  'Variables',
  'Cases',
  'Sources',
  'Notes',
  'Links',
  'Sets',
  'Graphs',
  'Description',
  'NoteRef',
];
const SOURCE_ORDER = ['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue'];
const SELECTION_ORDER = ['Description', 'Coding', 'NoteRef'];

function expectSchemaOrder(node: XmlNode, order: string[]) {
  const positions = node.children.map((c) => order.indexOf(c.name));
  expect(positions, `children of <${node.name}>: ${node.children.map((c) => c.name).join(', ')}`).not.toContain(-1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

function unzipProject(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const project = parseXml(strFromU8(files['project.qde']!));
  return { files, project };
}

describe('REFI-QDA project (.qdpx)', () => {
  const bytes = toQdpx(annotations, context);
  const { files, project } = unzipProject(bytes);
  const sources = descendants(project, 'TextSource');
  const selections = descendants(project, 'PlainTextSelection');
  const codes = descendants(project, 'Code');
  const notes = childrenNamed(childrenNamed(project, 'Notes')[0]!, 'Note');

  it('is a zip holding a well-formed project in the REFI-QDA namespace, in schema order', () => {
    expect(project.name).toBe('Project');
    expect(project.attrs).toMatchObject({
      xmlns: 'urn:QDA-XML:project:1.0',
      name: 'Seminar <2017> & notes',
      origin: 'Seminar Desk',
      creationDateTime: '2017-02-02T18:00:00.000Z',
    });
    expectSchemaOrder(project, PROJECT_ORDER);
    for (const source of sources) expectSchemaOrder(source, SOURCE_ORDER);
    for (const selection of selections) expectSchemaOrder(selection, SELECTION_ORDER);
  });

  it('lists the annotators as users', () => {
    const users = descendants(project, 'User');
    expect(users.map((u) => u.attrs)).toEqual([
      { guid: expect.stringMatching(UUID_PATTERN), name: 'Prof. Kim Min-jun', id: 'p-1' },
    ]);
  });

  it('turns each tag into a codable code with its colour and its labels', () => {
    expect(codes.map((c) => [c.attrs.name, c.attrs.color, c.attrs.isCodable])).toEqual([
      ['Governance', '#1f77b4', 'true'],
      ['Normes & <règles>', '#ff7f0e', 'true'],
    ]);
    // Every language's label, in the platform's language order.
    expect(childrenNamed(codes[0]!, 'Description')[0]!.text).toBe(
      'en: Governance\nar: الحوكمة\nzh: 治理\nfr: Gouvernance',
    );
  });

  const sourceIn = (name: string) => {
    const found = sources.find((s) => s.attrs.name!.includes(name));
    if (!found) throw new Error(`no source named like ${name}`);
    return found;
  };
  const selectionOf = (a: (typeof liveAnnotations)[number]) => {
    const found = selections.find((s) => s.attrs.guid === stableGuid('selection', a.id));
    if (!found) throw new Error(`no selection for ${a.id}`);
    return found;
  };

  it('stores each annotated language version as a text file in the zip', () => {
    expect(sources).toHaveLength(4);
    for (const source of sources) {
      const guid = source.attrs.guid!;
      expect(source.attrs.plainTextPath).toBe(`internal://${guid}.txt`);
      expect(files[`sources/${guid}.txt`]).toBeDefined();
    }
    const text = (name: string) => strFromU8(files[`sources/${sourceIn(name).attrs.guid}.txt`]!);
    expect(text('c-1 (en')).toBe(textOf('c-1', 'en'));
    expect(text('c-1 (fr')).toBe(textOf('c-1', 'fr'));
    expect(text('c:2 (zh')).toBe(textOf('c:2', 'zh'));
    expect(text('c:2 (ar')).toBe(textOf('c:2', 'ar'));
    expect(Object.keys(files).sort()).toEqual(
      ['project.qde', ...sources.map((s) => `sources/${s.attrs.guid}.txt`)].sort(),
    );
  });

  it('says which sources are machine translations', () => {
    expect(sources.map((s) => s.attrs.name)).toEqual([
      'Dr. Amélie Durand – c-1 (en, machine translation)',
      'Dr. Amélie Durand – c-1 (fr)',
      '网络安全协会 – c:2 (ar, machine translation)',
      '网络安全协会 – c:2 (zh)',
    ]);
    expect(childrenNamed(sourceIn('c-1 (en'), 'Description')[0]!.text).toContain(
      'machine translation (systran) of the fr original',
    );
    expect(childrenNamed(sourceIn('c-1 (fr'), 'Description')[0]!.text).toContain('original text');
  });

  it('places each highlight by code points, so the selection is the quoted text', () => {
    expect(selections).toHaveLength(3);
    for (const a of [onMachineEnglish!, onChinese!, onArabic!]) {
      const selection = selectionOf(a);
      const text = textOf(a.target.contributionId, a.target.language);
      const start = Number(selection.attrs.startPosition);
      const end = Number(selection.attrs.endPosition);
      expect([...text].slice(start, end).join('')).toBe(a.target.quote.exact);
    }
    // The emoji before "requires" counts once; so do the two CJK Extension B characters before 国际法.
    expect(onMachineEnglish!.target.position.start).toBe(23);
    expect(selectionOf(onMachineEnglish!).attrs).toMatchObject({ startPosition: '22', endPosition: '43' });
    expect(selectionOf(onChinese!).attrs).toMatchObject({ startPosition: '13', endPosition: '18' });
  });

  it('codes each highlight with its tags and links its note', () => {
    const codeGuids = new Map(codes.map((c) => [c.attrs.guid!, c.attrs.name]));
    const codedWith = (selection: XmlNode) =>
      childrenNamed(selection, 'Coding').map((coding) =>
        codeGuids.get(childrenNamed(coding, 'CodeRef')[0]!.attrs.targetGUID!),
      );
    expect(codedWith(selectionOf(onMachineEnglish!))).toEqual(['Governance', 'Normes & <règles>']);
    expect(codedWith(selectionOf(onArabic!))).toEqual([]);
    const noteText = (selection: XmlNode) => {
      const guid = childrenNamed(selection, 'NoteRef')[0]!.attrs.targetGUID;
      return childrenNamed(
        notes.find((n) => n.attrs.guid === guid)!,
        'PlainTextContent',
      )[0]!.text;
    };
    expect(noteText(selectionOf(onMachineEnglish!))).toBe('Key claim.\r\nCompare with the Tallinn Manual.');
    expect(noteText(selectionOf(onChinese!))).toBe('ملاحظة: القانون الدولي ينطبق');
    expect(noteText(selectionOf(onArabic!))).toBe('He said "yes", then\nleft');
  });

  it('keeps a highlight it cannot place as a note on its source, not as a guessed selection', () => {
    expect(buildRefiQdaProject(annotations, context).unplaced).toEqual([orphan!.id]);
    const french = sourceIn('c-1 (fr');
    expect(childrenNamed(french, 'PlainTextSelection')).toEqual([]);
    const [ref] = childrenNamed(french, 'NoteRef');
    const note = notes.find((n) => n.attrs.guid === ref!.attrs.targetGUID)!;
    expect(childrenNamed(note, 'PlainTextContent')[0]!.text).toBe(
      '«un passage disparu» (c-1, fr)\n\nOrphaned after an edit.\n\nTags: Governance',
    );
  });

  it('keeps highlights on a contribution it does not have as project notes', () => {
    const project = buildRefiQdaProject(liveAnnotations, { ...context, contributions: [] });
    expect([...project.unplaced].sort()).toEqual(liveAnnotations.map((a) => a.id).sort());
    expect(project.sources).toEqual([]);
    const root = parseXml(project.xml);
    expectSchemaOrder(root, PROJECT_ORDER);
    expect(childrenNamed(root, 'NoteRef')).toHaveLength(4);
    expect(childrenNamed(root, 'Sources')).toEqual([]);
  });

  it('uses the anchoring results it is given to place moved highlights and drop orphans', () => {
    const text = textOf('c:2', 'ar');
    const moved = { status: 'moved' as const, start: text.indexOf('مشتركة'), end: text.indexOf('مشتركة') + 6 };
    const anchors = new Map<string, typeof moved | { status: 'orphan' }>([
      [onArabic!.id, moved],
      [onChinese!.id, { status: 'orphan' }],
    ]);
    const result = buildRefiQdaProject([onChinese!, onArabic!], { ...context, anchors });
    expect(result.unplaced).toEqual([onChinese!.id]);
    const [selection] = descendants(parseXml(result.xml), 'PlainTextSelection');
    const start = Number(selection!.attrs.startPosition);
    expect([...text].slice(start, Number(selection!.attrs.endPosition)).join('')).toBe('مشتركة');
  });

  it('gives every element a unique, valid GUID, the same on every export', () => {
    const all = allNodes(project).flatMap((n) => (n.attrs.guid ? [n.attrs.guid] : []));
    expect(all.length).toBeGreaterThan(10);
    for (const guid of all) expect(guid).toMatch(UUID_PATTERN);
    expect(new Set(all).size).toBe(all.length);
    for (const ref of allNodes(project).flatMap((n) => (n.attrs.targetGUID ? [n.attrs.targetGUID] : []))) {
      expect(all).toContain(ref);
    }
    expect(toQdpx(annotations, context)).toEqual(bytes);
  });

  it('writes characters XML cannot carry as U+FFFD, keeping the file readable', () => {
    const bell = annotation({
      id: 'bell',
      contributionId: 'c-1',
      language: 'fr',
      exact: 'exige',
      note: 'ding\u0007\uD800!',
    });
    const xml = buildRefiQdaProject([bell], context).xml;
    const note = descendants(parseXml(xml), 'PlainTextContent')[0]!;
    expect(note.text).toBe('ding\uFFFD\uFFFD!');
  });

  it('gives a tag missing from the codebook a code rather than lose the coding', () => {
    const stray = { ...onChinese!, tags: ['t-gone' as TagId] };
    const parsed = parseXml(buildRefiQdaProject([stray], context).xml);
    expect(descendants(parsed, 'Code').map((c) => c.attrs.name)).toContain('t-gone');
  });
});

describe('REFI-QDA codebook (.qdc)', () => {
  it('is a well-formed codebook in its own namespace', () => {
    const root = parseXml(toQdc(tags, 'ar'));
    expect(root.name).toBe('CodeBook');
    expect(root.attrs.xmlns).toBe('urn:QDA-XML:codebook:1.0');
    expect(root.children.map((c) => c.name)).toEqual(['Codes']);
    const codes = childrenNamed(root.children[0]!, 'Code');
    expect(codes.map((c) => [c.attrs.name, c.attrs.isCodable, c.attrs.color])).toEqual([
      ['الحوكمة', 'true', '#1f77b4'],
      ['Normes & <règles>', 'true', '#ff7f0e'],
    ]);
    expect(codes[1]!.children.map((c) => c.name)).toEqual(['Description']);
    expect(codes[1]!.children[0]!.text).toBe('fr: Normes & <règles>\n(proposed tag)');
    // The same GUIDs as the project's codes, so a tool merges the two.
    const projectCodes = descendants(parseXml(buildRefiQdaProject([], { ...context }).xml), 'Code');
    expect(codes.map((c) => c.attrs.guid)).toEqual(projectCodes.map((c) => c.attrs.guid));
  });

  it('refuses an empty codebook, which the schema does not allow', () => {
    expect(() => toQdc([], 'en')).toThrow(/at least one code/);
  });
});

function allNodes(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}
