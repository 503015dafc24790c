import { memoryFiles } from './materials/memory-files.js';
import {
  BRIDGE_CHANNELS,
  journalErrorMessage,
  type AppInfo,
  type JournalEntry,
  type JournalErrorCode,
  type JournalSetAside,
  type SeminarBridge,
  type Settings,
} from '../../shared/bridge.js';
import type { Lang } from '../../shared/languages.js';
import type {
  AuthorKind,
  ContributionId,
  Question,
  QuestionId,
  SeminarSession,
  TextVersion,
  Theme,
} from '../../shared/model/entities.js';
import { openSeminarDb, type ContributionRow, type SeminarDb } from '../../renderer/db/database.js';

let counter = 0;

/** A fresh IndexedDB database per test: fake-indexeddb keeps them apart by name. */
export function freshDb(): SeminarDb {
  counter += 1;
  return openSeminarDb(`test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`);
}

type JournalMethods = Pick<
  SeminarBridge,
  'journalAppend' | 'journalAcknowledge' | 'journalPending' | 'storageIdentity' | 'storageIdentityBump'
>;

export interface FakeJournal extends JournalMethods {
  /** The next call of this method rejects as the desktop shell's would, e.g. on a full disk. */
  failNext(method: keyof JournalMethods, code?: JournalErrorCode): void;
  /** Ids pending, in append order, for assertions. */
  pendingIds(): string[];
  /** Reported by `journalPending`, as when the shell found an unreadable journal. */
  setAside: JournalSetAside[];
}

/**
 * The desktop shell's journal and storage identity, in memory, with the same
 * rules (electron/main/journal.ts): pending ids are not appended twice,
 * unknown acknowledgements are ignored, mutations come back as JSON copies.
 * Keep one across two `fakeBridge`s to play a restart, or a wiped database.
 * `supported: false` behaves like the web mode.
 */
export function fakeJournal(
  options: { supported?: boolean; generation?: number; pending?: JournalEntry[] } = {},
): FakeJournal {
  const supported = options.supported ?? true;
  let generation = options.generation ?? 0;
  const pending = new Map<string, string>();
  const failures = new Map<keyof JournalMethods, JournalErrorCode>();
  // Electron passes only the message from the main process, wrapped like this.
  const failIfAsked = (method: keyof JournalMethods): void => {
    const code = failures.get(method);
    if (!code) return;
    failures.delete(method);
    throw new Error(
      `Error invoking remote method '${BRIDGE_CHANNELS[method]}': JournalError: ${journalErrorMessage(code, 'simulated')}`,
    );
  };
  const journal: FakeJournal = {
    setAside: [],
    failNext: (method, code = 'disk-full') => void failures.set(method, code),
    pendingIds: () => [...pending.keys()],
    async journalAppend(entries) {
      if (!supported) return { supported: false };
      failIfAsked('journalAppend');
      for (const { mutationId, mutation } of entries) {
        if (!pending.has(mutationId)) pending.set(mutationId, JSON.stringify(mutation));
      }
      return { supported: true };
    },
    async journalAcknowledge(mutationIds) {
      if (!supported) return;
      failIfAsked('journalAcknowledge');
      for (const id of mutationIds) pending.delete(id);
    },
    async journalPending() {
      if (!supported) return { supported: false, entries: [], setAside: [] };
      failIfAsked('journalPending');
      return {
        supported: true,
        entries: [...pending].map(([mutationId, json]) => ({ mutationId, mutation: JSON.parse(json) as unknown })),
        setAside: journal.setAside.map((item) => ({ ...item })),
      };
    },
    async storageIdentity() {
      if (!supported) return { supported: false, generation: 0 };
      failIfAsked('storageIdentity');
      return { supported: true, generation };
    },
    async storageIdentityBump() {
      if (!supported) return 0;
      failIfAsked('storageIdentityBump');
      generation += 1;
      return generation;
    },
  };
  for (const entry of options.pending ?? []) pending.set(entry.mutationId, JSON.stringify(entry.mutation));
  return journal;
}

/** A bridge for renderer tests; the journal is unsupported (web mode) unless one is given. */
export function fakeBridge(
  initial: Partial<Settings> = {},
  info: Partial<AppInfo> = {},
  journal: JournalMethods = fakeJournal({ supported: false }),
): SeminarBridge {
  let settings: Settings = { serverUrl: null, token: null, language: null, ...initial };
  return {
    getAppInfo: async () => ({
      name: 'Seminar Desk',
      version: '0.0.0-test',
      shell: 'web',
      platform: 'test',
      localServerUrl: null,
      ...info,
    }),
    getSettings: async () => settings,
    setSettings: async (patch) => {
      settings = { ...settings, ...patch };
      return settings;
    },
    isOnline: async () => true,
    onOnlineChange: () => () => {},
    openExternal: async () => true,
    saveFile: async () => ({ saved: true }),
    printToPdf: async () => ({ saved: false }),
    journalAppend: (entries) => journal.journalAppend(entries),
    journalAcknowledge: (ids) => journal.journalAcknowledge(ids),
    journalPending: () => journal.journalPending(),
    storageIdentity: () => journal.storageIdentity(),
    storageIdentityBump: () => journal.storageIdentityBump(),
    ...memoryFiles().files,
    setUiLanguage: async () => {},
    onCommand: () => () => {},
    writeClipboard: async () => {},
  };
}

