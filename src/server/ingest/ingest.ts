/**
 * Ingesting checked submissions from a device: each item is checked on its own with the engine,
 * the valid ones are written in one transaction, and the results (one per item, in order) are
 * returned only after that transaction has committed. POST /api/submissions and the backup
 * import (POST /api/backups, `npm run import-backup`) both go through here.
 */
import type { Kysely } from 'kysely';
import type { Submission, SubmitResult } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { checkItem } from './check-item';
import { storeBatch, type ValidItem } from './store';

/** An item already decided before checking (not a well-formed submission): its result as it is. */
export interface Decided {
  result: SubmitResult;
}

export async function ingestItems(
  db: Kysely<DatabaseSchema>,
  catalog: Catalog,
  items: readonly (Submission | Decided)[],
  deviceId: string,
  now = new Date(),
): Promise<SubmitResult[]> {
  // Versions a newer server process of this database loaded (a rolling deploy) are taken from there.
  await learnVersions(db, catalog, items.flatMap((entry) => ('result' in entry ? [] : [{ surveyId: entry.surveyId, version: entry.surveyVersion }])));
  const slots: (SubmitResult | ValidItem)[] = items.map((entry) => {
    if ('result' in entry) return entry.result;
    const checked = checkItem(catalog, entry, now);
    return checked.ok ? { item: entry, answers: checked.answers, definition: checked.definition } : checked.result;
  });
  const valid = slots.filter((s): s is ValidItem => 'item' in s);
  // The campaigns: interviews count towards their quotas in the same transaction.
  const stored = await storeBatch(db, valid, deviceId, now.toISOString(), catalog.campaigns);
  return slots.map((s) => {
    if (!('item' in s)) return s;
    const result = stored.get(s);
    if (!result) throw new Error(`no result for item ${s.item.id}`);
    return result;
  });
}
