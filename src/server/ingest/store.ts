/**
 * Writes a batch's valid interviews in one transaction and says, per interview, whether it was
 * stored now, was already stored with the same content, or clashes with different content under
 * the same id. The primary key on submissions.id decides; `ON CONFLICT DO NOTHING` lets the
 * database, not this code, settle races between resends. The same transaction counts each
 * interview it inserted towards its campaign's quota, so a count exists exactly when the row does.
 * The statements do not grow with the batch (one multi-row insert per table, one multi-row upsert
 * per counter table), and batches that arrive together share a transaction (./group-commit).
 */
import { chunksOf } from '../db/chunks';
import type { Kysely, Transaction } from 'kysely';
import type { Submission, SubmitResult } from '../../contract';
import type { Answers, Definition } from '../../survey';
import type { Campaigns } from '../campaigns/registry';
import { isSqlite } from '../db/locks';
import type { DatabaseSchema, NewSubmission } from '../db/schema';
import { clockProblem, countedAt } from './clock';
import { contentHash } from './content-hash';
import { placeOf } from './counting';
import { GroupCommit } from './group-commit';
import { ingestTransaction } from './transaction';
import { keptSectionTimes } from './section-times';

export interface ValidItem {
  item: Submission;
  /** The answers to keep (the engine's view: hidden and empty answers dropped; checkAnswers' `kept`). */
  answers: Answers;
  /** The questionnaire version it was checked against (for its scores). */
  definition: Definition;
}

/**
 * The submissions row of a checked interview (respondent links add their own mode and link).
 * `hash`: the item's contentHash when the caller already has it.
 */
export function rowOf(v: ValidItem, deviceId: string, receivedAt: string, campaigns: Campaigns | undefined, hash = contentHash(v.item)): NewSubmission {
  const { item } = v;
  // A device clock that cannot be believed is kept, marked, and counted on the day received.
  const suspect = clockProblem(item.startedAt, item.completedAt, receivedAt) ?? null;
  // Without the campaigns the row stays unassigned (NULL) and is counted at the next start.
  const place = campaigns ? placeOf(campaigns, item.surveyId, item.respondentGroup, countedAt(item.completedAt, receivedAt, suspect), receivedAt) : undefined;
  return {
    id: item.id.toLowerCase(),
    survey_id: item.surveyId,
    survey_version: item.surveyVersion,
    respondent_group: item.respondentGroup,
    stratum: item.stratum ?? null,
    lang: item.lang,
    answers: JSON.stringify(v.answers),
    content_hash: hash,
    started_at: item.startedAt,
    completed_at: item.completedAt,
    received_at: receivedAt,
    device_id: deviceId,
    // Only the questionnaire's sections, with plausible times; the content hash keeps what was sent.
    section_times: JSON.stringify(keptSectionTimes(v.definition, item.sectionTimes)),
    campaign_id: place?.campaignId ?? null,
    completed_day: place?.day ?? null,
    clock_suspect: suspect,
  };
}

/** A checked interview with the row made from it. */
export interface RowOf {
  v: ValidItem;
  row: NewSubmission;
}

/** The content hashes of the stored rows with these ids. */
async function storedHashes(trx: Transaction<DatabaseSchema>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunksOf(ids, 1)) {
    const rows = await trx.selectFrom('submissions').select(['id', 'content_hash']).where('id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, r.content_hash);
  }
  return out;
}

const CONFLICT: Omit<SubmitResult, 'id'> = {
  status: 'rejected',
  code: 'conflict',
  message: 'An interview with this id is already stored with different content.',
};

/** One request's interviews, with the rows made from them. */
interface Batch {
  made: RowOf[];
  deviceId: string;
  receivedAt: string;
}

/**
 * Writes batches in one transaction; returns, per batch, its results by item. The first copy of
 * an id (in id order, then batch and item order) is the one inserted; later copies, in this batch
 * or another, are answered against what is stored.
 */
