import type { LocalizedText } from '../languages.js';
import type { QuestionId, Role } from './entities.js';

export type EventId = string & { readonly __brand: 'EventId' };

/** What kind of meeting an event is: the dossier's closed seminars, the conference, the legal seminar. */
export const EVENT_KINDS = ['closed-seminar', 'seminar', 'conference', 'legal-seminar'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** preparing → running → closed → archived; only the secretariat moves it along. */
export const EVENT_STATUSES = ['preparing', 'running', 'closed', 'archived'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * closed: invitation-only, its existence told to its members alone;
 * open: still only its members pull its agenda, notes and syntheses, but the
 * secretariat may list it publicly (a conference's programme).
 */
export const EVENT_VISIBILITIES = ['closed', 'open'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

/**
 * A seminar or conference as one of its members receives it: the event, the
 * questions on its agenda (a question may be on several events' agendas) and
 * the roles this member holds in it (a rapporteur of one seminar can be a
 * delegate at the conference).
 */
export interface SeminarEvent {
  id: EventId;
  kind: EventKind;
  title: LocalizedText;
  /** ISO dates, first and last day. */
  startsOn: string;
  endsOn: string;
  place: string;
  status: EventStatus;
  visibility: EventVisibility;
  questionIds: QuestionId[];
  roles: Role[];
  version: number;
}
