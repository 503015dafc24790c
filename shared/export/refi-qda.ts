import { strToU8, zipSync, type Zippable } from 'fflate';
import { LANGUAGES, pickLocalized, type Lang } from '../languages.js';
import type { Annotation, AnnotationId, Tag, TagId, TextPositionSelector } from '../model/annotations.js';
import type { Contribution, ContributionId, ParticipantId, TextVersion } from '../model/entities.js';
import { utf16RangeToCodePoints } from './code-points.js';
import { indexContext, liveAnnotations, locateInText, type ExportContext, type ExportIndex } from './export-context.js';
import { stableGuid } from './stable-uuid.js';
import { XML_DECLARATION, element, textElement } from './xml.js';

/**
 * Annotations as a REFI-QDA project (.qdpx) and the codebook alone (.qdc), the
 * exchange format of ATLAS.ti, MAXQDA, NVivo, QualCoder and others. Element
 * names and their order follow the standard's Project.xsd and Codebook.xsd
 * (QDA-XML 1.0). Each tag is a Code; each annotated language version of a
 * contribution a TextSource whose text travels in the zip; each highlight a
 * PlainTextSelection with one Coding per tag and its note as a Note.
 * Selection offsets count Unicode code points, as the standard does.
 * GUIDs are name-based, so exporting the same data again gives the same GUIDs.
 */

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Seminar Desk';

export interface RefiQdaExportContext extends ExportContext {
  projectName: string;
  /** ISO time of the export. Written into the project and the zip entries, so equal input gives equal bytes. */
  exportedAt: string;
  /** Who exports (the project's creating user), if known. */
  exporter?: { id: ParticipantId; name: string };
}

export interface RefiQdaProject {
  /** The project.qde document. */
  xml: string;
  /** One plain-text file per TextSource, stored in the zip at `path`. */
  sources: Array<{ guid: string; path: string; text: string }>;
  /**
   * Annotations whose quote has no single place in the exported text (the text
   * changed, or its contribution is missing): written as notes that quote the
   * passage, never dropped.
   */
  unplaced: AnnotationId[];
}

/** The project as a .qdpx file: a zip holding project.qde and sources/<guid>.txt. */
export function toQdpx(annotations: Iterable<Annotation>, context: RefiQdaExportContext): Uint8Array {
  const mtime = new Date(context.exportedAt);
  if (Number.isNaN(mtime.getTime())) throw new RangeError(`exportedAt is not a date: ${context.exportedAt}`);
  const project = buildRefiQdaProject(annotations, context);
  const files: Zippable = { 'project.qde': strToU8(project.xml) };
  for (const source of project.sources) files[source.path] = strToU8(source.text);
  return zipSync(files, { level: 6, mtime });
}

/** The codebook as a .qdc document. The standard requires at least one code. */
export function toQdc(tags: Iterable<Tag>, language: Lang): string {
  const codes = sortTags(tags).map((tag) => codeElement(tag, language));
  if (codes.length === 0) throw new RangeError('the codebook is empty: a .qdc file needs at least one code');
  return `${XML_DECLARATION}\n${element('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: ORIGIN }, [element('Codes', {}, codes)])}\n`;
}

export function toQdcBytes(tags: Iterable<Tag>, language: Lang): Uint8Array {
  return strToU8(toQdc(tags, language));
}

export function buildRefiQdaProject(annotations: Iterable<Annotation>, context: RefiQdaExportContext): RefiQdaProject {
  const index = indexContext(context);
  const live = liveAnnotations(annotations);

  const users = new Map<string, string>();
  if (context.exporter) users.set(context.exporter.id, context.exporter.name);
  for (const a of live) if (!users.has(a.authorId)) users.set(a.authorId, a.authorName);

  const codes = [...index.tags];
  const knownTags = new Set<string>(codes.map((t) => t.id));
  for (const a of live) {
    for (const tagId of a.tags) {
      // A tag missing from the codebook still gets a code, named by its id, so no coding is lost.
      if (!knownTags.has(tagId)) {
        knownTags.add(tagId);
        codes.push(placeholderTag(tagId, codes.length));
      }
    }
  }

  const parts: ProjectParts = {
    notes: [],
    projectNoteRefs: [],
    unplaced: [],
    sources: [],
    files: [],
    exported: new Map(),
  };
  for (const group of groupBySource(live)) {
    const contribution = index.contribution(group.contributionId);
    const version = index.version(group.contributionId, group.language);
    if (contribution && version) addSource(parts, contribution, version, group.annotations, index);
    else for (const a of group.annotations) addUnplaced(parts, a, index, parts.projectNoteRefs);
  }

  const sections: string[] = [];
  if (users.size > 0) {
    sections.push(
      element(
        'Users',
        {},
        [...users].map(([id, name]) => element('User', { guid: userGuid(id), name, id })),
      ),
    );
  }
  if (codes.length > 0) {
    sections.push(
      element('CodeBook', {}, [
        element(
          'Codes',
          {},
          sortTags(codes).map((t) => codeElement(t, context.language)),
        ),
      ]),
    );
  }
  if (parts.sources.length > 0) sections.push(element('Sources', {}, parts.sources));
  if (parts.notes.length > 0) sections.push(element('Notes', {}, parts.notes));
  const links = threadLinks(parts, index);
  if (links.length > 0) sections.push(element('Links', {}, links));
  sections.push(
    textElement(
      'Description',
      `Exported from Seminar Desk on ${context.exportedAt}. Text positions count Unicode code points.`,
    ),
  );
  sections.push(...parts.projectNoteRefs);

  const xml = `${XML_DECLARATION}\n${element(
    'Project',
    {
      xmlns: PROJECT_NAMESPACE,
      name: context.projectName,
      origin: ORIGIN,
      creatingUserGUID: context.exporter ? userGuid(context.exporter.id) : undefined,
      creationDateTime: context.exportedAt,
    },
    sections,
  )}\n`;
  return { xml, sources: parts.files, unplaced: parts.unplaced };
}