export const CONNECTED: Partial<Settings> = { serverUrl: 'http://127.0.0.1:9', token: 'test-token-0123456789' };

const themes: Theme[] = [
  {
    id: 'legal-I',
    track: 'legal',
    code: 'I',
    order: 1,
    title: { en: 'Governance and regulation', fr: 'Gouvernance-Régulation' },
    version: 1,
  },
  {
    id: 'legal-II',
    track: 'legal',
    code: 'II',
    order: 2,
    title: { en: 'Prevention, protection, reaction' },
    version: 1,
  },
];

const q = (
  id: string,
  track: Question['track'],
  theme: string,
  code: string,
  order: number,
  title: string,
  context: string,
): Question => ({
  id: id as QuestionId,
  track,
  theme,
  code,
  order,
  title: { en: title, fr: `${title} (fr)` },
  context: { en: context },
  media: [],
  version: 1,
});

export const questions: Question[] = [
  q(
    'legal-I-i',
    'legal',
    'I',
    'I.i',
    1,
    'What place for private actors?',
    'First context paragraph.\n\nSecond context paragraph.',
  ),
  q('legal-II-i', 'legal', 'II', 'II.i', 1, 'How to attribute an attack?', 'Attribution context.'),
  q('public-1', 'public', 'public', '1', 1, 'What is a secure cyberspace?', 'Public context.'),
];

export const sessions: SeminarSession[] = [
  {
    id: 'day-1',
    day: 1,
    date: '2017-02-01',
    order: 1,
    title: { en: 'Prevention and reaction' },
    questionIds: ['legal-II-i' as QuestionId],
    version: 1,
  },
  {
    id: 'day-2',
    day: 2,
    date: '2017-02-02',
    order: 2,
    title: { en: 'Governance' },
    questionIds: ['legal-I-i' as QuestionId],
    version: 1,
  },
];

function machine(language: Lang, text: string, sourceVersion = 1): TextVersion {
  return { language, text, origin: 'machine', engine: 'systran', sourceVersion };
}

interface Spec {
  id: string;
  question: string;
  language: Lang;
  kind: AuthorKind;
  name: string;
  text: string;
  translations?: TextVersion[];
  status?: 'published' | 'withdrawn';
  version?: number;
}

export const contributions: Spec[] = [
  {
    id: 'c-1',
    question: 'legal-I-i',
    language: 'fr',
    kind: 'legal-expert',
    name: 'Claire Dupont',
    text: 'Premier paragraphe en français.\n\nSecond paragraphe.',
    translations: [
      machine('en', 'First paragraph in English.\n\nSecond paragraph.'),
      machine('ar', 'الفقرة الأولى بالعربية.'),
    ],
  },
  {
    id: 'c-2',
    question: 'legal-I-i',
    language: 'de',
    kind: 'ngo',
    name: 'Netzwerk e.V.',
    text: 'Ein deutscher Beitrag.',
    translations: [machine('en', 'A German contribution, translated.', 1)],
    version: 2,
  },
  {
    id: 'c-3',
    question: 'legal-I-i',
    language: 'fr',
    kind: 'individual',
    name: 'Jean Martin',
    text: 'Un avis individuel.',
  },
  {
    id: 'c-4',
    question: 'legal-I-i',
    language: 'fr',
    kind: 'company',
    name: 'Retirée SA',
    text: 'Retiré.',
    status: 'withdrawn',
  },
  {
    id: 'c-5',
    question: 'legal-II-i',
    language: 'en',
    kind: 'institution',
    name: 'Institute',
    text: 'On attribution.',
  },
];

export async function seed(db: SeminarDb): Promise<void> {
  await db.themes.bulkPut(themes);
  await db.questions.bulkPut(questions);
  await db.sessions.bulkPut(sessions);
  for (const spec of contributions) {
    const version = spec.version ?? 1;
    const versions: TextVersion[] = [
      { language: spec.language, text: spec.text, origin: 'original', engine: null, sourceVersion: version },
      ...(spec.translations ?? []),
    ];
    const row: ContributionRow = {
      id: spec.id as ContributionId,
      questionId: spec.question as QuestionId,
      author: { name: spec.name, kind: spec.kind },
      authorKind: spec.kind,
      language: spec.language,
      status: spec.status ?? 'published',
      version,
      createdAt: `2017-01-1${spec.id.slice(-1)}T10:00:00Z`,
      updatedAt: `2017-01-1${spec.id.slice(-1)}T10:00:00Z`,
      languages: versions.map((v) => v.language),
      machineLanguages: versions.filter((v) => v.origin === 'machine').map((v) => v.language),
      excerpt: spec.text.slice(0, 300),
    };
    await db.contributions.put(row);
    await db.texts.put({ id: row.id, version, versions });
  }
}

/** One change waiting in the outbox (a read mark on c-1): something a wipe would lose. */
export async function addUnsentChange(db: SeminarDb): Promise<void> {
  await db.outbox.add({
    mutationId: crypto.randomUUID(),
    kind: 'read-state',
    mutation: {
      id: crypto.randomUUID(),
      kind: 'read-state',
      contributionId: 'c-1' as never,
      read: true,
      starred: true,
      updatedAt: '2026-11-24T10:00:00.000Z',
    },
    createdAt: '2026-11-24T10:00:00.000Z',
  });
}
