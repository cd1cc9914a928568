// @vitest-environment node
/**
 * A device's "unsent data" file taken in by the server: POST /api/backups (device token) and
 * `npm run import-backup -- <file>` (coordinator) store its interviews through the upload's own
 * ingest: idempotent, per-interview results, and a later sync of the same interviews is a duplicate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import { issueEnrolmentCode, redeemEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { exportUnsent, outboxCounts, rejectSubmission, saveDraft, startInterview, type UnsentExport } from '../../src/store';
import { createSyncer } from '../../src/sync';
import { completeMany, sipas } from '../sync/interviews';
import { deleteDeviceDbs, deviceDb, enrol } from '../sync/setup';
import { describeEachDatabase, startTestServer, type TestServer } from './harness';
import { errorCode, post } from './http';

afterEach(deleteDeviceDbs);

/** A tablet with three completed interviews not yet sent (one refused), and a draft; its backup file. */
async function tabletBackup(server: TestServer) {
  const db = deviceDb();
  await enrol(db, server);
  const done = await completeMany(db, 3);
  await rejectSubmission(done[2]!.id, { code: 'network', message: 'kept for the test' }, db);
  await startInterview({ definition: sipas, respondentGroup: 'citizen', stratum: 'bo-trach', lang: 'vi' }, db);
  return { db, done, file: await exportUnsent(db) };
}

describeEachDatabase('POST /api/backups', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server.close());

  it('stores every interview of the file, once, and says so per interview', async () => {
    const { done, file } = await tabletBackup(server);
    const { token, deviceId } = await server.enrolDevice('Điều phối viên');
    const before = await server.countSubmissions();
    const r = await post(server, '/api/backups', file, { token });
    expect(r.status).toBe(200);
    const reply = SubmitResponse.parse(r.body);
    expect(reply.results).toEqual(done.map((d) => ({ id: d.id, status: 'stored' })));
    expect(await server.countSubmissions()).toBe(before + 3);
    const stored = await server.getSubmission(done[0]!.id);
    expect(stored).toMatchObject({ surveyId: 'sipas-citizen', answers: done[0]!.answers, sectionTimes: done[0]!.sectionTimes, deviceId });

    const again = SubmitResponse.parse((await post(server, '/api/backups', file, { token })).body);
    expect(again.results.map((x) => x.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await server.countSubmissions()).toBe(before + 3);
  });

  it('counts an interview once when the tablet later syncs it as well', async () => {
    const { db, done, file } = await tabletBackup(server);
    const { token } = await server.enrolDevice('Điều phối viên');
    await post(server, '/api/backups', file, { token });
    const before = await server.countSubmissions();
    const outcome = await createSyncer({ db, env: {} }).syncNow();
    expect(outcome).toMatchObject({ status: 'ok', acknowledged: 2 }); // the refused one stays until retried
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 1 });
    expect(await server.countSubmissions()).toBe(before);
    expect(await server.getSubmission(done[1]!.id)).toBeDefined();
  });

  it('reports an interview stored with different content as a conflict, and a malformed one as invalid', async () => {
    const { done, file } = await tabletBackup(server);
    const { token } = await server.enrolDevice();
    await post(server, '/api/backups', file, { token });
    const changed: UnsentExport = structuredClone(file);
    changed.interviews[0]!.record.answers = { ...changed.interviews[0]!.record.answers, comment: 'sửa sau' };
    changed.interviews[1]!.record.id = 'not-a-uuid';
    const reply = SubmitResponse.parse((await post(server, '/api/backups', changed, { token })).body);
    expect(reply.results[0]).toMatchObject({ id: done[0]!.id, status: 'rejected', code: 'conflict' });
    expect(reply.results[1]).toMatchObject({ id: 'not-a-uuid', status: 'rejected', code: 'invalid_request' });
    expect(reply.results[2]).toMatchObject({ status: 'duplicate' });
    expect((await server.getSubmission(done[0]!.id))?.answers).toEqual(done[0]!.answers);
  });

  it('refuses a file that is not a backup, naming why, and stores nothing', async () => {
    const { token } = await server.enrolDevice();
    const before = await server.countSubmissions();
    const wrong = await post(server, '/api/backups', { items: [] }, { token });
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('invalid_request');
    expect(JSON.stringify(wrong.body)).toContain('Not a backup of unsent interviews');
    const damaged = await post(server, '/api/backups', { format: 'governance-survey/unsent', formatVersion: 1, exportedAt: 'x', interviews: [{ record: {} }] }, { token });
    expect(damaged.status).toBe(400);
    expect(JSON.stringify(damaged.body)).toContain('interviews[0].record.id');
    expect(await server.countSubmissions()).toBe(before);
  });

  it('needs a device token', async () => {
    const { file } = await tabletBackup(server);
    const r = await post(server, '/api/backups', file);
    expect(r.status).toBe(401);
    expect(errorCode(r)).toBe('unauthorized');
  });
});

// Each step starts the CLI (about 2 s alone, more on a busy machine): a limit that only a hung process reaches.
describe('npm run import-backup', { timeout: 120_000 }, () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-backup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const r = spawnSync(TSX, ['src/server/cli.ts', 'import-backup', ...args], { cwd: ROOT, env: { ...env, DATA_DIR: join(dir, 'data') }, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('stores a backup for the device it names, idempotently, and explains a wrong file', async () => {
    // The coordinator's database knows the tablet (it enrolled there).
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    const { code } = await issueEnrolmentCode(database.db, 'Nguyễn Văn A');
    const tablet = await redeemEnrolmentCode(database.db, code, 'tablet');
    await database.close();

    const db = deviceDb();
    const record = await startInterview({ definition: sipas, respondentGroup: 'citizen', stratum: 'bo-trach', lang: 'vi' }, db);
    await saveDraft(record.id, { answers: {} }, db);
    const [one] = await completeMany(db, 1);
    const file = await exportUnsent(db);
    file.device = { deviceId: tablet.deviceId, name: 'Nguyễn Văn A', serverUrl: 'http://10.0.0.2:8080' };
    const path = join(dir, 'unsent.json');
    writeFileSync(path, JSON.stringify(file, null, 2));

    const first = cli([path]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`1 interview(s) for device ${tablet.deviceId}: 1 stored, 0 already stored, 0 refused`);
    const second = cli([path]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 stored, 1 already stored');

    const check = await openDatabase({ dataDir: join(dir, 'data') });
    const row = await check.db.selectFrom('submissions').select(['id', 'device_id']).executeTakeFirstOrThrow();
    await check.close();
    expect(row).toEqual({ id: one!.id, device_id: tablet.deviceId });

    const wrongPath = join(dir, 'wrong.json');
    writeFileSync(wrongPath, '{"hello": 1}');
    const wrong = cli([wrongPath]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Not a backup of unsent interviews');
    const noDevice = cli([path, '--device', 'nope']);
    expect(noDevice.status).toBe(1);
    expect(noDevice.stderr).toContain('There is no device nope');
    expect(cli([]).stderr).toContain('import-backup needs the backup file');
  });
});
