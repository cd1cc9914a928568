/**
 * Exports of 200,000 interviews of one questionnaire version (sipas-citizen v1) on SQLite: seeds a
 * temporary database directly (batched transactions), starts the server in its own process
 * (server-process.ts), then downloads the CSV and then the XLSX export while asking /api/health
 * one request after another. Reports each export's time (and its first byte), the server process's
 * peak resident memory during it (VmRSS sampled every 50 ms from /proc), and the longest /api/health
 * wait. Run alone: npx tsx bench/export.ts; npm run bench -- export.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/server/db/open';
import type { NewSubmission } from '../src/server/db/schema';
import { figure } from './report';
import type { Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const EXPORT_INTERVIEWS = 200_000;
const SEED_BATCH = 1000;

/** A citizen's interview answered on every page, with free text. */
const ANSWERS = JSON.stringify({
  district: 'dong-hoi',
  commune: 'Phường Hải Đình',
  respondentType: 'individual',
  sex: 'female',
  ageBand: '35-49',
  ethnicity: 'kinh',
  education: 'upper-secondary',
  occupation: 'trade',
  area: 'urban',
  procedureField: 'land',
  submittedVia: 'district-onestop',
  resultDate: '2024-10-01',
  trips: 2,
  resultOnTime: 'on-time',
  extraPapers: 'no',
  feedbackGiven: 'no',
  c1_location: '4',
  c1_waiting: '3',
  c1_equipment: '4',
  c1_queue: '5',
  c2_published: '4',
  c2_documents: '4',
  c2_forms: '3',
  c2_fees: '5',
  c3_courtesy: '5',
  c4_lawful: '5',
  improvePriorities: ['faster', 'attitude'],
  overallSat: '4',
  comment: 'Cán bộ nhiệt tình, hướng dẫn rõ ràng.',
});

async function seed(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const { db } = database;
    const devices = Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(),
      name: `Điều tra viên ${i + 1}`,
      label: 'Galaxy Tab A8',
      token_hash: randomBytes(32).toString('hex'),
      created_at: '2021-10-30T08:00:00.000Z',
      last_seen_at: '2021-11-30T10:00:00.000Z',
      revoked_at: null,
      last_sync_at: '2021-11-30T10:00:00.000Z',
    }));
    await db.insertInto('devices').values(devices).execute();
    const t0 = Date.UTC(2021, 10, 1);
    for (let start = 0; start < EXPORT_INTERVIEWS; start += SEED_BATCH) {
      const rows: NewSubmission[] = [];
      for (let i = start; i < Math.min(EXPORT_INTERVIEWS, start + SEED_BATCH); i++) {
        const day = `2021-11-${String(1 + (i % 30)).padStart(2, '0')}`;
        rows.push({
          id: randomUUID(),
          survey_id: 'sipas-citizen',
          survey_version: 1,
          respondent_group: 'citizen',
          stratum: 'dong-hoi',
          lang: 'vi',
          answers: ANSWERS,
          content_hash: randomBytes(32).toString('hex'),
          started_at: `${day}T08:00:00.000+07:00`,
          completed_at: `${day}T08:20:00.000+07:00`,
          received_at: new Date(t0 + i * 10_000).toISOString(),
          device_id: devices[i % devices.length]!.id,
          section_times: '{"a-respondent":120}',
          campaign_id: '',
          completed_day: day,
        });
      }
      await db.transaction().execute((trx) => trx.insertInto('submissions').values(rows).execute());
    }
  } finally {
    await database.close();
  }
}

/** The server process: the one whose environment names `dataDir` (server-process.ts does not give its pid). */
function serverPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (env.split('\0').includes(`DATA_DIR=${dataDir}`)) return Number(entry);
    } catch {
      // another user's process, or gone
    }
  }
  throw new Error('the server process was not found in /proc');
}

const rssBytes = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
};

