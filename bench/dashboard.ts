/**
 * Dashboard refresh time with 200,000 interviews stored: seeds a temporary SQLite database (and a
 * temporary PostgreSQL database: DATABASE_URL, else the local socket, see postgres.ts) directly, in batched transactions, with
 * interviews spread over the default campaign's groups, strata, 30 days and 50 devices, plus the
 * counters ingest would have kept; then times GET /api/coordinator/dashboard through Fastify's
 * inject (median of 5 after a warm-up). Run alone: npx tsx bench/dashboard.ts; npm run bench calls it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../src/server/app';
import { setCoordinator } from '../src/server/coordinators/accounts';
import { openDatabase } from '../src/server/db/open';
import type { ServerDatabase } from '../src/server/db/open';
import type { NewSubmission } from '../src/server/db/schema';
import { loadCatalog } from '../src/server/definitions/catalog';
import type { Catalog } from '../src/server/definitions/catalog';
import { findPostgres, freshPostgres } from './postgres';
import { figure } from './report';
import type { Figure } from './report';
import { median, round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const INTERVIEWS = 200_000;
const DEVICES = 50;
const BATCH = 1000;
const RUNS = 5;

interface Slot {
  surveyId: string;
  version: number;
  group: string;
  stratum: string | null;
}

/** Every (questionnaire, group, stratum) of the campaign, to spread the interviews over. */
function slotsOf(catalog: Catalog, campaignId: string): Slot[] {
  const campaign = catalog.campaigns.get(campaignId)?.campaign;
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  return campaign.groups.flatMap((g) =>
    (g.strata?.map((s) => s.value) ?? [null]).map((stratum) => ({ surveyId: g.questionnaire.id, version: g.questionnaire.version, group: g.id, stratum })),
  );
}

const ANSWERS = JSON.stringify({
  district: 'dong-hoi',
  commune: 'Phường Hải Đình',
  sex: 'female',
  ageBand: '35-49',
  c1_location: '4',
  c1_waiting: '3',
  c2_published: '4',
  c3_courtesy: '5',
  c4_lawful: '5',
  improvePriorities: ['faster', 'attitude'],
  overallSat: '4',
  comment: 'Cán bộ nhiệt tình, hướng dẫn rõ ràng.',
});

export interface SeedOptions {
  /** Only these groups of the campaign (default: all). */
  groups?: readonly string[];
  /** The answers of every interview, as stored (JSON text). */
  answers?: string;
}

