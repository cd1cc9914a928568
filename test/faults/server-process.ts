/**
 * The collection server as a real process for the crash tests: one Node process (no tsx wrapper
 * process in between, so SIGKILL reaches the server itself), on 127.0.0.1, a port of its own,
 * its own data folder or PostgreSQL database (test/server/process-helpers.ts starts it).
 */
import { startServerProc, type ServerProc } from '../server/process-helpers';

export interface ServerProcess extends ServerProc {
  /** http://127.0.0.1:<port> */
  url: string;
}

/** Starts `src/server/main.ts` with `env` added (logging warnings only); resolves when it says where its API is. */
export async function startServerProcess(env: Record<string, string>, startTimeoutMs = 45_000): Promise<ServerProcess> {
  const server = startServerProc({ ...env, LOG_LEVEL: 'warn' }, { startTimeoutMs });
  return { ...server, url: await server.listening };
}

/** Kills the process at once (no shutdown code runs) and waits until it is gone. */
export async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  const how = await server.exited;
  if (how !== 'SIGKILL') throw new Error(`the server ended with ${String(how)}, not SIGKILL:\n${server.output()}`);
}