interface ExportRun {
  ms: number;
  firstByteMs: number;
  bytes: number;
  peakRssBytes: number;
  healthMaxMs: number;
  healthCount: number;
  /** Health requests not answered 200 (shed with 503 when the event loop lagged). */
  healthFailed: number;
}

async function timeExport(url: string, cookie: string, pid: number, path: string): Promise<ExportRun> {
  let peak = rssBytes(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 50);
  let done = false;
  let healthMaxMs = 0;
  let healthCount = 0;
  let healthFailed = 0;
  const t0 = performance.now();
  const health = (async () => {
    while (!done) {
      const h0 = performance.now();
      const r = await fetch(`${url}/api/health`);
      await r.arrayBuffer();
      if (done) break;
      healthMaxMs = Math.max(healthMaxMs, performance.now() - h0);
      healthCount += 1;
      if (r.status !== 200) healthFailed += 1;
      await new Promise((r2) => setTimeout(r2, 20));
    }
  })();
  try {
    const res = await fetch(url + path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    const reader = res.body!.getReader();
    let firstByteMs = -1;
    let bytes = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - t0;
      bytes += next.value.byteLength;
    }
    const ms = performance.now() - t0;
    return { ms: round1(ms), firstByteMs: round1(firstByteMs), bytes, peakRssBytes: Math.max(peak, rssBytes(pid)), healthMaxMs: round1(healthMaxMs), healthCount, healthFailed };
  } finally {
    done = true;
    clearInterval(sampler);
    await health;
  }
}

/** exportCsvMs200k, exportCsvPeakRssBytes200k, exportCsvHealthMaxMs200k, and the same for XLSX (SQLite). */
export async function exportFigures(notes: string[], log: (m: string) => void = console.log): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-bench-export-'));
  try {
    const s0 = performance.now();
    await seed(dataDir);
    log(`export: seeded ${EXPORT_INTERVIEWS.toLocaleString('en')} interviews in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    const server = await startServerProcess({ root: ROOT, dataDir });
    try {
      const pid = serverPid(dataDir);
      // Just started, the server scores what was stored before and sheds load (503) meanwhile.
      let login: Response;
      for (let tries = 0; ; tries++) {
        login = await fetch(`${server.url}/api/coordinator/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
        });
        if (login.status !== 503 || tries >= 120) break;
        await login.arrayBuffer();
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (!login.ok) throw new Error(`login answered ${login.status}`);
      // Settled: the event loop idle again before measuring.
      await new Promise((r) => setTimeout(r, 2000));
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const idleRss = rssBytes(pid);
      const figures: Figure[] = [];
      for (const [name, ext] of [
        ['Csv', 'csv'],
        ['Xlsx', 'xlsx'],
      ] as const) {
        log(`export: ${ext}`);
        const r = await timeExport(server.url, cookie, pid, `/api/coordinator/exports/sipas-citizen/1.${ext}`);
        figures.push(
          figure(`export${name}Ms200k`, r.ms, 'ms'),
          figure(`export${name}PeakRssBytes200k`, r.peakRssBytes, 'bytes'),
          figure(`export${name}HealthMaxMs200k`, r.healthMaxMs, 'ms'),
        );
        notes.push(
          `${ext.toUpperCase()} export of ${EXPORT_INTERVIEWS.toLocaleString('en')} interviews on SQLite: ${(r.ms / 1000).toFixed(1)} s, first byte after ${r.firstByteMs} ms, ` +
            `${(r.bytes / 1024 / 1024).toFixed(1)} MB, server peak RSS ${(r.peakRssBytes / 1024 / 1024).toFixed(0)} MB (idle ${(idleRss / 1024 / 1024).toFixed(0)} MB), ` +
            `longest /api/health wait ${r.healthMaxMs} ms over ${r.healthCount} requests (${r.healthFailed} not 200)`,
        );
      }
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const notes: string[] = [];
  exportFigures(notes).then(
    (figures) => {
      for (const f of figures) console.log(`${f.key}: ${f.value} ${f.unit}`);
      for (const n of notes) console.log(`- ${n}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
