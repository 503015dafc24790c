import { LANGUAGES, type Lang } from '../../shared/languages.js';
import { AUTHOR_KINDS, type AuthorKind, type ContributionStatus } from '../../shared/model/entities.js';

/**
 * What the search filters need of each contribution, by ordinal (a small
 * integer the index uses instead of the id): its question, original language,
 * author kind and status. Kept in typed arrays, a few bytes a contribution,
 * since the index holds every contribution of the corpus.
 */

export interface ContributionMeta {
  questionId: string;
  language: Lang;
  authorKind: AuthorKind;
  status: ContributionStatus;
}

export interface TableSnapshot {
  ids: string[];
  questions: string[];
  /** Per ordinal: question index + 1 (0: nothing known), language index, author kind index, status (1 published, 2 withdrawn). */
  question: Int32Array;
  language: Int8Array;
  kind: Int8Array;
  status: Int8Array;
}

const STATUS: Record<ContributionStatus, number> = { published: 1, withdrawn: 2 };

function room<T extends Int32Array | Int8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(
    Math.max(needed, Math.ceil(array.length * 1.5) + 64),
  );
  grown.set(array);
  return grown;
}

export class ContributionTable {
  private ids: string[] = [];
  private ordinals = new Map<string, number>();
  private questions: string[] = [];
  private questionIndex = new Map<string, number>();
  private question = new Int32Array(0);
  private language = new Int8Array(0);
  private kind = new Int8Array(0);
  private status = new Int8Array(0);

  get size(): number {
    return this.ids.length;
  }

  idOf(ordinal: number): string {
    return this.ids[ordinal]!;
  }

  /** The ordinal of `id`, given one if it has none yet. */
  ordinal(id: string): number {
    let found = this.ordinals.get(id);
    if (found === undefined) {
      found = this.ids.length;
      this.ids.push(id);
      this.ordinals.set(id, found);
      const size = this.ids.length;
      this.question = room(this.question, size);
      this.language = room(this.language, size);
      this.kind = room(this.kind, size);
      this.status = room(this.status, size);
    }
    return found;
  }

  /** Records what is known of a contribution (null: nothing, it is gone); returns whether that changed. */
  set(ordinal: number, meta: ContributionMeta | null): boolean {
    let question = 0;
    if (meta) {
      let index = this.questionIndex.get(meta.questionId);
      if (index === undefined) {
        index = this.questions.length;
        this.questions.push(meta.questionId);
        this.questionIndex.set(meta.questionId, index);
      }
      question = index + 1;
    }
    const language = meta ? LANGUAGES.indexOf(meta.language) : 0;
    const kind = meta ? AUTHOR_KINDS.indexOf(meta.authorKind) : 0;
    const status = meta ? STATUS[meta.status] : 0;
    const changed =
      this.question[ordinal] !== question ||
      this.language[ordinal] !== language ||
      this.kind[ordinal] !== kind ||
      this.status[ordinal] !== status;
    this.question[ordinal] = question;
    this.language[ordinal] = language;
    this.kind[ordinal] = kind;
    this.status[ordinal] = status;
    return changed;
  }

  get(ordinal: number): ContributionMeta | null {
    const question = this.question[ordinal] ?? 0;
    if (question === 0) return null;
    return {
      questionId: this.questions[question - 1]!,
      language: LANGUAGES[this.language[ordinal]!]!,
      authorKind: AUTHOR_KINDS[this.kind[ordinal]!]!,
      status: this.status[ordinal] === STATUS.withdrawn ? 'withdrawn' : 'published',
    };
  }

  isPublished(ordinal: number): boolean {
    return this.status[ordinal] === STATUS.published;
  }

  questionOf(ordinal: number): string | undefined {
    const question = this.question[ordinal] ?? 0;
    return question === 0 ? undefined : this.questions[question - 1];
  }

  languageOf(ordinal: number): Lang {
    return LANGUAGES[this.language[ordinal]!]!;
  }

  kindOf(ordinal: number): AuthorKind {
    return AUTHOR_KINDS[this.kind[ordinal]!]!;
  }

  get publishedCount(): number {
    let count = 0;
    for (let i = 0; i < this.ids.length; i++) if (this.status[i] === STATUS.published) count++;
    return count;
  }

  snapshot(): TableSnapshot {
    const size = this.ids.length;
    return {
      ids: this.ids.slice(),
      questions: this.questions.slice(),
      question: this.question.slice(0, size),
      language: this.language.slice(0, size),
      kind: this.kind.slice(0, size),
      status: this.status.slice(0, size),
    };
  }

  static restore(snapshot: TableSnapshot): ContributionTable {
    const table = new ContributionTable();
    table.ids = snapshot.ids.slice();
    table.ids.forEach((id, ordinal) => table.ordinals.set(id, ordinal));
    table.questions = snapshot.questions.slice();
    table.questions.forEach((id, index) => table.questionIndex.set(id, index));
    table.question = snapshot.question.slice();
    table.language = snapshot.language.slice();
    table.kind = snapshot.kind.slice();
    table.status = snapshot.status.slice();
    return table;
  }
}
