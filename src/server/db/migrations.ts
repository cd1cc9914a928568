/**
 * The schema's migrations, in code so they ship with the server. Written with Kysely's schema
 * builder only, so SQLite and PostgreSQL run the same statements. Never edit a migration that
 * has run somewhere: add a new one.
 */
import { SqliteAdapter, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { vietnamDay } from '../campaigns/day';
import { clockProblem } from '../ingest/clock';

const migrations: Record<string, Migration> = {
  '0001_devices_codes_submissions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('enrolment_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .execute();

      await db.schema
        .createTable('submissions')
        // The primary key is the unique constraint that makes a resend harmless.
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('survey_version', 'integer', (c) => c.notNull())
        .addColumn('respondent_group', 'text', (c) => c.notNull())
        .addColumn('stratum', 'text')
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('section_times', 'text', (c) => c.notNull())
        .execute();

      // Quota counting: per questionnaire, group and stratum.
      await db.schema
        .createIndex('submissions_quota_idx')
        .on('submissions')
        .columns(['survey_id', 'respondent_group', 'stratum'])
        .execute();
      await db.schema.createIndex('submissions_device_idx').on('submissions').column('device_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('submissions').execute();
      await db.schema.dropTable('enrolment_codes').execute();
      await db.schema.dropTable('devices').execute();
    },
  },
  '0002_campaigns_quotas_coordinators': {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite adds one at a time. NULL campaign_id marks rows stored
      // before this migration; the server assigns and counts them at its next start.
      await db.schema.alterTable('submissions').addColumn('campaign_id', 'text').execute();
      await db.schema.alterTable('submissions').addColumn('completed_day', 'text').execute();
      await db.schema.alterTable('devices').addColumn('last_sync_at', 'text').execute();
      await db.schema.createIndex('submissions_campaign_idx').on('submissions').column('campaign_id').execute();
      // Exports read one questionnaire version in order of arrival, in batches.
      await db.schema
        .createIndex('submissions_export_idx')
        .on('submissions')
        .columns(['survey_id', 'survey_version', 'received_at', 'id'])
        .execute();

      await db.schema
        .createTable('quota_counts')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('stratum', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('quota_counts_pk', ['campaign_id', 'group_id', 'stratum'])
        .execute();
      await db.schema
        .createTable('activity_counts')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('activity_counts_pk', ['campaign_id', 'day', 'device_id'])
        .execute();

      await db.schema
        .createTable('coordinators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('coordinator_id', 'text', (c) => c.notNull().references('coordinators.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_coordinator_idx').on('sessions').column('coordinator_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sessions').execute();
      await db.schema.dropTable('coordinators').execute();
      await db.schema.dropTable('activity_counts').execute();
      await db.schema.dropTable('quota_counts').execute();
      await db.schema.dropIndex('submissions_export_idx').execute();
      await db.schema.dropIndex('submissions_campaign_idx').execute();
      await db.schema.alterTable('devices').dropColumn('last_sync_at').execute();
      await db.schema.alterTable('submissions').dropColumn('completed_day').execute();
      await db.schema.alterTable('submissions').dropColumn('campaign_id').execute();
    },
  },
  '0003_respondent_links': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('respondent_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // sha256 of the normalised token; the token itself is never stored.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('survey_version', 'integer', (c) => c.notNull())
        .addColumn('respondent_group', 'text', (c) => c.notNull())
        .addColumn('stratum', 'text')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single', 'shared')`))
        .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses >= 1`))
        // Consumed by a conditional update in the transaction that stores the interview.
        .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0).check(sql`uses >= 0 and uses <= max_uses`))
        .addColumn('label', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('respondent_links_list_idx').on('respondent_links').columns(['campaign_id', 'respondent_group', 'created_at']).execute();
      // Interviews started through a link: whether policy "stop" lets one through, and what is in progress.
      await db.schema
        .createTable('link_starts')
        .addColumn('link_id', 'text', (c) => c.notNull().references('respondent_links.id'))
        .addColumn('interview_id', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('link_starts_pk', ['link_id', 'interview_id'])
        .execute();
      // One column per statement (SQLite). Every row before this one was an enumerator's interview.
      await db.schema.alterTable('submissions').addColumn('mode', 'text', (c) => c.notNull().defaultTo('interviewer')).execute();
      await db.schema.alterTable('submissions').addColumn('link_id', 'text', (c) => c.references('respondent_links.id')).execute();
      await db.schema.createIndex('submissions_link_idx').on('submissions').column('link_id').execute();
      // Link interviews have no enumerator's device: they belong to this reserved row, which no
      // token can match (its token_hash is not a sha256) and which is revoked from the start, so
      // it is listed only where it has interviews.
      const now = new Date().toISOString();
      await sql`insert into devices (id, name, label, token_hash, created_at, last_seen_at, revoked_at)
        values ('respondent-links', 'Tự điền qua liên kết / Self-administered (link)', null, 'reserved:respondent-links', ${now}, null, ${now})`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      // The reserved device row stays: link interviews (now mode-less) still belong to it.
      await db.schema.dropIndex('submissions_link_idx').execute();
      await db.schema.alterTable('submissions').dropColumn('link_id').execute();
      await db.schema.alterTable('submissions').dropColumn('mode').execute();
      await db.schema.dropTable('link_starts').execute();
      await db.schema.dropTable('respondent_links').execute();
    },
  },
  '0004_score_parts': {
    async up(db: Kysely<unknown>) {
      // The scoring an interview's contributions were computed with (a hash of the definition's
      // scoring block); NULL: none yet. Rows stored before this migration are scored at start.
      await db.schema.alterTable('submissions').addColumn('scoring_hash', 'text').execute();
      // What each interview contributes per scored leaf (component, or papi part).
      await db.schema
        .createTable('score_parts')
        .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
        .addColumn('part_key', 'text', (c) => c.notNull())
        .addColumn('sum', 'double precision', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('score_parts_pk', ['submission_id', 'part_key'])
        .execute();
      // Those contributions summed per campaign, questionnaire version, group and stratum, kept in
      // the transactions that write score_parts, so the dashboard reads a small table.
      await db.schema
        .createTable('score_totals')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('survey_version', 'integer', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('stratum', 'text', (c) => c.notNull())
        .addColumn('part_key', 'text', (c) => c.notNull())
        .addColumn('sum', 'double precision', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('interviews', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('score_totals_pk', ['campaign_id', 'survey_id', 'survey_version', 'group_id', 'stratum', 'part_key'])
        .execute();
      // Exports read one questionnaire version's totals.
      await db.schema.createIndex('score_totals_survey_idx').on('score_totals').columns(['survey_id', 'survey_version']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('score_totals').execute();
      await db.schema.dropTable('score_parts').execute();
      await db.schema.alterTable('submissions').dropColumn('scoring_hash').execute();
    },
  },
  '0005_clock_suspect': {
    async up(db: Kysely<unknown>) {
      const run = async (trx: Kysely<unknown>) => {
        // Why the device's clock is not believed (src/server/ingest/clock.ts); NULL: plausible.
        await trx.schema.alterTable('submissions').addColumn('clock_suspect', 'text').execute();
        await markSuspectClocks(trx as unknown as Kysely<ClockTables>);
      };
      // All or nothing on both databases (on SQLite the migrator opens no transaction): a start
      // stopped halfway through leaves neither the column nor half the counts moved.
      if (db.isTransaction) await run(db);
      else await db.transaction().execute(run);
    },
    async down(db: Kysely<unknown>) {
      // Days moved by `up` stay on the day received.
      await db.schema.alterTable('submissions').dropColumn('clock_suspect').execute();
    },
  },
  '0006_scoring_start_indexes': {
    async up(db: Kysely<unknown>) {
      // The rows whose scores are not computed with the current scoring, found without reading the
      // others: per questionnaire version, by fingerprint (NULL, below or above the current one).
      await db.schema
        .createIndex('submissions_scoring_idx')
        .on('submissions')
        .columns(['survey_id', 'survey_version', 'scoring_hash', 'id'])
        .execute();
      // The rows not yet counted towards a campaign (stored before 0002): usually none, so tiny.
      await db.schema.createIndex('submissions_unassigned_idx').on('submissions').column('id').where(sql.ref('campaign_id'), 'is', null).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('submissions_unassigned_idx').execute();
      await db.schema.dropIndex('submissions_scoring_idx').execute();
    },
  },
  '0007_shared_limits_and_versions': {
    async up(db: Kysely<unknown>) {
      // The rate limits' counters (src/server/db/limit-counters.ts), shared by every server process.
      // UNLOGGED: no write-ahead log and no flush per count. SQLite keeps them in a file of its own.
      if (!(db.getExecutor().adapter instanceof SqliteAdapter))
        await db.schema
          .createTable('rate_limits')
          .modifyFront(sql`unlogged`)
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addColumn('reset_at', 'bigint', (c) => c.notNull())
          .execute();
      // Every questionnaire version loaded by a server of this database (src/server/definitions/shared.ts).
      await db.schema
        .createTable('questionnaire_versions')
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('first_loaded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('questionnaire_versions_pk', ['survey_id', 'version'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('questionnaire_versions').execute();
      await db.schema.dropTable('rate_limits').ifExists().execute();
    },
  },
  '0008_questionnaires_from_the_web': {
    async up(db: Kysely<unknown>) {
      // Who published a version from the coordinators' pages (source 'web'), and when it was retired.
      // Versions of files keep source 'file': a deployment may correct them, never a web version.
      await db.schema.alterTable('questionnaire_versions').addColumn('source', 'text', (c) => c.notNull().defaultTo('file')).execute();
      await db.schema.alterTable('questionnaire_versions').addColumn('published_by', 'text').execute();
      await db.schema.alterTable('questionnaire_versions').addColumn('retired_at', 'text').execute();
      // Uploaded questionnaires not published yet (src/server/questionnaires/drafts.ts).
      await db.schema
        .createTable('questionnaire_drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('version_in_file', 'integer')
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('questionnaire_drafts').execute();
      await db.schema.alterTable('questionnaire_versions').dropColumn('retired_at').execute();
      await db.schema.alterTable('questionnaire_versions').dropColumn('published_by').execute();
      await db.schema.alterTable('questionnaire_versions').dropColumn('source').execute();
    },
  },
  '0009_campaigns_roles_audit': {
    async up(db: Kysely<unknown>) {
      const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
      // Campaigns set up from the coordinators' pages; the files of survey-definitions/campaigns/
      // are copied in when their id is missing (src/server/campaigns/store.ts).
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      // Roles: the first account administers, later ones coordinate unless made administrators.
      await db.schema.alterTable('coordinators').addColumn('role', 'text', (c) => c.notNull().defaultTo('coordinator')).execute();
      await db.schema.alterTable('coordinators').addColumn('disabled_at', 'text').execute();
      await db.schema.alterTable('coordinators').addColumn('last_login_at', 'text').execute();
      await sql`update coordinators set role = 'admin' where id = (select id from coordinators order by created_at, id limit 1)`.execute(db);
      // Who changed what, when (src/server/audit.ts).
      await db.schema
        .createTable('audit_log')
        .addColumn('id', sqlite ? 'integer' : 'bigserial', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('changes', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.alterTable('coordinators').dropColumn('last_login_at').execute();
      await db.schema.alterTable('coordinators').dropColumn('disabled_at').execute();
      await db.schema.alterTable('coordinators').dropColumn('role').execute();
      await db.schema.dropTable('campaigns').execute();
    },
  },
  '0010_score_spread': {
    async up(db: Kysely<unknown>) {
      // Each key's totals also keep its respondents and the sum and square sum of their own values
      // (per-respondent scores and intervals). Contributions gain criteria, respondents' overall
      // scores and breakdowns: every interview is scored again in the background after start.
      for (const column of ['resp_n', 'resp_sum', 'resp_sq'])
        await db.schema.alterTable('score_totals').addColumn(column, 'double precision', (c) => c.notNull().defaultTo(0)).execute();
      await db.deleteFrom('score_parts' as never).execute();
      await db.deleteFrom('score_totals' as never).execute();
      await sql`update submissions set scoring_hash = null where scoring_hash is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const column of ['resp_sq', 'resp_sum', 'resp_n']) await db.schema.alterTable('score_totals').dropColumn(column).execute();
    },
  },
  '0011_breakdowns_across_strata': {
    async up(db: Kysely<unknown>) {
      // Breakdown totals ("sex=2@…") are kept per campaign, version and group, over every stratum
      // (stratum ''), as ingest now adds them: the rows per stratum are summed into those.
      await sql`
        insert into score_totals (campaign_id, survey_id, survey_version, group_id, stratum, part_key, sum, count, interviews, resp_n, resp_sum, resp_sq)
        select campaign_id, survey_id, survey_version, group_id, '', part_key, sum(sum), sum(count), sum(interviews), sum(resp_n), sum(resp_sum), sum(resp_sq)
        from score_totals where part_key like '%@%' and stratum <> ''
        group by campaign_id, survey_id, survey_version, group_id, part_key
        on conflict (campaign_id, survey_id, survey_version, group_id, stratum, part_key) do update set
          sum = score_totals.sum + excluded.sum, count = score_totals.count + excluded.count,
          interviews = score_totals.interviews + excluded.interviews, resp_n = score_totals.resp_n + excluded.resp_n,
          resp_sum = score_totals.resp_sum + excluded.resp_sum, resp_sq = score_totals.resp_sq + excluded.resp_sq`.execute(db);
      await sql`delete from score_totals where part_key like '%@%' and stratum <> ''`.execute(db);
    },
    async down() {
      // Nothing to undo: readers sum breakdown rows over the strata, so either layout reads the same.
    },
  },
  '0012_scores_on_the_row': {
    async up(db: Kysely<unknown>) {
      // Each interview's contributions as one JSON text on its row, written with it, rather than a
      // row of score_parts each (a few dozen per interview). Interviews scored before keep theirs in
      // score_parts until they are scored again: nothing is rewritten at the upgrade.
      await db.schema.alterTable('submissions').addColumn('scores', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').dropColumn('scores').execute();
    },
  },
  '0013_counter_tables_fillfactor': {
    async up(db: Kysely<unknown>) {
      // PostgreSQL: the counter tables' rows are updated by every ingest transaction. Pages kept half
      // empty let each update write the new row version beside the old one without touching the
      // indexes (a HOT update), so the many updates of a few rows stay cheap. Nothing on SQLite.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      for (const table of ['score_totals', 'quota_counts', 'activity_counts']) await sql`alter table ${sql.table(table)} set (fillfactor = 50)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      for (const table of ['score_totals', 'quota_counts', 'activity_counts']) await sql`alter table ${sql.table(table)} reset (fillfactor)`.execute(db);
    },
  },
  '0014_score_deltas': {
    async up(db: Kysely<unknown>) {
      // What each ingest transaction adds to score_totals, as one row of JSON, folded into the totals
      // in the background (../scores/fold): a transaction no longer waits for, or holds, total rows
      // that every other transaction (and every other server process) also updates.
      const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
      await db.schema
        .createTable('score_deltas')
        .addColumn('id', sqlite ? 'integer' : 'bigserial', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('totals', 'text', (c) => c.notNull())
        // Whether it takes interviews off (re-scoring): the fold then removes the rows left empty.
        .addColumn('subtracts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('score_deltas').execute();
    },
  },
  '0015_score_deltas_queued_at': {
    async up(db: Kysely<unknown>) {
      // When each delta was queued: the background fold adds deltas into score_totals once the
      // oldest has waited a few seconds, whichever process folds (../scores/fold).
      await db.schema.alterTable('score_deltas').addColumn('queued_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('score_deltas').dropColumn('queued_at').execute();
    },
  },
};

/** The columns migration 0005 reads and writes. */
interface ClockTables {
  submissions: {
    id: string;
    started_at: string;
    completed_at: string;
    received_at: string;
    device_id: string;
    campaign_id: string | null;
    completed_day: string | null;
    clock_suspect: string | null;
  };
  activity_counts: { campaign_id: string; day: string; device_id: string; count: number };
}

/**
 * Marks the stored interviews whose device clock is suspect, and moves each counted one to the day
 * it was received in the per-day counts (activity_counts), as ingest now counts them. Its campaign
 * stays the one it was counted towards, so the quota and score counters need no change. Rows not
 * counted yet (no campaign) are counted at the next start, on the day received.
 */
async function markSuspectClocks(db: Kysely<ClockTables>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('submissions')
      .select(['id', 'started_at', 'completed_at', 'received_at', 'device_id', 'campaign_id', 'completed_day'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    for (const r of rows) {
      const problem = clockProblem(r.started_at, r.completed_at, r.received_at);
      if (problem === undefined) continue;
      const day = r.completed_day === null ? null : (vietnamDay(r.received_at) ?? r.received_at.slice(0, 10));
      await db.updateTable('submissions').set({ clock_suspect: problem, completed_day: day }).where('id', '=', r.id).execute();
      if (r.campaign_id === null || r.completed_day === null || day === null || day === r.completed_day) continue;
      const key = { campaign_id: r.campaign_id, device_id: r.device_id };
      await db
        .updateTable('activity_counts')
        .set((eb) => ({ count: eb('count', '-', 1) }))
        .where('campaign_id', '=', key.campaign_id)
        .where('device_id', '=', key.device_id)
        .where('day', '=', r.completed_day)
        .execute();
      await db
        .deleteFrom('activity_counts')
        .where('campaign_id', '=', key.campaign_id)
        .where('device_id', '=', key.device_id)
        .where('day', '=', r.completed_day)
        .where('count', '<=', 0)
        .execute();
      await db
        .insertInto('activity_counts')
        .values({ ...key, day, count: 1 })
        .onConflict((oc) => oc.columns(['campaign_id', 'day', 'device_id']).doUpdateSet((eb) => ({ count: eb('activity_counts.count', '+', 1) })))
        .execute();
    }
  }
}

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
