/**
 * Completed interviews as a device holds them: each one started and completed through the store's
 * own commands (startInterview, completeInterview) with realistic answers, on fake-indexeddb in
 * Node. The rows (records, outbox entries, cached definitions) are then exactly what completion
 * writes, ready to be copied into a browser's IndexedDB or synced from Node.
 */
import { Dexie } from 'dexie';
import { IDBKeyRange as FakeKeyRange, indexedDB as fakeIndexedDB } from 'fake-indexeddb';
import { completeInterview, startInterview, SurveyDb } from '../src/store';
import type { CachedDefinition, InterviewRecord, OutboxEntry } from '../src/store';
import type { Definition } from '../src/survey/types';
import { realisticAnswers, seeded, sectionTimesFor } from './answers';

/** Dexie in Node, on fake-indexeddb, without touching globalThis. */
function useFakeIndexedDb(): void {
  Dexie.dependencies.indexedDB = fakeIndexedDB;
  Dexie.dependencies.IDBKeyRange = FakeKeyRange;
}

export interface DeviceRows {
  records: InterviewRecord[];
  outbox: OutboxEntry[];
  definitions: CachedDefinition[];
}

/** A device database on fake-indexeddb holding `count` completed interviews of `def`, each queued once. */
export async function completedInterviews(def: Definition, count: number, seed = 20211105): Promise<{ db: SurveyDb; rows: DeviceRows }> {
  useFakeIndexedDb();
  const db = new SurveyDb({ name: `bench-device-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const random = seeded(seed);
  for (let i = 0; i < count; i++) {
    // Groups and strata in turn, as a team of enumerators covers them.
    const group = def.respondentGroups[i % def.respondentGroups.length]!;
    const strata = group.stratumList !== undefined ? (def.lists?.[group.stratumList] ?? []) : [];
    const stratum = strata.length > 0 ? strata[Math.floor(i / def.respondentGroups.length) % strata.length]!.value : undefined;
    const record = await startInterview({ definition: def, respondentGroup: group.id, stratum, lang: 'vi' }, db);
    const answers = realisticAnswers(def, random);
    await completeInterview(record.id, { answers, sectionTimes: sectionTimesFor(def, answers, random) }, db);
  }
  const [records, outbox, definitions] = await Promise.all([db.records.toArray(), db.outbox.toArray(), db.definitions.toArray()]);
  if (records.length !== count || outbox.length !== count) throw new Error(`the device holds ${records.length} records and ${outbox.length} outbox entries, not ${count}`);
  return { db, rows: { records, outbox, definitions } };
}
