// @vitest-environment node
/**
 * The coordinator CLI reads the server's configuration: DATA_DIR for SQLite, DATABASE_URL for
 * PostgreSQL, and says first which database it uses; `devices` counts interviews from the counters.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceSummaries, redeemEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { validSipasSubmission } from './fixtures';
import { describeEachDatabase, freshPostgresDatabase, postgresUrl, startTestServer } from './harness';
import type { TestServer } from './harness';
import { post } from './http';
import { processEnv, ROOT, tempDir, TSX } from './process-helpers';

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(TSX, ['src/server/cli.ts', ...args], { cwd: ROOT, env: processEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the coordinator CLI names its database', () => {
  it('SQLite in DATA_DIR when DATABASE_URL is unset', () => {
    const dataDir = tempDir('data-');
    const r = cli(['devices'], { DATA_DIR: dataDir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`Database: SQLite, ${join(dataDir, 'survey.sqlite')}`);
  }, 60_000);

  it('says why it cannot open the database, after naming it', () => {
    const r = cli(['devices'], { DATA_DIR: tempDir('data-'), DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/none' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Database: PostgreSQL, postgresql://nobody:***@127.0.0.1:1/none');
    expect(r.stderr).toContain('Cannot open the database (DATABASE_URL)');
    expect(r.stderr).not.toContain('secret');
  }, 60_000);

  it.skipIf(!postgresUrl())(`PostgreSQL from DATABASE_URL, as the server uses it${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, async () => {
    const pgdb = await freshPostgresDatabase();
    cleanups.push(pgdb.drop);
    const dataDir = tempDir('data-');
    const env = { DATA_DIR: dataDir, DATABASE_URL: pgdb.url };
    const issued = cli(['enrol', '--name', 'Trần B'], env);
    expect(issued.status, issued.stderr).toBe(0);
    expect(issued.stderr.split('\n')[0]).toBe(`Database: PostgreSQL, ${pgdb.url}`);
    const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\b/.exec(issued.stdout)?.[1] ?? '';

    // The code is in PostgreSQL, and no SQLite file was made.
    const database = await openDatabase({ databaseUrl: pgdb.url, dataDir });
    const device = await redeemEnrolmentCode(database.db, code, 'tablet').finally(() => database.close());
    expect(existsSync(join(dataDir, 'survey.sqlite'))).toBe(false);

    const listed = cli(['devices'], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stderr).toMatch(/^Database: PostgreSQL, /);
    expect(listed.stdout).toContain(device.deviceId);
    expect(listed.stdout).toContain('interviews 0');
  }, 60_000);
});

describeEachDatabase('npm run devices counts interviews per device', (kind) => {
  let server: TestServer;
  afterEach(async () => server.close());

  it('from the activity counters, with the interviews not counted yet', async () => {
    server = await startTestServer({ database: kind });
    const a = await server.enrolDevice('A');
    const b = await server.enrolDevice('B');
    await server.enrolDevice('C');
    const items = [validSipasSubmission(), validSipasSubmission(), validSipasSubmission()];
    expect((await post(server, '/api/submissions', { items }, { token: a.token })).status).toBe(200);
    expect((await post(server, '/api/submissions', { items: [validSipasSubmission()] }, { token: b.token })).status).toBe(200);
    // A resend is not counted twice.
    expect((await post(server, '/api/submissions', { items: items.slice(0, 1) }, { token: a.token })).status).toBe(200);

    // One of A's interviews as stored before it was counted (no campaign yet, not in the counters).
    const { db } = server.database;
    const row = await db.selectFrom('submissions').select(['id', 'campaign_id', 'completed_day']).where('id', '=', items[0]!.id).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('submissions').set({ campaign_id: null, completed_day: null }).where('id', '=', row.id).execute();
      await trx
        .updateTable('activity_counts')
        .set((eb) => ({ count: eb('count', '-', 1) }))
        .where('campaign_id', '=', row.campaign_id ?? '')
        .where('day', '=', row.completed_day ?? '')
        .where('device_id', '=', a.deviceId)
        .execute();
    });

    const counts = Object.fromEntries((await deviceSummaries(db, { uncounted: true })).map((d) => [d.name, d.interviews]));
    expect(counts).toEqual({ A: 3, B: 1, C: 0 });
  });
});
