/** What the bench page's worker measures, shared by the page, the worker and bench/run.ts. */
export type MeasurementName =
  'download-floor' | 'real-client' | 'real-client-serial' | 'naive-layout' | 'rxdb-replication';

export interface FirstSyncArgs {
  baseUrl: string;
  token: string;
  limit: number;
  /** No loop here asks for more pages than this. */
  maxPages: number;
  /** The real client's database: a new one when absent; given, a later measurement continues its sync. */
  dbName?: string;
}

export interface BrowserSample {
  seconds: number;
  /** Changes received (themes, questions, contributions…). */
  records: number;
  /** Decompressed JSON bytes, where the measurement sees them. */
  bytes?: number;
  /** IndexedDB records written. */
  idbRecords?: number;
  /** Seconds per phase, for the instrumented run. */
  parts?: Record<string, number>;
}

export type ToWorker = { id: number; name: MeasurementName; args: FirstSyncArgs };

export type FromWorker = { id: number; ok: true; sample: BrowserSample } | { id: number; ok: false; error: string };
