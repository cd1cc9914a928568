// @vitest-environment node
/**
 * Migrations run on a database that already holds rows, as a server being upgraded meets it:
 * the schema is brought to the migration before, rows are written as that version wrote them, then
 * the server's own migrateToLatest runs. On SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../src/server/campaigns/day';
import { migrationProvider } from '../../src/server/db/migrations';
import { migrateToLatest, openDatabase } from '../../src/server/db/open';
import type { DatabaseSchema, NewSubmission } from '../../src/server/db/schema';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { countUnassigned } from '../../src/server/ingest/counting';
import { CAMPAIGN_ID, CURRENT_CAMPAIGN_ID } from './campaign-fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, freshPostgresDatabase, postgresUrl } from './harness';
import type { DatabaseKind } from './harness';

/** An empty database of this kind, with no migration run. */
async function emptyDatabase(kind: DatabaseKind): Promise<{ db: Kysely<DatabaseSchema>; close: () => Promise<void> }> {
  if (kind === 'postgres') {
    const fresh = await freshPostgresDatabase();
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 2 }) }) });
    return { db, close: async () => (await db.destroy(), await fresh.drop()) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'survey-migration-test-'));
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: new SqliteDatabase(join(dir, 'survey.sqlite')) }) });
  return { db, close: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
}

async function migrateTo(db: Kysely<DatabaseSchema>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(name);
  if (error) throw error;
}

const DEVICE = 'device-1';
const RECEIVED = '2026-12-01T03:00:00.000Z';
const RECEIVED_DAY = '2026-12-01';

/** A row as versions 0004 wrote it: counted on its completion day in Vietnam, whatever the clock said. */
function oldRow(id: string, startedAt: string, completedAt: string, counted = true): NewSubmission {
  return {
    id,
    survey_id: 'sipas-citizen',
    survey_version: 1,
    respondent_group: 'citizen',
    stratum: 'dong-hoi',
    lang: 'vi',
    answers: '{}',
    content_hash: id,
    started_at: startedAt,
    completed_at: completedAt,
    received_at: RECEIVED,
    device_id: DEVICE,
    section_times: '{}',
    campaign_id: counted ? CAMPAIGN_ID : null,
    completed_day: counted ? (vietnamDay(completedAt) ?? null) : null,
  };
}

describeEachDatabase('migrations on a database holding rows', (kind) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('0005 marks the interviews whose device clock is suspect and moves their per-day counts to the day received', async () => {
    const opened = await emptyDatabase(kind);
    close = opened.close;
    const { db } = opened;
    await migrateTo(db, '0004_score_parts');

    const rows = {
      plain: oldRow('a-plain', '2024-11-05T09:00:00.000+07:00', '2024-11-05T09:17:30.000+07:00'),
      year10000: oldRow('b-year-10000', '2024-11-05T09:00:00.000+07:00', '9999-12-31T23:59:59.000-12:00'),
      year10000b: oldRow('c-year-10000', '2024-11-06T09:00:00.000+07:00', '9999-12-31T23:59:59.000-12:00'),
      backwards: oldRow('d-backwards', '2024-11-05T09:17:30.000+07:00', '2024-11-05T09:00:00.000+07:00'),
      uncounted: oldRow('e-uncounted', '1970-01-01T00:00:00.000Z', '1970-01-01T00:20:00.000Z', false),
    };
    expect(rows.year10000.completed_day).toBe('+010000-01');
    await db.insertInto('devices').values({ id: DEVICE, name: 'Trần Văn A', label: null, token_hash: 'h', created_at: RECEIVED, last_seen_at: null, revoked_at: null }).execute();
    await db.insertInto('submissions').values(Object.values(rows)).execute();
    await db
      .insertInto('activity_counts')
      .values([
        { campaign_id: CAMPAIGN_ID, day: '2024-11-05', device_id: DEVICE, count: 2 },
        { campaign_id: CAMPAIGN_ID, day: '+010000-01', device_id: DEVICE, count: 2 },
        { campaign_id: CAMPAIGN_ID, day: RECEIVED_DAY, device_id: DEVICE, count: 5 },
      ])
      .execute();

    await migrateToLatest(db);

    const stored = await db.selectFrom('submissions').select(['id', 'clock_suspect', 'completed_day', 'campaign_id']).orderBy('id').execute();
    expect(stored).toEqual([
      { id: 'a-plain', clock_suspect: null, completed_day: '2024-11-05', campaign_id: CAMPAIGN_ID },
      { id: 'b-year-10000', clock_suspect: 'future', completed_day: RECEIVED_DAY, campaign_id: CAMPAIGN_ID },
      { id: 'c-year-10000', clock_suspect: 'future', completed_day: RECEIVED_DAY, campaign_id: CAMPAIGN_ID },
      { id: 'd-backwards', clock_suspect: 'before_start', completed_day: RECEIVED_DAY, campaign_id: CAMPAIGN_ID },
      { id: 'e-uncounted', clock_suspect: 'too_early', completed_day: null, campaign_id: null },
    ]);
    const days = async () =>
      (await db.selectFrom('activity_counts').select(['day', 'count']).orderBy('day').execute()).map((r) => ({ day: r.day, count: Number(r.count) }));
    expect(await days()).toEqual([
      { day: '2024-11-05', count: 1 },
      { day: RECEIVED_DAY, count: 8 },
    ]);

    // The row not counted yet is counted at the next start, on the day received too: in the campaign
    // running that day (the 2026 one), beside the 8 the 2021 campaign has on that day.
    expect(await countUnassigned(db, loadCatalog(DEFINITIONS_DIR).campaigns)).toBe(1);
    expect(await db.selectFrom('submissions').select(['completed_day', 'campaign_id']).where('id', '=', 'e-uncounted').executeTakeFirst()).toEqual({
      completed_day: RECEIVED_DAY,
      campaign_id: CURRENT_CAMPAIGN_ID,
    });
    const perCampaign = (await db.selectFrom('activity_counts').select(['campaign_id', 'day', 'count']).orderBy('day').orderBy('campaign_id').execute()).map((r) => ({
      campaign: r.campaign_id,
      day: r.day,
      count: Number(r.count),
    }));
    expect(perCampaign).toEqual([
      { campaign: CAMPAIGN_ID, day: '2024-11-05', count: 1 },
      { campaign: CAMPAIGN_ID, day: RECEIVED_DAY, count: 8 },
      { campaign: CURRENT_CAMPAIGN_ID, day: RECEIVED_DAY, count: 1 },
    ]);
  });
});

