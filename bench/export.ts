/**
 * Exports of 200,000 interviews of one questionnaire version (the campaign's citizens' questionnaire,
 * every question answered) on SQLite: seeds a temporary database as the dashboard bench does,
 * starts the server in its own process (server-process.ts), waits until it has scored them, then downloads the CSV and then the XLSX export while asking /api/health
 * one request after another. Reports each export's time (and its first byte), the server process's
 * peak resident memory during it (VmRSS sampled every 50 ms from /proc), and the longest /api/health
 * wait. Run alone: npx tsx bench/export.ts; npm run bench -- export.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/server/db/open';
import { loadCatalog } from '../src/server/definitions/catalog';
import { realisticAnswers, seeded } from './answers';
import { INTERVIEWS, seed } from './dashboard';
import { figure } from './report';
import type { Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const EXPORT_INTERVIEWS = INTERVIEWS;
/** The campaign's citizens: every interview is one of the questionnaire version exported. */
const GROUP = 'citizen';

/** 200,000 citizens' interviews of the campaign (the dashboard bench's seeding), each fully answered. */
async function seedCitizens(dataDir: string): Promise<{ id: string; version: number }> {
  const catalog = loadCatalog(join(ROOT, 'survey-definitions'));
  const campaign = catalog.campaigns.list()[0]?.campaign;
  const questionnaire = campaign?.groups.find((g) => g.id === GROUP)?.questionnaire;
  const def = questionnaire && catalog.get(questionnaire.id, questionnaire.version)?.definition;
  if (!campaign || !questionnaire || !def) throw new Error(`survey-definitions has no campaign with a "${GROUP}" group`);
  const database = await openDatabase({ dataDir });
  try {
    await seed(database, catalog, campaign.id, { groups: [GROUP], answers: JSON.stringify(realisticAnswers(def, seeded(7), '2021-12-31')) });
  } finally {
    await database.close();
  }
  return questionnaire;
}

/** Waits until the server has scored what was seeded (it does so in the background after it starts). */
async function scoresComputed(url: string, cookie: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const r = await fetch(`${url}/api/coordinator/dashboard`, { headers: { cookie } });
    if (r.ok && (JSON.parse(await r.text()) as { scoresPending?: boolean }).scoresPending !== true) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the server was still scoring the seeded interviews after 10 minutes');
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
    const { id: surveyId, version } = await seedCitizens(dataDir);
    log(`export: seeded ${EXPORT_INTERVIEWS.toLocaleString('en')} interviews in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    const server = await startServerProcess({ root: ROOT, dataDir });
    try {
      const { pid } = server;
      // Just started, the server may shed load (503) for a moment: logged in when it answers.
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
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      await scoresComputed(server.url, cookie);
      const idleRss = rssBytes(pid);
      const figures: Figure[] = [];
      for (const [name, ext] of [
        ['Csv', 'csv'],
        ['Xlsx', 'xlsx'],
      ] as const) {
        log(`export: ${ext}`);
        const r = await timeExport(server.url, cookie, pid, `/api/coordinator/exports/${surveyId}/${version}.${ext}`);
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