/** Seeds the interviews and the counters ingest keeps (quota_counts, activity_counts). */
export async function seed(database: ServerDatabase, catalog: Catalog, campaignId: string, options: SeedOptions = {}): Promise<void> {
  const { db } = database;
  const devices = Array.from({ length: DEVICES }, (_, i) => ({
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
  const slots = slotsOf(catalog, campaignId).filter((s) => options.groups?.includes(s.group) ?? true);
  if (slots.length === 0) throw new Error(`the campaign ${campaignId} has none of the groups ${String(options.groups)}`);
  const answers = options.answers ?? ANSWERS;
  const quota = new Map<string, number>();
  const activity = new Map<string, number>();
  for (let start = 0; start < INTERVIEWS; start += BATCH) {
    const rows: NewSubmission[] = [];
    for (let i = start; i < Math.min(INTERVIEWS, start + BATCH); i++) {
      const slot = slots[i % slots.length]!;
      const device = devices[i % DEVICES]!;
      const day = `2021-11-${String(1 + (i % 30)).padStart(2, '0')}`;
      rows.push({
        id: randomUUID(),
        survey_id: slot.surveyId,
        survey_version: slot.version,
        respondent_group: slot.group,
        stratum: slot.stratum,
        lang: 'vi',
        answers,
        content_hash: randomBytes(32).toString('hex'),
        started_at: `${day}T08:00:00.000+07:00`,
        completed_at: `${day}T08:20:00.000+07:00`,
        received_at: `${day}T12:00:00.000Z`,
        device_id: device.id,
        section_times: '{"a-respondent":120}',
        campaign_id: campaignId,
        completed_day: day,
      });
      const q = `${slot.group}\u0000${slot.stratum ?? ''}`;
      quota.set(q, (quota.get(q) ?? 0) + 1);
      const a = `${day}\u0000${device.id}`;
      activity.set(a, (activity.get(a) ?? 0) + 1);
    }
    await db.transaction().execute((trx) => trx.insertInto('submissions').values(rows).execute());
  }
  await db.transaction().execute(async (trx) => {
    const quotaRows = [...quota].map(([k, count]) => {
      const [group_id = '', stratum = ''] = k.split('\u0000');
      return { campaign_id: campaignId, group_id, stratum, count };
    });
    const activityRows = [...activity].map(([k, count]) => {
      const [day = '', device_id = ''] = k.split('\u0000');
      return { campaign_id: campaignId, day, device_id, count };
    });
    for (let i = 0; i < quotaRows.length; i += BATCH) await trx.insertInto('quota_counts').values(quotaRows.slice(i, i + BATCH)).execute();
    for (let i = 0; i < activityRows.length; i += BATCH) await trx.insertInto('activity_counts').values(activityRows.slice(i, i + BATCH)).execute();
  });
}

/** Seeds `database`, then times the dashboard; returns the median in ms and the interviews it reported. */
async function timeDashboard(database: ServerDatabase, log: (m: string) => void): Promise<{ medianMs: number; samples: number[]; interviews: number }> {
  const catalog = loadCatalog(join(ROOT, 'survey-definitions'));
  const campaignId = catalog.campaigns.list()[0]?.campaign.id;
  if (!campaignId) throw new Error('survey-definitions/campaigns/ has no campaign');
  const t0 = performance.now();
  await seed(database, catalog, campaignId);
  log(`seeded ${INTERVIEWS.toLocaleString('en')} interviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await setCoordinator(database.db, 'bench', 'bench-password');
  const app = await createServer({ database, catalog });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/coordinator/login', payload: { username: 'bench', password: 'bench-password' } });
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    const once = async () => {
      const start = performance.now();
      const r = await app.inject({ method: 'GET', url: '/api/coordinator/dashboard', headers: { cookie } });
      const ms = performance.now() - start;
      if (r.statusCode !== 200) throw new Error(`dashboard answered ${r.statusCode}: ${r.body}`);
      return { ms, body: r.json<{ totals: { interviews: number } }>() };
    };
    const warm = await once();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push((await once()).ms);
    return { medianMs: round1(median(samples)), samples: samples.map(round1), interviews: warm.body.totals.interviews };
  } finally {
    await app.close();
  }
}

/** dashboardMs200k (SQLite) and dashboardMs200kPostgres (null, with the reason, without a PostgreSQL). */
export async function dashboardFigures(notes: string[], log: (m: string) => void = console.log): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'survey-bench-dashboard-'));
  try {
    const sqlite = await openDatabase({ dataDir: dir });
    try {
      log('dashboard: SQLite');
      const r = await timeDashboard(sqlite, log);
      if (r.interviews !== INTERVIEWS) throw new Error(`the dashboard counted ${r.interviews} interviews, not ${INTERVIEWS}`);
      figures.push(figure('dashboardMs200k', r.medianMs, 'ms'));
      notes.push(`dashboard with ${INTERVIEWS.toLocaleString('en')} interviews on SQLite: ${r.samples.join(', ')} ms (median ${r.medianMs})`);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const found = await findPostgres();
  if (!('unavailable' in found)) {
    const fresh = await freshPostgres(found.url);
    try {
      const postgres = await openDatabase({ databaseUrl: fresh.url, dataDir: dir });
      try {
        log('dashboard: PostgreSQL');
        const r = await timeDashboard(postgres, log);
        figures.push(figure('dashboardMs200kPostgres', r.medianMs, 'ms'));
        notes.push(`dashboard with ${INTERVIEWS.toLocaleString('en')} interviews on PostgreSQL (${found.origin}): ${r.samples.join(', ')} ms (median ${r.medianMs})`);
      } finally {
        await postgres.close();
      }
    } finally {
      await fresh.drop();
    }
  } else {
    const why = `not measured: ${found.unavailable}`;
    figures.push(figure('dashboardMs200kPostgres', null, 'ms', why));
    notes.push(`dashboardMs200kPostgres ${why}`);
  }
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const notes: string[] = [];
  dashboardFigures(notes).then(
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
