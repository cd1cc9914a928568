/**
 * The schema's migrations, in code so they ship with the server. Written with Kysely's schema
 * builder only, so SQLite and PostgreSQL run the same statements. Never edit a migration that
 * has run somewhere: add a new one.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