async function writeBatches(db: Kysely<DatabaseSchema>, batches: readonly Batch[]): Promise<Map<ValidItem, SubmitResult>[]> {
  const all = batches.flatMap((b) => b.made.map((entry) => ({ entry, deviceId: b.deviceId })));
  // A fixed order of inserts: two concurrent transactions over the same ids then wait for each
  // other instead of deadlocking (PostgreSQL). The sort is stable: batch and item order among equals.
  const ordered = [...all].sort((a, b) => (a.entry.row.id < b.entry.row.id ? -1 : a.entry.row.id > b.entry.row.id ? 1 : 0));
  const firsts = new Map<string, RowOf>();
  for (const { entry } of ordered) if (!firsts.has(entry.row.id)) firsts.set(entry.row.id, entry);
  // Each device's last contact, written in device order (the same reason).
  const lastSync = new Map<string, string>();
  for (const b of batches) if ((lastSync.get(b.deviceId) ?? '') < b.receivedAt) lastSync.set(b.deviceId, b.receivedAt);
  const results = batches.map(() => new Map<ValidItem, SubmitResult>());
  await ingestTransaction(db, async (writes) => {
    const { trx } = writes;
    const written = await writes.insert([...firsts.values()]);
    const stored = await storedHashes(trx, [...firsts.keys()].filter((id) => !written.has(id)));
    for (const { row } of firsts.values()) if (written.has(row.id)) stored.set(row.id, row.content_hash);
    batches.forEach((b, i) => {
      for (const entry of b.made) {
        const { v, row } = entry;
        if (written.has(row.id) && firsts.get(row.id) === entry) {
          results[i]!.set(v, { id: v.item.id, status: 'stored' });
          if (row.campaign_id != null && row.completed_day != null)
            writes.count({ campaignId: row.campaign_id, groupId: row.respondent_group, stratum: row.stratum ?? '', day: row.completed_day, deviceId: b.deviceId });
          continue;
        }
        const hash = stored.get(row.id);
        // Not written because a row with this id exists: it is there to read.
        if (hash === undefined) throw new Error(`interview ${row.id} was neither inserted nor found`);
        results[i]!.set(v, hash === row.content_hash ? { id: v.item.id, status: 'duplicate' } : { id: v.item.id, ...CONFLICT });
      }
    });
    for (const [deviceId, at] of [...lastSync].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      await trx.updateTable('devices').set({ last_sync_at: at }).where('id', '=', deviceId).execute();
    // The counters follow, last before the commit (./transaction).
  });
  return results;
}

/** Interviews per transaction at most when batches are written together. */
const GROUP_INTERVIEWS = 500;
/**
 * Transactions written at the same time: one on SQLite (one writer), three on PostgreSQL, so the
 * server builds and sends the next group while earlier ones wait for their commit. Concurrent
 * groups lock rows in the same order (ids, devices, counter keys) and so never deadlock.
 */
const concurrencyOf = (db: Kysely<DatabaseSchema>): number => (isSqlite(db) ? 1 : 3);

const writers = new WeakMap<Kysely<DatabaseSchema>, GroupCommit<Batch, Map<ValidItem, SubmitResult>>>();

function writerFor(db: Kysely<DatabaseSchema>): GroupCommit<Batch, Map<ValidItem, SubmitResult>> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupCommit((batches) => writeBatches(db, batches), { sizeOf: (b) => b.made.length, maxSize: GROUP_INTERVIEWS, concurrency: concurrencyOf(db) });
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Stores the items; resolves only after the transaction holding them has committed (durably:
 * SQLite runs with synchronous=FULL, PostgreSQL commits are durable by default). Batches sent at
 * the same time by several devices share a transaction (./group-commit). Returns results by item.
 * Pass the catalog's campaigns so the interviews count towards their quotas at once.
 */
export async function storeBatch(
  db: Kysely<DatabaseSchema>,
  items: readonly ValidItem[],
  deviceId: string,
  receivedAt: string,
  campaigns?: Campaigns,
): Promise<Map<ValidItem, SubmitResult>> {
  if (items.length === 0) return new Map();
  // Rows, content hashes and scores are made before the transaction, which then holds its
  // connection (SQLite: the only one) for the database's work alone.
  const made: RowOf[] = items.map((v) => ({ v, row: rowOf(v, deviceId, receivedAt, campaigns) }));
  return writerFor(db).submit({ made, deviceId, receivedAt });
}
