/**
 * Writes a batch's valid interviews in one transaction and says, per interview, whether it was
 * stored now, was already stored with the same content, or clashes with different content under
 * the same id. The primary key on submissions.id decides; `ON CONFLICT DO NOTHING` lets the
 * database, not this code, settle races between resends. The same transaction counts each
 * interview it inserted towards its campaign's quota, so a count exists exactly when the row does.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Submission, SubmitResult } from '../../contract';
import type { Answers, Definition } from '../../survey';
import type { Campaigns } from '../campaigns/registry';
import type { DatabaseSchema, NewSubmission } from '../db/schema';
import { recordScores, scoresOf } from '../scores/write';
import { contentHash } from './content-hash';
import { addToCounters, placeOf } from './counting';
import type { Counted } from './counting';

export interface ValidItem {
  item: Submission;
  /** The answers to keep (the engine's view: hidden and empty answers dropped). */
  answers: Answers;
  /** The questionnaire version it was checked against (for its scores). */
  definition: Definition;
}

/** The submissions row of a checked interview (respondent links add their own mode and link). */
export function rowOf(v: ValidItem, deviceId: string, receivedAt: string, campaigns: Campaigns | undefined): NewSubmission {
  const { item } = v;
  // Without the campaigns the row stays unassigned (NULL) and is counted at the next start.
  const place = campaigns ? placeOf(campaigns, item.surveyId, item.respondentGroup, item.completedAt, receivedAt) : undefined;
  return {
    id: item.id.toLowerCase(),
    survey_id: item.surveyId,
    survey_version: item.surveyVersion,
    respondent_group: item.respondentGroup,
    stratum: item.stratum ?? null,
    lang: item.lang,
    answers: JSON.stringify(v.answers),
    content_hash: contentHash(item),
    started_at: item.startedAt,
    completed_at: item.completedAt,
    received_at: receivedAt,
    device_id: deviceId,
    section_times: JSON.stringify(item.sectionTimes),
    campaign_id: place?.campaignId ?? null,
    completed_day: place?.day ?? null,
  };
}

/**
 * Inserts one interview's row; true when this call wrote it, false when the id was already stored.
 * Everything written per stored interview belongs here, so device batches and respondent links
 * (src/server/links/submit.ts) write the same.
 */
export async function insertInterview(trx: Transaction<DatabaseSchema>, v: ValidItem, row: NewSubmission): Promise<boolean> {
  // Scores are written with the row; their totals are added with the counters (addToCounters).
  const scored = scoresOf(v.definition, v.answers, row);
  const inserted = await trx
    .insertInto('submissions')
    .values(scored ? { ...row, scoring_hash: scored.hash } : row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined && scored) await recordScores(trx, row.id, scored);
  return inserted !== undefined;
}

/**
 * Stores the items; resolves only after the transaction has committed (durably: SQLite runs
 * with synchronous=FULL, PostgreSQL commits are durable by default). Returns results by item id.
 * Pass the catalog's campaigns so the interviews count towards their quotas at once.
 */
export async function storeBatch(
  db: Kysely<DatabaseSchema>,
  items: readonly ValidItem[],
  deviceId: string,
  receivedAt: string,
  campaigns?: Campaigns,
): Promise<Map<ValidItem, SubmitResult>> {
  const results = new Map<ValidItem, SubmitResult>();
  if (items.length === 0) return results;
  // A fixed order of inserts: two concurrent batches over the same ids then wait for each other
  // instead of deadlocking (PostgreSQL).
  const ordered = [...items].sort((a, b) => (a.item.id.toLowerCase() < b.item.id.toLowerCase() ? -1 : 1));
  await db.transaction().execute(async (trx) => {
    const counted: Counted[] = [];
    for (const v of ordered) {
      const row = rowOf(v, deviceId, receivedAt, campaigns);
      if (await insertInterview(trx, v, row)) {
        results.set(v, { id: v.item.id, status: 'stored' });
        if (row.campaign_id != null && row.completed_day != null)
          counted.push({ campaignId: row.campaign_id, groupId: row.respondent_group, stratum: row.stratum ?? '', day: row.completed_day, deviceId });
        continue;
      }
      const existing = await trx.selectFrom('submissions').select('content_hash').where('id', '=', row.id).executeTakeFirstOrThrow();
      results.set(
        v,
        existing.content_hash === row.content_hash
          ? { id: v.item.id, status: 'duplicate' }
          : {
              id: v.item.id,
              status: 'rejected',
              code: 'conflict',
              message: 'An interview with this id is already stored with different content.',
            },
      );
    }
    // After every insert, in key order: see ./counting.
    await addToCounters(trx, counted);
    await trx.updateTable('devices').set({ last_sync_at: receivedAt }).where('id', '=', deviceId).execute();
  });
  return results;
}
