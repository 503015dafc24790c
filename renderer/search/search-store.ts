import Dexie, { type EntityTable } from 'dexie';
import { INDEX_FORMAT, type EngineSnapshot, type EngineState } from './search-engine.js';
import type { ShardSnapshot } from './text-shard.js';

/**
 * The search index saved on this device, in its own IndexedDB database: it is
 * a cache of what the corpus tables hold (it can always be rebuilt from them),
 * so it never shares a transaction or a schema version with them.
 *
 * One record per shard (language) and one for the state. Each shard is a few
 * strings and typed arrays of a few megabytes: IndexedDB stores values that
 * large as files, cheaply, and reading them back is a copy, not a parse of
 * one object per posting (bench/cases/search.ts: "search usable after a
 * restart").
 */

export const SEARCH_DB_NAME = 'seminar-desk-search';

interface StateRow extends EngineState {
  key: 'state';
}

type SearchDb = Dexie & {
  shards: EntityTable<ShardSnapshot, 'key'>;
  state: EntityTable<StateRow, 'key'>;
};

export class SearchStore {
  private db: SearchDb;

  constructor(name: string = SEARCH_DB_NAME) {
    // Relaxed durability: losing the last save to a power cut costs an incremental catch-up, not data.
    this.db = new Dexie(name) as SearchDb;
    this.db.version(1).stores({ shards: 'key', state: 'key' });
  }

  /** The saved index, or null when there is none or it was saved in an older layout. */
  async load(): Promise<EngineSnapshot | null> {
    return this.db.transaction('r', [this.db.state, this.db.shards], async () => {
      const state = await this.db.state.get('state');
      if (!state || state.format !== INDEX_FORMAT) return null;
      const { key: _key, ...rest } = state;
      return { state: rest, shards: await this.db.shards.toArray() };
    });
  }

  /** Saves the state and the shards given (the ones that changed) in one transaction. */
  async save(snapshot: EngineSnapshot): Promise<void> {
    await this.db.transaction('rw', [this.db.state, this.db.shards], async () => {
      await this.db.state.put({ key: 'state', ...snapshot.state });
      if (snapshot.shards.length) await this.db.shards.bulkPut(snapshot.shards);
    });
  }

  async clear(): Promise<void> {
    await this.db.transaction('rw', [this.db.state, this.db.shards], async () => {
      await this.db.state.clear();
      await this.db.shards.clear();
    });
  }

  close(): void {
    this.db.close();
  }
}
