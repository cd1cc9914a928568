/**
 * The device database: the one Dexie class, its schema versions and upgrades. Every other module
 * reaches IndexedDB through it. Stored records are written back whole (spread, never picked), so
 * fields a newer app version added survive an older version's saves.
 */
import { Dexie, type Table } from 'dexie';
import type { CachedDefinition, InterviewRecord } from './types';

export const DEFAULT_DB_NAME = 'governance-survey';

export interface SurveyDbOptions {
  /** Database name; tests give each database a unique one. */
  name?: string | undefined;
}

export class SurveyDb extends Dexie {
  declare records: Table<InterviewRecord, string>;
  declare definitions: Table<CachedDefinition, [string, number]>;

  constructor({ name = DEFAULT_DB_NAME }: SurveyDbOptions = {}) {
    // 'strict': a write's promise resolves only once the data is flushed to disk, so a tablet
    // that dies right after "saved" still has the answers.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      records: 'id, status, updatedAt, [surveyId+surveyVersion]',
      definitions: '[id+version]',
    });
  }
}

let shared: SurveyDb | undefined;

/** The app's database, opened on first use. Commands take another one as their last argument. */
export function getDb(): SurveyDb {
  shared ??= new SurveyDb();
  return shared;
}