/** What the sources add to the project, in document order. */
interface ProjectParts {
  notes: string[];
  /** Notes about no source in particular (their contribution is missing). */
  projectNoteRefs: string[];
  unplaced: AnnotationId[];
  sources: string[];
  files: RefiQdaProject['sources'];
  /** The sources exported, by contribution: their language and guid (threads link them). */
  exported: Map<string, Array<{ language: Lang; guid: string }>>;
}

/**
 * Threads as REFI-QDA links: a OneWay link from each exported answer to what
 * it answers, when that is exported too (in the answer's language if it is
 * there, else its first exported version). The provenance text says it too,
 * for tools that ignore links.
 */
function threadLinks(parts: ProjectParts, index: ExportIndex): string[] {
  const links: string[] = [];
  for (const [id, sources] of [...parts.exported].sort(([a], [b]) => compare(a, b))) {
    const answered = index.contribution(id as ContributionId)?.replyTo;
    const targets = answered ? parts.exported.get(answered) : undefined;
    if (!answered || !targets?.length) continue;
    for (const source of sources) {
      const target = targets.find((t) => t.language === source.language) ?? targets[0]!;
      links.push(
        element('Link', {
          guid: stableGuid('link', id, source.language, answered),
          name: 'in answer to',
          direction: 'OneWay',
          originGUID: source.guid,
          targetGUID: target.guid,
        }),
      );
    }
  }
  return links;
}

function addSource(
  parts: ProjectParts,
  contribution: Contribution,
  version: TextVersion,
  annotations: Annotation[],
  index: ExportIndex,
): void {
  const guid = stableGuid('source', contribution.id, version.language);
  const selections: Array<{ start: number; id: string; xml: string }> = [];
  const noteRefs: string[] = [];
  for (const a of annotations) {
    const place = locateInText(a, version.text, index.anchor(a));
    if (!place) {
      addUnplaced(parts, a, index, noteRefs);
      continue;
    }
    const range = utf16RangeToCodePoints(version.text, place);
    if (a.note !== '') parts.notes.push(noteElement(a, a.note));
    selections.push({ start: range.start, id: a.id, xml: selectionElement(a, range) });
  }
  selections.sort((x, y) => x.start - y.start || compare(x.id, y.id));
  parts.sources.push(
    element(
      'TextSource',
      {
        guid,
        name: sourceName(contribution, version),
        plainTextPath: `internal://${guid}.txt`,
        creationDateTime: contribution.createdAt,
        modifiedDateTime: contribution.updatedAt,
      },
      [textElement('Description', provenance(contribution, version)), ...selections.map((s) => s.xml), ...noteRefs],
    ),
  );
  parts.files.push({ guid, path: `sources/${guid}.txt`, text: version.text });
  parts.exported.set(contribution.id, [
    ...(parts.exported.get(contribution.id) ?? []),
    { language: version.language, guid },
  ]);
}

