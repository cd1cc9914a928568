// @vitest-environment node
/**
 * Crash during ingest: the real server process is killed with SIGKILL at random moments while
 * devices keep sending batches. After every restart on the same data, each interview the server
 * acknowledged (stored or duplicate) is there with its content, the database is sound, the
 * counters agree with the rows, and resending what was in flight is stored or duplicate, never a
 * conflict. FAULT_SEED=<seed> replays the kill moments.
 */
import { afterEach, expect, it, onTestFailed } from 'vitest';
import type { Submission, SubmitResponse } from '../../src/contract';
import { redeemEnrolmentCode, issueEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { describeEachDatabase, freshPostgresDatabase, type DatabaseKind } from '../server/harness';
import { tempDir } from '../server/process-helpers';
import { lookAtPostgres, lookAtSqlite, type DatabaseLook } from './crash-check';
import { validInterview } from './fuzz-world';
import { between, runSeed, seededRandom } from './rng';
import { killHard, startServerProcess, type ServerProcess } from './server-process';

const ROUNDS = 5;
const SENDERS = 3;
const BATCH = 20;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  cleanup = [];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let made = 0;
/** A valid interview, different from every other one. */
const newInterview = (): Submission => validInterview(++made);

interface Ledger {
  /** Interviews the server acknowledged, by id. */
  acked: Map<string, Submission>;
  /** Batches sent without a reply: the server may or may not hold them. */
  unknown: Submission[][];
  /** Replies that should never happen (a 5xx, a refused interview). */
  surprises: string[];
}

/** Sends one batch; records what the server acknowledged. False when no reply came. */
async function send(url: string, token: string, batch: Submission[], ledger: Ledger): Promise<boolean> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(`${url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ items: batch }),
      signal: AbortSignal.timeout(20_000),
    });
    status = res.status;
    text = await res.text();
  } catch {
    ledger.unknown.push(batch);
    return false;
  }
  if (status !== 200) {
    ledger.surprises.push(`HTTP ${status}: ${text.slice(0, 300)}`);
    ledger.unknown.push(batch);
    return true;
  }
  const reply = JSON.parse(text) as SubmitResponse;
  const byId = new Map(batch.map((i) => [i.id, i]));
  for (const r of reply.results) {
    const item = byId.get(r.id);
    if (item && (r.status === 'stored' || r.status === 'duplicate')) ledger.acked.set(r.id, item);
    else ledger.surprises.push(`${r.id}: ${r.status} ${r.code ?? ''} ${r.message ?? ''}`);
  }
  return true;
}

/** Every acknowledged interview is in the database with the content that was sent. */
function expectAcknowledgedPresent(look: DatabaseLook, ledger: Ledger, when: string): void {
  expect(look.integrity, `integrity ${when}`).toBe('ok');
  const rows = new Map(look.rows.map((r) => [r.id, r]));
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [id, item] of ledger.acked) {
    const row = rows.get(id);
    if (!row) {
      missing.push(id);
      continue;
    }
    const got = {
      answers: JSON.parse(row.answers) as unknown,
      sectionTimes: JSON.parse(row.section_times) as unknown,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      stratum: row.stratum,
      lang: row.lang,
    };
    const want = { answers: item.answers, sectionTimes: item.sectionTimes, startedAt: item.startedAt, completedAt: item.completedAt, stratum: item.stratum, lang: item.lang };
    if (!deepEqual(got, want)) changed.push(id);
  }
  expect({ missing: missing.length, changed: changed.length, examples: [...missing, ...changed].slice(0, 5) }, `acknowledged interviews ${when}`).toEqual({
    missing: 0,
    changed: 0,
    examples: [],
  });
  expect(look.counted, `activity counters agree with the rows ${when}`).toBe(look.rows.length);
}

function deepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

async function waitForHealth(url: string): Promise<void> {
  const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('ok');
}

describeEachDatabase('crash during ingest', (database: DatabaseKind) => {
  it(
    `SIGKILL at random moments, ${ROUNDS} times: every acknowledged interview survives each restart, the database is sound`,
    async () => {
      const seed = runSeed();
      const random = seededRandom(seed);
      console.log(`crash [${database}]: seed ${seed} (FAULT_SEED=${seed} replays the kill moments)`);
      let server: ServerProcess | undefined;
      onTestFailed(() => {
        console.error(`crash [${database}] failed with seed ${seed}: rerun with FAULT_SEED=${seed}`);
        if (server) console.error(`server output:\n${server.output()}`);
      });

      const dataDir = tempDir('crash-data-');
      const env: Record<string, string> = { DATA_DIR: dataDir };
      if (database === 'postgres') {
        const pgdb = await freshPostgresDatabase();
        cleanup.push(pgdb.drop);
        env.DATABASE_URL = pgdb.url;
      }
      const look = () => (database === 'postgres' ? lookAtPostgres(env.DATABASE_URL ?? '') : Promise.resolve(lookAtSqlite(dataDir)));

      // A device enrolled the way the CLI does it, before the server first starts.
      const setup = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
      const { code } = await issueEnrolmentCode(setup.db, 'Điều tra viên');
      const { token } = await redeemEnrolmentCode(setup.db, code, 'máy thử');
      await setup.close();

      const ledger: Ledger = { acked: new Map(), unknown: [], surprises: [] };
      const perRound: { acked: number; inFlight: number; killAfterMs: number }[] = [];
      server = await startServerProcess(env);
      cleanup.push(async () => {
        server?.child.kill('SIGKILL');
      });

      for (let round = 1; round <= ROUNDS; round++) {
        await waitForHealth(server.url);
        // Whatever was in flight at the last kill: stored or not, resending it is safe.
        const resend = ledger.unknown.splice(0);
        for (const batch of resend) expect(await send(server.url, token, batch, ledger), 'resend after restart').toBe(true);

        const before = ledger.acked.size;
        let stop = false;
        const url = server.url;
        const senders = Array.from({ length: SENDERS }, async () => {
          while (!stop) {
            const batch = Array.from({ length: BATCH }, newInterview);
            if (!(await send(url, token, batch, ledger))) return; // no reply: the server is gone
          }
        });
        // Ingest is under way (something was acknowledged this round), then a random moment.
        const deadline = Date.now() + 30_000;
        while (ledger.acked.size === before && Date.now() < deadline) await sleep(10);
        expect(ledger.acked.size, `round ${round}: the server acknowledged nothing in 30 s`).toBeGreaterThan(before);
        const killAfterMs = between(random, 0, 1_500);
        await sleep(killAfterMs);
        await killHard(server);
        stop = true;
        await Promise.all(senders);
        perRound.push({ acked: ledger.acked.size - before, inFlight: ledger.unknown.reduce((n, b) => n + b.length, 0), killAfterMs });

        // Restart on the same data: it opens, migrates and answers; nothing acknowledged is lost.
        server = await startServerProcess(env);
        await waitForHealth(server.url);
        expectAcknowledgedPresent(await look(), ledger, `after restart ${round}`);
      }

      // The last round's in-flight batches, then a final look with the server running.
      for (const batch of ledger.unknown.splice(0)) expect(await send(server.url, token, batch, ledger)).toBe(true);
      const final = await look();
      expectAcknowledgedPresent(final, ledger, 'at the end');
      expect(ledger.surprises).toEqual([]);
      // Every row is one the server acknowledged (in-flight batches were all resent and answered).
      expect(final.rows.length).toBe(ledger.acked.size);
      console.log(`crash [${database}]: ${ROUNDS} kills, ${ledger.acked.size} interviews acknowledged; per round ${JSON.stringify(perRound)}`);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
    115_000,
  );
});
