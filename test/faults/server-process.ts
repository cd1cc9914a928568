/**
 * The collection server as a real process for the crash tests: one Node process (no tsx wrapper
 * process in between, so SIGKILL reaches the server itself), on 127.0.0.1, a port of its own,
 * its own data folder or PostgreSQL database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresUrl, withDatabaseName } from '../server/harness';
import { processEnv, ROOT } from '../server/process-helpers';

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Resolves with the exit signal or code once the process is gone. */
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts `src/server/main.ts` with `env` added; resolves when it prints where its API is. */
export async function startServerProcess(env: Record<string, string>, startTimeoutMs = 45_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...processEnv(env), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${startTimeoutMs} ms:\n${out}`));
    }, startTimeoutMs);
    const look = () => {
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(how)}) before it started:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited };
}

/** Kills the process at once (no shutdown code runs) and waits until it is gone. */
export async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  const how = await server.exited;
  if (how !== 'SIGKILL') throw new Error(`the server ended with ${String(how)}, not SIGKILL:\n${server.output()}`);
}

/** A fresh PostgreSQL database next to DATABASE_URL's, with its URL and a dropper. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresUrl();
  if (!base) throw new Error('needs DATABASE_URL');
  const name = `fault_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