/** A highlight with one Coding per tag and a reference to its note; `range` in code points. */
function selectionElement(a: Annotation, range: TextPositionSelector): string {
  const author = userGuid(a.authorId);
  const children = [...new Set(a.tags)].map((tagId) =>
    element(
      'Coding',
      { guid: stableGuid('coding', a.id, tagId), creatingUser: author, creationDateTime: a.createdAt },
      [element('CodeRef', { targetGUID: stableGuid('tag', tagId) })],
    ),
  );
  if (a.note !== '') children.push(element('NoteRef', { targetGUID: noteGuid(a) }));
  return element(
    'PlainTextSelection',
    {
      guid: stableGuid('selection', a.id),
      name: shorten(a.target.quote.exact),
      startPosition: range.start,
      endPosition: range.end,
      creatingUser: author,
      creationDateTime: a.createdAt,
      modifyingUser: author,
      modifiedDateTime: a.updatedAt,
    },
    children,
  );
}

/** A highlight that cannot be placed becomes a note quoting it, referenced from `refs`. */
function addUnplaced(parts: ProjectParts, a: Annotation, index: ExportIndex, refs: string[]): void {
  const lines = [`«${a.target.quote.exact}» (${a.target.contributionId}, ${a.target.language})`];
  if (a.note !== '') lines.push(a.note);
  if (a.tags.length > 0) lines.push(`Tags: ${a.tags.map((id) => index.tagLabel(id).text).join('; ')}`);
  parts.notes.push(noteElement(a, lines.join('\n\n')));
  refs.push(element('NoteRef', { targetGUID: noteGuid(a) }));
  parts.unplaced.push(a.id);
}

function userGuid(participantId: string): string {
  return stableGuid('user', participantId);
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function groupBySource(annotations: Annotation[]) {
  const groups = new Map<
    string,
    { contributionId: Annotation['target']['contributionId']; language: Lang; annotations: Annotation[] }
  >();
  for (const a of annotations) {
    const key = JSON.stringify([a.target.contributionId, a.target.language]);
    const group = groups.get(key) ?? {
      contributionId: a.target.contributionId,
      language: a.target.language,
      annotations: [],
    };
    group.annotations.push(a);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (x, y) =>
      compare(x.contributionId, y.contributionId) || LANGUAGES.indexOf(x.language) - LANGUAGES.indexOf(y.language),
  );
}

function noteGuid(a: Annotation): string {
  return stableGuid('note', a.id);
}

function noteElement(a: Annotation, text: string): string {
  const author = userGuid(a.authorId);
  return element(
    'Note',
    {
      guid: noteGuid(a),
      name: `${a.authorName}: ${shorten(a.target.quote.exact)}`,
      creatingUser: author,
      creationDateTime: a.createdAt,
      modifyingUser: author,
      modifiedDateTime: a.updatedAt,
    },
    [textElement('PlainTextContent', text)],
  );
}

function sourceName(c: Contribution, v: TextVersion): string {
  const origin = v.origin === 'machine' ? ', machine translation' : v.origin === 'human' ? ', translation' : '';
  return `${c.author.name} – ${c.id} (${v.language}${origin})`;
}

/** Machine translations are labelled wherever they are exported (docs/architecture.md). */
function provenance(c: Contribution, v: TextVersion): string {
  const answer = c.replyTo ? ` In answer to contribution ${c.replyTo}.` : '';
  const by = `Contribution ${c.id} to question ${c.questionId} by ${c.author.name} (${c.author.kind}).${answer}`;
  if (v.origin === 'original') return `${by} Language: ${v.language}; original text.`;
  const kind = v.origin === 'machine' ? `machine translation${v.engine ? ` (${v.engine})` : ''}` : 'human translation';
  return `${by} Language: ${v.language}; ${kind} of the ${c.language} original, made from its version ${v.sourceVersion}.`;
}

function sortTags(tags: Iterable<Tag>): Tag[] {
  return [...tags].sort((x, y) => x.order - y.order || compare(x.id, y.id));
}

function placeholderTag(id: TagId, order: number): Tag {
  return { id, label: {}, color: '#808080', status: 'active', proposedBy: null, order: 1e9 + order, version: 1 };
}

/** A Code; the Codebook.xsd and Project.xsd code types agree on everything we write. */
function codeElement(tag: Tag, language: Lang): string {
  // The other languages' labels go in the description, so a QDA tool shows them too.
  const labels = LANGUAGES.filter((l) => tag.label[l]).map((l) => `${l}: ${tag.label[l]}`);
  if (tag.status === 'proposed') labels.push('(proposed tag)');
  return element(
    'Code',
    {
      guid: stableGuid('tag', tag.id),
      name: pickLocalized(tag.label, language)?.text ?? tag.id,
      isCodable: true,
      color: tag.color,
    },
    labels.length > 0 ? [textElement('Description', labels.join('\n'))] : [],
  );
}

/** A readable name for a selection or note: the quote's first 60 code points. */
function shorten(text: string): string {
  const points = [...text.replace(/\s+/g, ' ').trim()];
  return points.length > 60 ? `${points.slice(0, 59).join('')}…` : points.join('');
}
