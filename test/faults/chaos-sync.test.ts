// @vitest-environment node
/**
 * Chaos sync: ten tablets, each with 500 completed interviews in its own IndexedDB, upload with
 * the real syncer to the real server through a network that drops, delays, duplicates and cuts
 * 30 % of requests and 30 % of replies. The server must end with every interview exactly once,
 * as the device completed it, and every outbox empty. FAULT_SEED=<seed> replays a run's faults.
 */
import { afterEach, expect, it, onTestFailed } from 'vitest';
import { getRecord, listRecords, outboxCounts } from '../../src/store';
import { createSyncer, type Syncer } from '../../src/sync';
import type { InterviewRecord } from '../../src/store';
import { describeEachDatabase, startTestServer, type DatabaseKind, type TestServer } from '../server/harness';
import { startChaosProxy, type ChaosProxy } from './chaos-proxy';
import { completeInterviews, removeDevice, simulatedDevice, type SimulatedDevice } from './device-interviews';
import { runSeed, seededRandom } from './rng';

const DEVICES = 10;
const PER_DEVICE = 500;
const FAULT_RATE = 0.3;
/** How long the devices get to empty their outboxes through the faulty network. */
const DEADLINE_MS = 75_000;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  cleanup = [];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function outboxes(devices: SimulatedDevice[]) {
  return Promise.all(devices.map(async (d) => ({ device: d.index, ...(await outboxCounts(d.db)) })));
}

describeEachDatabase('chaos sync', (database: DatabaseKind) => {
  it(
    `${DEVICES} devices × ${PER_DEVICE} interviews through a network that faults ${FAULT_RATE * 100} % of requests and replies: exactly ${DEVICES * PER_DEVICE} stored, each once, outboxes empty`,
    async () => {
      const seed = runSeed();
      console.log(`chaos sync [${database}]: seed ${seed} (FAULT_SEED=${seed} replays it)`);
      onTestFailed(() => console.error(`chaos sync [${database}] failed with seed ${seed}: rerun with FAULT_SEED=${seed}`));
      const random = seededRandom(seed);

      const server: TestServer = await startTestServer({ database });
      cleanup.push(() => server.close());
      const network: ChaosProxy = await startChaosProxy({ target: server.url, random, rate: FAULT_RATE, delayMs: [100, 600] });
      cleanup.push(() => network.close());
      onTestFailed(() => console.error(`network: ${JSON.stringify(network.stats)}`));

      const devices: SimulatedDevice[] = [];
      for (let i = 0; i < DEVICES; i++) {
        const device = await simulatedDevice(server, i, network.url);
        devices.push(device);
        cleanup.push(() => removeDevice(device));
      }
      const completed = await Promise.all(devices.map((d) => completeInterviews(d, PER_DEVICE)));
      for (const d of devices) expect(await outboxCounts(d.db)).toEqual({ pending: PER_DEVICE, rejected: 0 });

      // The app's own loop: start() syncs at once, retries on the backoff timer after a failure and
      // looks again every idle interval. Shorter timings than in the field, the same code.
      const syncers: Syncer[] = devices.map((d) =>
        createSyncer({
          db: d.db,
          random: seededRandom(seed + d.index + 1),
          env: { navigator: { onLine: true } },
          timeoutMs: 10_000,
          backoff: { baseMs: 100, factor: 2, capMs: 1_500, minMs: 50 },
          idleIntervalMs: 500,
        }),
      );
      cleanup.push(async () => {
        for (const s of syncers) s.stop();
      });
      for (const s of syncers) s.start();

      const started = Date.now();
      for (;;) {
        const counts = await outboxes(devices);
        if (counts.every((c) => c.pending === 0 && c.rejected === 0)) break;
        if (Date.now() - started > DEADLINE_MS) {
          const stored = await server.countSubmissions();
          throw new Error(
            `the outboxes did not empty within ${DEADLINE_MS / 1000} s (seed ${seed}): ${JSON.stringify(counts)}; ` +
              `server holds ${stored}; network ${JSON.stringify(network.stats)}; ` +
              `last errors ${JSON.stringify(syncers.map((s) => s.getStatus().lastError?.code))}`,
          );
        }
        await sleep(250);
      }
      for (const s of syncers) s.stop();
      console.log(`chaos sync [${database}]: outboxes empty after ${Date.now() - started} ms; network ${JSON.stringify(network.stats)}`);

      // Every kind of fault happened, on requests and on replies.
      for (const n of Object.values(network.stats.requestFaults)) expect(n).toBeGreaterThan(0);
      for (const n of Object.values(network.stats.replyFaults)) expect(n).toBeGreaterThan(0);
      // Racing duplicates and broken uploads are the network's doing: never an error of the server.
      expect(Object.keys(network.stats.statuses).filter((s) => Number(s) >= 500)).toEqual([]);

      // Exactly the interviews the devices completed, once each, as they completed them.
      const { db } = server.database;
      const rows = await db.selectFrom('submissions').selectAll().execute();
      expect(rows).toHaveLength(DEVICES * PER_DEVICE);
      expect(new Set(rows.map((r) => r.id)).size).toBe(DEVICES * PER_DEVICE);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const mismatches: string[] = [];
      devices.forEach((device, i) => {
        for (const record of completed[i] as InterviewRecord[]) {
          const row = byId.get(record.id);
          const got = row && {
            surveyId: row.survey_id,
            surveyVersion: Number(row.survey_version),
            respondentGroup: row.respondent_group,
            stratum: row.stratum,
            lang: row.lang,
            answers: JSON.parse(row.answers) as unknown,
            sectionTimes: JSON.parse(row.section_times) as unknown,
            startedAt: row.started_at,
            completedAt: row.completed_at,
            deviceId: row.device_id,
          };
          const want = {
            surveyId: record.surveyId,
            surveyVersion: record.surveyVersion,
            respondentGroup: record.respondentGroup,
            stratum: record.stratum ?? null,
            lang: record.lang,
            answers: record.answers,
            sectionTimes: record.sectionTimes,
            startedAt: record.startedAt,
            completedAt: record.completedAt,
            deviceId: device.deviceId,
          };
          try {
            expect(got).toEqual(want);
          } catch {
            mismatches.push(`${record.id} of device ${device.index}: ${row ? 'different content' : 'missing'}`);
          }
        }
      });
      expect(mismatches.slice(0, 10)).toEqual([]);

      // Each interview counted once in the dashboard's counters, however often it arrived.
      const activity = await db
        .selectFrom('activity_counts')
        .select(['device_id', ({ fn }) => fn.sum<string | number>('count').as('n')])
        .groupBy('device_id')
        .execute();
      expect(Object.fromEntries(activity.map((a) => [a.device_id, Number(a.n)]))).toEqual(
        Object.fromEntries(devices.map((d) => [d.deviceId, PER_DEVICE])),
      );

      // On the devices: outboxes empty, every interview marked as synced, nothing else changed.
      for (const [i, device] of devices.entries()) {
        expect(await outboxCounts(device.db)).toEqual({ pending: 0, rejected: 0 });
        const records = await listRecords(device.db);
        expect(records.length).toBe(PER_DEVICE);
        for (const record of completed[i] as InterviewRecord[]) {
          const now = await getRecord(record.id, device.db);
          expect(now?.syncedAt).toBeDefined();
          expect({ ...now, syncedAt: undefined }).toEqual({ ...record, syncedAt: undefined });
        }
      }
    },
    110_000,
  );
});
