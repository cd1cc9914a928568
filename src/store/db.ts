/**
 * The device database: the one Dexie class, its schema versions and upgrades. Every other module
 * reaches IndexedDB through it. Stored records are written back whole (spread, never picked), so
 * fields a newer app version added survive an older version's saves.
 */
import { Dexie, type Table, type Transaction } from 'dexie';
import { quotaKeyOf } from './quota-key';
import type { CachedDefinition, InterviewRecord, MetaRow, OutboxEntry } from './types';

export const DEFAULT_DB_NAME = 'governance-survey';

export interface SurveyDbOptions {
  /** Database name; tests give each database a unique one. */
  name?: string | undefined;
}

export class SurveyDb extends Dexie {
  declare records: Table<InterviewRecord, string>;
  declare definitions: Table<CachedDefinition, [string, number]>;
  declare outbox: Table<OutboxEntry, string>;
  declare meta: Table<MetaRow, MetaRow['key']>;

  constructor({ name = DEFAULT_DB_NAME }: SurveyDbOptions = {}) {
    // 'strict': a write's promise resolves only once the data is flushed to disk, so a tablet
    // that dies right after "saved" still has the answers.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      records: 'id, status, updatedAt, [surveyId+surveyVersion]',
      definitions: '[id+version]',
    });
    // Version 2: the outbox of completed interviews waiting for the server, and device settings.
    this.version(2)
      .stores({ outbox: 'id, state, [state+queuedAt]', meta: 'key' })
      .upgrade(queueCompletedRecords);
    // Version 3: indexes that keep screens fast with thousands of interviews stored: completed
    // interviews newest first, and the outbox counted per questionnaire, group and stratum.
    this.version(3)
      .stores({ records: 'id, status, updatedAt, [surveyId+surveyVersion], [status+updatedAt]', outbox: 'id, state, [state+queuedAt], quotaKey' })
      .upgrade(keyOutboxEntries);
  }
}

/** Queues every completed interview the server has not acknowledged (all of them, coming from v1). */
async function queueCompletedRecords(tx: Transaction): Promise<void> {
  const completed = await tx.table<InterviewRecord, string>('records').where('status').equals('completed').toArray();
  const entries = completed
    .filter((r) => r.syncedAt === undefined)
    .map((r): OutboxEntry => ({ id: r.id, queuedAt: r.completedAt ?? r.updatedAt, attempts: 0, state: 'pending' }));
  await tx.table<OutboxEntry, string>('outbox').bulkPut(entries);
}

/** Gives every queued interview its quota key (version 3), from its record. */
async function keyOutboxEntries(tx: Transaction): Promise<void> {
  const outbox = tx.table<OutboxEntry, string>('outbox');
  const entries = await outbox.toArray();
  const records = await tx.table<InterviewRecord, string>('records').bulkGet(entries.map((e) => e.id));
  const keyed = entries.flatMap((entry, i) => {
    const record = records[i];
    return record ? [{ ...entry, quotaKey: quotaKeyOf(record) }] : [];
  });
  await outbox.bulkPut(keyed);
}

let shared: SurveyDb | undefined;

/** The app's database, opened on first use. Commands take another one as their last argument. */
export function getDb(): SurveyDb {
  shared ??= new SurveyDb();
  return shared;
}
