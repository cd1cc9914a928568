/**
 * The floor of ingest, for `npm run bench -- ingest`: a server doing only what any server that
 * stores interviews must do (HTTP, the body's JSON, a row per interview, one multi-row insert per
 * request in a transaction) and nothing of the product's own work: no device check, no shape
 * check, no engine check, no content hash, no scores, no quotas, no group commit. Its rate over
 * the raw inserts' says how much of the ingest ratio's target is left for that work on this
 * machine. Started by bench/ingest.ts in its own process, like the server: DATA_DIR, or
 * DATABASE_URL; FLOOR_DEVICE_ID names the device every row is from. Prints "FLOOR: <url>".
 */
import Fastify from 'fastify';
import { openDatabase } from '../src/server/db/open';
import type { NewSubmission } from '../src/server/db/schema';

interface Item {
  id: string;
  surveyId: string;
  surveyVersion: number;
  respondentGroup: string;
  stratum?: string;
  lang: string;
  answers: unknown;
  startedAt: string;
  completedAt: string;
  sectionTimes?: unknown;
}

const database = await openDatabase({ dataDir: process.env.DATA_DIR!, databaseUrl: process.env.DATABASE_URL });
const deviceId = process.env.FLOOR_DEVICE_ID!;
const app = Fastify({ bodyLimit: 64 * 1024 * 1024, onProtoPoisoning: 'error', onConstructorPoisoning: 'error' });

app.post('/api/submissions', async (request) => {
  const { items } = request.body as { items: Item[] };
  const receivedAt = new Date().toISOString();
  // The row's columns as the server's rowOf (src/server/ingest/store.ts) fills them, without what
  // rowOf computes: it needs the interview checked against its definition, its hash and its campaign.
  const rows: NewSubmission[] = items.map((item) => ({
    id: item.id.toLowerCase(),
    survey_id: item.surveyId,
    survey_version: item.surveyVersion,
    respondent_group: item.respondentGroup,
    stratum: item.stratum ?? null,
    lang: item.lang,
    answers: JSON.stringify(item.answers),
    content_hash: '',
    started_at: item.startedAt,
    completed_at: item.completedAt,
    received_at: receivedAt,
    device_id: deviceId,
    section_times: JSON.stringify(item.sectionTimes ?? {}),
    campaign_id: null,
    completed_day: null,
    clock_suspect: null,
    scoring_hash: null,
    scores: null,
  }));
  await database.db.transaction().execute((trx) => trx.insertInto('submissions').values(rows).execute());
  return { results: items.map((item) => ({ id: item.id, status: 'stored' })), serverTime: new Date().toISOString() };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`FLOOR: ${address}`);
const stop = () => void app.close().then(() => database.close()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
