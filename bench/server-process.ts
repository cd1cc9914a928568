/**
 * The collection server as it runs in production (compiled into dist-server/, as npm start runs it, in its own Node process) on
 * 127.0.0.1 with a port of its choosing, so the benchmark's own work (browser driver, HTTP
 * clients) never shares its event loop. SQLite in `dataDir`, or PostgreSQL at `databaseUrl`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildServer, SERVER_MAIN } from '../scripts/build-server.mjs';

export interface ServerProcess {
  url: string;
  /** The server's process id (its memory can be read from /proc/<pid>/status). */
  pid: number;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  root: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The built app to serve at /; none when unset. */
  appDir?: string | undefined;
}

const START_TIMEOUT_MS = 60_000;

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Compiled once per bench run, from the code as it is now. */
let compiled: Promise<void> | undefined;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  await (compiled ??= buildServer());
  const { DATABASE_URL: _db, COORDINATOR_USERNAME: _u, COORDINATOR_PASSWORD: _p, ...env } = process.env;
  // BENCH_SERVER_NODE_ARGS: extra Node options for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, SERVER_MAIN], {
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      DEFINITIONS_DIR: join(options.root, 'survey-definitions'),
      APP_DIR: options.appDir ?? join(options.dataDir, 'no-app'),
      LOG_LEVEL: 'warn',
      COORDINATOR_USERNAME: 'bench',
      COORDINATOR_PASSWORD: 'bench-password',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 10_000))) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /API:\s+(http:\/\/[^\s/]+)\/api\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${signal ?? code}) before listening:\n${output}`));
      });
    });
    // Whatever it says later (warnings, errors) stays visible.
    child.stdout!.removeAllListeners('data');
    child.stderr!.removeAllListeners('data');
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
    child.stdout!.resume();
    return { url, pid: child.pid!, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
