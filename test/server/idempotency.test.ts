// @vitest-environment node
/** The database, not only the code, keeps one row per interview id, even under concurrent resends. */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import type { NewSubmission } from '../../src/server/db/schema';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { validSipasSubmission } from './fixtures';
import { post } from './http';

describeEachDatabase('idempotency and durability', (database) => {
  let server: TestServer;
  let token: string;
  let deviceId: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    ({ token, deviceId } = await server.enrolDevice());
  });
  afterAll(() => server.close());

  it('keeps exactly one row per interview when identical batches arrive at the same time', async () => {
    const items = Array.from({ length: 20 }, () => validSipasSubmission());
    const before = await server.countSubmissions();
    const replies = await Promise.all(Array.from({ length: 4 }, () => post(server, '/api/submissions', { items }, { token })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await server.countSubmissions()).toBe(before + items.length);
    const results = replies.map((r) => SubmitResponse.parse(r.body).results);
    items.forEach((item, i) => {
      const statuses = results.map((rs) => rs[i]?.status).sort();
      expect(statuses).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
      expect(results.every((rs) => rs[i]?.id === item.id)).toBe(true);
    });
  });

  it('refuses a second row with the same id at the database level', async () => {
    const row: NewSubmission = {
      id: validSipasSubmission().id,
      survey_id: 'sipas-citizen',
      survey_version: 1,
      respondent_group: 'citizen',
      stratum: 'dong-hoi',
      lang: 'vi',
      answers: '{}',
      content_hash: 'a',
      started_at: '2024-11-05T09:00:00.000Z',
      completed_at: '2024-11-05T09:10:00.000Z',
      received_at: '2024-11-05T09:11:00.000Z',
      device_id: deviceId,
      section_times: '{}',
    };
    const { db } = server.database;
    await db.insertInto('submissions').values(row).execute();
    await expect(db.insertInto('submissions').values({ ...row, content_hash: 'b' }).execute()).rejects.toThrow(/unique|primary key|duplicate/i);
    const rows = await db.selectFrom('submissions').select('content_hash').where('id', '=', row.id).execute();
    expect(rows).toEqual([{ content_hash: 'a' }]);
  });

  it('refuses a submission row for a device that does not exist (foreign key)', async () => {
    const { db } = server.database;
    const id = validSipasSubmission().id;
    await expect(
      db
        .insertInto('submissions')
        .values({
          id,
          survey_id: 's',
          survey_version: 1,
          respondent_group: 'g',
          stratum: null,
          lang: 'vi',
          answers: '{}',
          content_hash: 'x',
          started_at: 't',
          completed_at: 't',
          received_at: 't',
          device_id: 'no-such-device',
          section_times: '{}',
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  if (database === 'sqlite') {
    it('runs SQLite in WAL mode with synchronous=FULL, so a commit is on disk before the reply', async () => {
      const { db } = server.database;
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(2);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    });
  } else {
    it('runs PostgreSQL sessions with synchronous_commit=on, so a commit is on disk before the reply', async () => {
      const { db } = server.database;
      // source 'client': set by our connection's startup options, not left to the server's configuration.
      const setting = await sql<{ s: string; source: string }>`select reset_val as s, source from pg_settings where name = 'synchronous_commit'`.execute(db);
      expect(setting.rows[0]).toEqual({ s: 'on', source: 'client' });
    });
  }
});
