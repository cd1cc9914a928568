import { createSyncer } from '../../src/sync';
import { postJson } from '../../src/sync/http';
import { toSubmission } from '../../src/sync/submission';
import { API_PATHS, SubmitResponse } from '../../src/contract';
import { SurveyDb, saveEnrolment, pendingSubmissions, noteAttempt, acknowledgeSubmissions, saveQuotaSnapshot, outboxCounts, getSyncState, getEnrolment, type Enrolment } from '../../src/store';
const w = window as unknown as Record<string, unknown>;
w.runSync = async (batchSize: number, enrolment: Enrolment) => {
  const db = new SurveyDb();
  await saveEnrolment(enrolment, db);
  const s = createSyncer({ db, batchSize, env: {} });
  const t = performance.now();
  const o = await s.syncNow();
  const ms = performance.now() - t;
  s.stop();
  return { ms, status: o.status, acknowledged: o.acknowledged };
};
w.openDb = async () => { const db = new SurveyDb(); await db.open(); db.close(); return true; };
w.phases = async (sizes: number[], rounds: number, enrolment: Enrolment) => {
  const db = new SurveyDb();
  await saveEnrolment(enrolment, db);
  const out: Record<string, Record<string, number>> = {};
  for (let r = 0; r < rounds; r++) for (const size of sizes) {
    const acc = (out[size] ??= {});
    const add = (k: string, t0: number) => { acc[k] = (acc[k] ?? 0) + (performance.now() - t0) / rounds; return performance.now(); };
    let t = performance.now();
    const batch = await pendingSubmissions(size, db); t = add('1 pendingSubmissions (read)', t);
    const items = batch.map(({ record }) => { const p = toSubmission(record); if (!p.ok) throw new Error('bad'); return p.submission; }); t = add('2 toSubmission (zod)', t);
    const ids = items.map((i) => i.id);
    await noteAttempt(ids, new Date().toISOString(), db); t = add('3 noteAttempt (rw)', t);
    await db.transaction('rw', db.outbox, async () => { const es = await db.outbox.bulkGet(ids); await db.outbox.bulkPut(es.filter((e) => e !== undefined).map((e) => ({ ...e, attempts: e.attempts + 1, lastAttemptAt: new Date().toISOString() }))); }); t = add('3b same with bulkGet+bulkPut (rw)', t);
    const reply = await postJson(`${enrolment.serverUrl}${API_PATHS.submissions}`, { items }, SubmitResponse, { token: enrolment.token }); t = add('4 POST + reply check', t);
    await acknowledgeSubmissions(ids, reply.serverTime, db); t = add('5 acknowledge (rw)', t);
    if (reply.quota) await saveQuotaSnapshot(reply.quota, db); t = add('6 quota snapshot (rw)', t);
    await Promise.all([outboxCounts(db), getSyncState(db), getEnrolment(db)]); t = add('7 status refresh (reads)', t);
  }
  return out;
};
