import type { Lang, LocalizedText } from '../languages.js';

/** Branded ids: passing a question id where a contribution id is expected is a bug. */
export type QuestionId = string & { readonly __brand: 'QuestionId' };
export type ContributionId = string & { readonly __brand: 'ContributionId' };
export type ParticipantId = string & { readonly __brand: 'ParticipantId' };

/** The participant every demo session signs in as (the demo server's one-click session). */
export const DEMO_PARTICIPANT_ID = 'demo-expert' as ParticipantId;

export const TRACKS = ['legal', 'public'] as const;
export type Track = (typeof TRACKS)[number];

export const AUTHOR_KINDS = ['legal-expert', 'individual', 'company', 'ngo', 'institution'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const ROLES = ['expert', 'rapporteur', 'delegate', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export const TEXT_ORIGINS = ['original', 'machine', 'human'] as const;
export type TextOrigin = (typeof TEXT_ORIGINS)[number];

export const CONTRIBUTION_STATUSES = ['published', 'withdrawn'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** A theme groups the questions of a track (legal I, II; the seminar's own themes). */
export interface Theme {
  id: string;
  track: Track;
  code: string;
  order: number;
  title: LocalizedText;
  version: number;
}

export interface Media {
  kind: 'video' | 'document';
  url: string;
  title?: LocalizedText;
}

export interface Question {
  id: QuestionId;
  track: Track;
  /** Code of the theme this question belongs to ("I", "II", "public"...). */
  theme: string;
  code: string;
  order: number;
  title: LocalizedText;
  context: LocalizedText;
  media: Media[];
  version: number;
}

/** One half-day or day of the closed seminar and the questions it works through. */
/**
 * What a session of the agenda is: a working session (the seminars), or, in a
 * conference's programme, a keynote or a panel (issue 18).
 */
export const SESSION_FORMATS = ['session', 'keynote', 'panel'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const SPEAKER_ROLES = ['chair', 'speaker'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** Someone on a conference's programme: a panel's chair or a speaker, with where they speak from. */
export interface Speaker {
  name: string;
  role: SpeakerRole;
  /** Their organisation, as the programme prints it. */
  affiliation?: string;
  /** Which of the consultation's kinds of author they speak for (an NGO, a company, an institution…). */
  kind?: AuthorKind;
}

export interface SeminarSession {
  id: string;
  day: number;
  /** ISO date, e.g. "2017-02-01". */
  date: string;
  order: number;
  title: LocalizedText;
  questionIds: QuestionId[];
  /** The event whose agenda it is on (every session belongs to one; absent only from servers before events). */
  eventId?: string;
  /** Absent: a working session. */
  format?: SessionFormat;
  /** A conference's panel or keynote: its chair and speakers, in the programme's order. */
  speakers?: Speaker[];
  version: number;
}

export interface Author {
  name: string;
  kind: AuthorKind;
}

/** A contribution's text in one language. */
export interface TextVersion {
  language: Lang;
  text: string;
  origin: TextOrigin;
  /** The translation engine's name when origin is "machine". */
  engine: string | null;
  /** The version of the original text this was made from: stale when lower than the contribution's. */
  sourceVersion: number;
}

export interface Contribution {
  id: ContributionId;
  questionId: QuestionId;
  author: Author;
  /** The participant who wrote it in the app; absent (or null) for contributions imported from the platform. */
  authorId?: ParticipantId | null;
  /**
   * The contribution this one answers (the platform was a forum: a discussion
   * is a thread), always of the same question; absent (or null) for one that
   * answers the question itself.
   */
  replyTo?: ContributionId | null;
  /** The language the author wrote in. */
  language: Lang;
  status: ContributionStatus;
  /** Bumped each time the original text changes. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** One per language that exists; the original is always among them. */
  versions: TextVersion[];
}

export interface Participant {
  id: ParticipantId;
  name: string;
  roles: Role[];
  language: Lang;
}
