import type { Lang } from '../../../shared/languages.js';
import type { Annotation, Tag } from '../../../shared/model/annotations.js';
import type { Contribution, ContributionId, Participant } from '../../../shared/model/entities.js';
import { annotationsToCsvBytes } from '../../../shared/export/csv.js';
import type { AnchorInfo, ExportContext } from '../../../shared/export/export-context.js';
import { toQdcBytes, toQdpx } from '../../../shared/export/refi-qda.js';
import { toWebAnnotationCollection } from '../../../shared/export/web-annotation.js';
import type { ContributionTextRow, TagRow } from '../../db/database.js';
import type { NotebookEntry } from './use-notebook.js';

export const EXPORT_FORMATS = ['jsonld', 'csv', 'qdpx', 'qdc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  name: string;
  data: Uint8Array;
  mimeType: string;
}

interface Input {
  entries: readonly NotebookEntry[];
  tags: readonly TagRow[];
  texts: ReadonlyMap<ContributionId, ContributionTextRow | undefined>;
  language: Lang;
  me: Participant | undefined;
  now: Date;
}

/** The annotated contributions as the export builders take them: the list row plus its texts. */
function context(input: Input): ExportContext {
  const contributions: Contribution[] = [];
  for (const entry of input.entries) {
    const c = entry.contribution;
    const texts = input.texts.get(entry.row.contributionId);
    if (!c || !texts || contributions.some((known) => known.id === c.id)) continue;
    const { id, questionId, author, language, status, version, createdAt, updatedAt } = c;
    contributions.push({
      id,
      questionId,
      author,
      language,
      status,
      version,
      createdAt,
      updatedAt,
      versions: texts.versions,
      // The thread it belongs to travels with it (JSON-LD schema:parentItem, a .qdpx link).
      ...(c.replyTo ? { replyTo: c.replyTo } : {}),
    });
  }
  const anchors = new Map<string, AnchorInfo>(input.entries.map((e) => [e.row.id, e.placement]));
  const tags: Tag[] = input.tags.map(({ pending: _pending, ...tag }) => tag);
  return { contributions, tags, language: input.language, anchors };
}

function annotations(entries: readonly NotebookEntry[]): Annotation[] {
  return entries.map(({ row }) => {
    const { contributionId: _c, pending: _p, ...annotation } = row;
    // Not yet on the server: version 0 locally, but the exported record says 1.
    return { ...annotation, version: Math.max(1, annotation.version) };
  });
}

const encoder = new TextEncoder();

/** Builds one export file of the shown notes; pure apart from the clock passed in. */
export function buildExport(format: ExportFormat, shown: Input): ExportFile {
  // A withdrawn contribution leaves the exports; the notes on it stay in the notebook, marked.
  const input = { ...shown, entries: shown.entries.filter((e) => e.contribution?.status !== 'withdrawn') };
  const stamp = input.now.toISOString().slice(0, 10);
  const base = `seminar-desk-notes-${stamp}`;
  const ctx = context(input);
  switch (format) {
    case 'jsonld': {
      const collection = toWebAnnotationCollection(annotations(input.entries), { ...ctx, label: base });
      return {
        name: `${base}.jsonld`,
        data: encoder.encode(JSON.stringify(collection, null, 2)),
        mimeType: 'application/ld+json',
      };
    }
    case 'csv':
      return {
        name: `${base}.csv`,
        data: annotationsToCsvBytes(annotations(input.entries), ctx),
        mimeType: 'text/csv',
      };
    case 'qdpx':
      return {
        name: `${base}.qdpx`,
        data: toQdpx(annotations(input.entries), {
          ...ctx,
          projectName: base,
          exportedAt: input.now.toISOString(),
          exporter: input.me ? { id: input.me.id, name: input.me.name } : undefined,
        }),
        mimeType: 'application/zip',
      };
    case 'qdc':
      return {
        name: `seminar-desk-codebook-${stamp}.qdc`,
        data: toQdcBytes(ctx.tags, input.language),
        mimeType: 'application/xml',
      };
  }
}
