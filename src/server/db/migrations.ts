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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
