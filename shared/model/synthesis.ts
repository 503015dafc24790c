import type { Lang } from '../languages.js';
import type { ParticipantId, QuestionId } from './entities.js';

export type SynthesisId = string & { readonly __brand: 'SynthesisId' };

/**
 * A synthesis of one question, drafted by rapporteurs for the proceedings.
 * Its text is a CRDT (Yjs) document: the server keeps its updates, every
 * client merges them, and concurrent offline edits always converge. This
 * record is what describes it; the text travels as updates.
 */
export interface Synthesis {
  id: SynthesisId;
  /** The question it is the synthesis of; null for a part of the proceedings (`part`). */
  questionId: QuestionId | null;
  /**
   * A text of the proceedings written with the same editor (issue 20): the
   * foreword or the closing remarks of its event's proceedings, one each,
   * with the id `foreword-<event>` / `closing-<event>` so that two writers
   * starting it offline start the same document. Absent for a question's.
   */
  part?: SynthesisPart;
  title: string;
  /** The language it is written in (exports are laid out for it, right to left for Arabic). */
  language: Lang;
  createdBy: ParticipantId;
  createdByName: string;
  createdAt: string;
  /** The event it is written for; its members read it, its rapporteurs write it. */
  eventId?: string;
  version: number;
}

/** One CRDT update of a synthesis as the server stores and serves it. */
export interface SynthesisUpdate {
  synthesisId: SynthesisId;
  /** Yjs update bytes, base64 (standard alphabet). */
  update: string;
  authorId: ParticipantId;
  authorName: string;
  at: string;
}

export const SYNTHESIS_PARTS = ['foreword', 'closing'] as const;
export type SynthesisPart = (typeof SYNTHESIS_PARTS)[number];

/** The one id of an event's foreword or closing remarks. */
export const partSynthesisId = (part: SynthesisPart, eventId: string) => `${part}-${eventId}` as SynthesisId;

/** Who writes syntheses; everyone else reads them. */
export const SYNTHESIS_WRITERS = ['rapporteur', 'secretariat'] as const;
