import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import * as Y from 'yjs';
import { Citation } from '../../renderer/features/synthesis/citation-mark.js';
import type { CitationAttrs, SynthesisDoc, SynthesisNode } from '../../shared/synthesis/document.js';
import { SYNTHESIS_FIELD } from '../../shared/synthesis/document.js';
import { synthesisToDocx } from '../../shared/synthesis/export/docx.js';
import { synthesisToMarkdown } from '../../shared/synthesis/export/markdown.js';
import type { BenchCase, Sample } from '../registry.js';

/** Updates a synthesis receives (a day of two rapporteurs typing, each pause one update). */
const UPDATES = 1_000;
/** A 30-page synthesis: ~500 words a page, a citation every ~150 words. */
const PAGES = 30;

const SENTENCE =
  'La diligence raisonnable impose aux États de prendre les mesures que l’on peut raisonnablement attendre d’eux pour prévenir les dommages transfrontières graves. ';

function citation(i: number): CitationAttrs {
  return {
    citationId: `cit-${i}`,
    contributionId: `c-${i % 40}`,
    annotationId: `a-${i}`,
    authorName: `Auteur ${i % 40}`,
    authorKind: 'legal-expert',
    language: 'fr',
    origin: i % 3 === 0 ? 'machine' : 'original',
    engine: i % 3 === 0 ? 'systran' : null,
    originalLanguage: i % 3 === 0 ? 'en' : 'fr',
    originalText: i % 3 === 0 ? 'States must exercise due diligence.' : null,
    textHash: `h${i}`,
    sourceVersion: 1,
    questionCode: 'I.i',
  };
}

/** A long synthesis as the editor stores it: sections of paragraphs, with quotes. */
function longSynthesis(): SynthesisDoc {
  const content: SynthesisNode[] = [];
  let cited = 0;
  for (let page = 0; page < PAGES; page++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Section ${page + 1}` }] });
    for (let p = 0; p < 3; p++) {
      content.push({ type: 'paragraph', content: [{ type: 'text', text: SENTENCE.repeat(6) }] });
      content.push({
        type: 'blockquote',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: SENTENCE, marks: [{ type: 'citation', attrs: citation(cited++) }] }],
          },
        ],
      });
    }
  }
  return { type: 'doc', content };
}

/** Two writers typing into one document: UPDATES small updates, as pushed. */
function typedUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const fragment = doc.getXmlFragment(SYNTHESIS_FIELD);
  for (let i = 0; i < UPDATES; i++) {
    if (i % 20 === 0) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('')]);
      fragment.insert(fragment.length, [paragraph]);
    }
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, `mot${i} et encore quelques mots `);
  }
  return updates;
}

const schema = getSchema([StarterKit.configure({ undoRedo: false }), Citation]);

/**
 * Issue 8's figures: opening a synthesis made of 1,000 stored updates (merge
 * them as a device does, apply, build the editor's document), the server's
 * storage for it before and after compaction, and exporting a 30-page
 * synthesis to Markdown and DOCX. In Node: the same code as in the renderer.
 */
export const synthesisCase: BenchCase = {
  id: 'synthesis',
  backends: [],
  rows: [
    {
      id: 'synthesis.open',
      label: `Open a synthesis of ${UPDATES.toLocaleString('en')} updates`,
      setting: 'merge, apply, build the editor document (Node)',
      unit: 'ms',
      note: (row) =>
        `${Math.round(row.details?.before ?? 0).toLocaleString('en')} B stored before compaction, ${Math.round(row.details?.after ?? 0).toLocaleString('en')} B after`,
    },
    {
      id: 'synthesis.markdown',
      label: `Export a ${PAGES}-page synthesis`,
      setting: 'Markdown, footnotes',
      unit: 'ms',
    },
    { id: 'synthesis.docx', label: `Export a ${PAGES}-page synthesis`, setting: 'DOCX (docx), footnotes', unit: 'ms' },
  ],
  async run() {
    const samples: Record<string, Sample> = {};
    const updates = typedUpdates();
    const before = updates.reduce((n, u) => n + u.byteLength, 0);
    const t0 = performance.now();
    const state = Y.mergeUpdates(updates);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(SYNTHESIS_FIELD), schema);
    const open = performance.now() - t0;
    if (root.childCount !== UPDATES / 20) throw new Error(`opened ${root.childCount} paragraphs`);
    samples['synthesis.open'] = { value: open, details: { before, after: state.byteLength } };

    const input = { title: 'Synthèse I.i', language: 'fr' as const, doc: longSynthesis(), date: '2026-11-24' };
    const t1 = performance.now();
    const markdown = synthesisToMarkdown(input);
    samples['synthesis.markdown'] = { value: performance.now() - t1 };
    const t2 = performance.now();
    const docx = await synthesisToDocx(input);
    samples['synthesis.docx'] = { value: performance.now() - t2 };
    if (!markdown.includes('[^90]') || docx.byteLength < 10_000) throw new Error('incomplete export');
    return samples;
  },
};
