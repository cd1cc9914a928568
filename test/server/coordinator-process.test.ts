// @vitest-environment node
/**
 * Campaigns and coordinators as people run the server: a broken campaign stops the start, the first
 * start creates a coordinator and says how to log in, and `npm run coordinator` adds or resets one.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/server/coordinators/accounts';
import { openDatabase } from '../../src/server/db/open';
import { DEFINITIONS_DIR } from './harness';
import { processEnv, ROOT, startServerProc, tempDir, TSX } from './process-helpers';

const env = processEnv;

/** Starts the server and waits for what it prints at the start: the banner, then the coordinator notice. */
async function startAndStop(extra: Record<string, string>): Promise<{ out: string; api: string; stop: () => Promise<NodeJS.Signals | number | null> }> {
  const server = startServerProc(extra, { startTimeoutMs: 30_000 });
  const api = await server.listening;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    out: server.output(),
    api,
    stop: () => {
      server.child.kill('SIGTERM');
      return server.exited;
    },
  };
}

describe('the server process with campaigns and coordinators', () => {
  it('refuses to start with a broken campaign file, naming the file, the path and the problem', () => {
    const defs = tempDir('defs-');
    cpSync(DEFINITIONS_DIR, defs, { recursive: true });
    const file = join(defs, 'campaigns', 'quang-binh-2021.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"id": "district-leader"', '"id": "mayor"'));
    const r = spawnSync(TSX, ['src/server/main.ts'], { cwd: ROOT, env: env({ DATA_DIR: tempDir('data-'), DEFINITIONS_DIR: defs }), encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Broken campaign file:/);
    expect(r.stderr).toMatch(/campaigns\/quang-binh-2021\.json: groups\[3\]\.id: questionnaire "par-district-leaders" has no respondent group "mayor"/);
    expect(r.stderr).toMatch(/Fix the campaign file/);
  }, 60_000);

  it('creates the first coordinator with a generated password on first start, prints it once, and it logs in', async () => {
    const dataDir = tempDir('data-');
    const first = await startAndStop({ DATA_DIR: dataDir });
    try {
      expect(first.out).toContain('A coordinator account was created');
      const password = /password: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(first.out)?.[1];
      expect(password, first.out).toBeDefined();
      expect(first.out).toContain('username: admin');
      expect(first.out).toContain('/coordinator');
      const login = await fetch(`${first.api}/api/coordinator/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/^session=/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startAndStop({ DATA_DIR: dataDir });
    expect(second.out).not.toContain('A coordinator account was created');
    expect(await second.stop()).toBe(0);
  }, 60_000);

  it('takes the first coordinator from COORDINATOR_USERNAME and COORDINATOR_PASSWORD', async () => {
    const dataDir = tempDir('data-');
    const run = await startAndStop({ DATA_DIR: dataDir, COORDINATOR_USERNAME: 'so-noi-vu', COORDINATOR_PASSWORD: 'một mật khẩu dài' });
    expect(await run.stop()).toBe(0);
    expect(run.out).toContain('username: so-noi-vu');
    expect(run.out).not.toMatch(/password: [0-9A-Z]{4}-/);
    const database = await openDatabase({ dataDir });
    try {
      expect((await authenticate(database.db, 'so-noi-vu', 'một mật khẩu dài'))?.username).toBe('so-noi-vu');
    } finally {
      await database.close();
    }
  }, 60_000);
});

describe('npm run coordinator', () => {
  const cli = (args: string[], dataDir: string) => {
    const r = spawnSync(TSX, ['src/server/cli.ts', 'coordinator', ...args], { cwd: ROOT, env: env({ DATA_DIR: dataDir }), encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('adds a coordinator, resets its password, generates one when none is given, and explains mistakes', async () => {
    const dataDir = tempDir('data-');
    const added = cli(['--username', 'Hoa', '--password', 'first password'], dataDir);
    expect(added.status, added.stderr).toBe(0);
    // The first account administers; the next one coordinates unless --admin says otherwise.
    expect(added.stdout).toContain('Created the administrator "hoa"');
    const reset = cli(['--username', 'hoa', '--password', 'second password'], dataDir);
    expect(reset.stdout).toContain('Set a new password for the administrator "hoa"');
    const generated = cli(['--username', 'lan'], dataDir);
    expect(generated.stdout).toContain('Created the coordinator "lan"');
    expect(cli(['--username', 'mai', '--password', 'third password', '--admin'], dataDir).stdout).toContain('Created the administrator "mai"');
    const password = /password: (\S+)/.exec(generated.stdout)?.[1];
    expect(password, generated.stdout).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const database = await openDatabase({ dataDir });
    try {
      expect(await authenticate(database.db, 'hoa', 'first password')).toBeUndefined();
      expect((await authenticate(database.db, 'hoa', 'second password'))?.username).toBe('hoa');
      expect((await authenticate(database.db, 'lan', password ?? ''))?.username).toBe('lan');
    } finally {
      await database.close();
    }

    const short = cli(['--username', 'x', '--password', 'short'], dataDir);
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    const noName = cli([], dataDir);
    expect(noName.status).toBe(1);
    expect(noName.stderr).toContain('--username');
  }, 60_000);
});
