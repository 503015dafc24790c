import { createContext, useContext } from 'react';
import type { AppInfo, SeminarBridge, Settings } from '../../shared/bridge.js';
import type { SeminarDb } from '../db/database.js';
import type { StorageProblem } from './storage-errors.js';
import type { SyncHandle } from './sync-types.js';

export interface AppContextValue {
  db: SeminarDb;
  bridge: SeminarBridge;
  appInfo: AppInfo;
  settings: Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  sync: SyncHandle | null;
  storageProblem: StorageProblem | null;
  reportStorageError(error: unknown): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <App>');
  return value;
}
