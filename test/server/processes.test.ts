// @vitest-environment node
/** The server and the coordinator CLI as people run them: real processes, real exit codes. */
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { redeemEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { DEFINITIONS_DIR } from './harness';
import { processEnv, ROOT, startServerProc, tempDir, TSX } from './process-helpers';

const env = processEnv;

function cli(args: string[], dataDir: string) {
  const r = spawnSync(TSX, ['src/server/cli.ts', ...args], { cwd: ROOT, env: env({ DATA_DIR: dataDir }), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the server process', () => {
  it('refuses to start with a broken questionnaire, naming the file, the path and the problem', () => {
    const defs = tempDir('defs-');
    cpSync(DEFINITIONS_DIR, defs, { recursive: true });
    writeFileSync(join(defs, 'broken.json'), JSON.stringify({ id: 'broken', version: 0 }));
    const r = spawnSync(TSX, ['src/server/main.ts'], {
      cwd: ROOT,
      env: env({ DATA_DIR: tempDir('data-'), DEFINITIONS_DIR: defs }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: version: /);
    expect(r.stderr).toMatch(/Fix the questionnaire file/);
  });

  it('starts, says where it is, answers health, and stops cleanly on SIGTERM', async () => {
    const server = startServerProc({});
    const api = await server.listening;
    const out = server.output();
    expect(out).toContain('Database:   SQLite');
    expect(out).toContain('npm run enrol -- --name');
    const health = await fetch(`${api}/api/health`);
    expect(health.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('writes an XLSX export in its own thread when it runs compiled, as npm start runs it', async () => {
    const server = startServerProc({ COORDINATOR_USERNAME: 'chi', COORDINATOR_PASSWORD: 'a-long-enough-password' });
    const api = await server.listening;
    try {
      const login = await fetch(`${api}/api/coordinator/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chi', password: 'a-long-enough-password' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const res = await fetch(`${api}/api/coordinator/exports/sipas-citizen/2.xlsx`, { headers: { cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status, body.toString().slice(0, 300)).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(body as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['data', 'labels', 'codebook', 'scores']);
      expect(book.getWorksheet('codebook')!.rowCount).toBeGreaterThan(10);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

// Each step starts a CLI process (about 2 s alone, 5 s or more on a busy machine): a limit that only a hung process reaches.
describe('the coordinator CLI', { timeout: 120_000 }, () => {
  it('issues a code a device can exchange, lists the device and revokes it', async () => {
    const dataDir = tempDir('data-');
    const issued = cli(['enrol', '--name', 'Nguyễn Văn A'], dataDir);
    expect(issued.status, issued.stderr).toBe(0);
    const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\b/.exec(issued.stdout)?.[1];
    expect(code, issued.stdout).toBeDefined();
    expect(issued.stdout).toContain('Nguyễn Văn A');

    const database = await openDatabase({ dataDir });
    const device = await redeemEnrolmentCode(database.db, code ?? '', 'tablet');
    await database.close();

    const listed = cli(['devices'], dataDir);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(device.deviceId);
    expect(listed.stdout).toContain('active');

    const revoked = cli(['revoke', '--device', device.deviceId], dataDir);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(cli(['devices'], dataDir).stdout).toContain('REVOKED');
  });

  it('accepts --name=… and a bare --name (as `npm run enrol -- --name X` passes it)', () => {
    const dataDir = tempDir('data-');
    const a = cli(['enrol', '--name=Lê C'], dataDir);
    expect(a.stdout, a.stderr).toContain('Lê C');
    const b = cli(['--name', 'Phạm D'], dataDir);
    expect(b.stdout, b.stderr).toContain('Phạm D');
  });

  it('explains what is missing and exits 1', () => {
    const dataDir = tempDir('data-');
    const noName = cli(['enrol'], dataDir);
    expect(noName.status).toBe(1);
    expect(noName.stderr).toContain('--name');
    const unknown = cli(['revoke', '--device', 'nope'], dataDir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('There is no device nope');
    expect(cli(['frobnicate'], dataDir).status).toBe(1);
  });
});