describeEachDatabase('migration 0011 on stored score totals', (kind) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('sums the breakdown totals of every stratum into one row per group, and leaves the rest as it was', async () => {
    const opened = await emptyDatabase(kind);
    close = opened.close;
    const { db } = opened;
    await migrateTo(db, '0010_score_spread');
    const row = (group: string, stratum: string, key: string, v: number) => ({
      campaign_id: CAMPAIGN_ID,
      survey_id: 'sipas-citizen',
      survey_version: 1,
      group_id: group,
      stratum,
      part_key: key,
      sum: v,
      count: v + 1,
      interviews: v + 2,
      resp_n: v + 3,
      resp_sum: v + 4,
      resp_sq: v + 5,
    });
    await db
      .insertInto('score_totals')
      .values([
        row('citizen', 'dong-hoi', 'sex=1@access', 10),
        row('citizen', 'le-thuy', 'sex=1@access', 20),
        row('citizen', 'le-thuy', 'sex=1@', 0),
        row('citizen', 'dong-hoi', 'access', 7),
        row('citizen', 'le-thuy', '', 0),
        // A group without strata: its rows are at '' already.
        row('official', '', 'sex=2@access', 5),
      ])
      .execute();

    await migrateToLatest(db);

    const stored = await db.selectFrom('score_totals').selectAll().orderBy('group_id').orderBy('stratum').orderBy('part_key').execute();
    const view = stored.map((r) => [r.group_id, r.stratum, r.part_key, ...[r.sum, r.count, r.interviews, r.resp_n, r.resp_sum, r.resp_sq].map(Number)]);
    expect(view).toEqual([
      ['citizen', '', 'sex=1@', 0, 1, 2, 3, 4, 5],
      ['citizen', '', 'sex=1@access', 30, 32, 34, 36, 38, 40],
      ['citizen', 'dong-hoi', 'access', 7, 8, 9, 10, 11, 12],
      ['citizen', 'le-thuy', '', 0, 1, 2, 3, 4, 5],
      ['official', '', 'sex=2@access', 5, 6, 7, 8, 9, 10],
    ]);
  });
});

describeEachDatabase('servers opening one fresh database at the same moment', (kind) => {
  it('all open it: the migrations run once, the others wait for them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'migrate-together-'));
    const fresh = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
    try {
      const opened = await Promise.allSettled([0, 1, 2].map(() => openDatabase({ dataDir, databaseUrl: fresh?.url })));
      expect(opened.map((o) => (o.status === 'fulfilled' ? 'opened' : String(o.reason)))).toEqual(['opened', 'opened', 'opened']);
      const handles = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const names = await handles[0]!.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(names).toHaveLength(Object.keys(await migrationProvider.getMigrations()).length);
      for (const h of handles) await h.close();
    } finally {
      await fresh?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!postgresUrl())(`migration 0013 on PostgreSQL${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => {
  it('keeps the counter tables\' pages half empty, so their many updates can stay beside the old rows (HOT)', async () => {
    const opened = await emptyDatabase('postgres');
    try {
      await migrateToLatest(opened.db);
      const r = await sql<{ relname: string; reloptions: string[] | null }>`select relname, reloptions from pg_class
        where relname in ('score_totals', 'quota_counts', 'activity_counts', 'submissions') order by relname`.execute(opened.db);
      expect(r.rows.map((x) => [x.relname, x.reloptions])).toEqual([
        ['activity_counts', ['fillfactor=50']],
        ['quota_counts', ['fillfactor=50']],
        ['score_totals', ['fillfactor=50']],
        ['submissions', null],
      ]);
    } finally {
      await opened.close();
    }
  });
});
