// @vitest-environment node
/**
 * Scores on the server: contributions stored at ingest, interviews stored before their questionnaire
 * had scoring scored at the next start (and re-scored when the scoring changes), and the dashboard
 * and exports giving the hand-computed scores per group and per stratum with their interviews.
 */
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoordinatorDashboard, QuestionnaireScores, SubmitResponse } from '../../src/contract';
import type { ScoreReportWire } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { scoreStoredInterviews, totalsAgree } from '../../src/server/scores/backfill';
import { decodeParts } from '../../src/server/scores/parts';
import type { ScoringRun } from '../../src/server/scores/backfill';
import { dashboardScores as scoresWithout } from '../../src/server/scores/report';
import { startupScoringDone } from '../../src/server/scores/startup';
import { loginAsCoordinator } from './coordinator-session';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { get, post } from './http';
import { CAMPAIGN, I1, I2, I3, I4, scoredInterview, shareScoring, writeScoringFolder } from './scoring-fixtures';
import { foldScoreTotals } from '../../src/server/scores/fold';

/** [interviews, overall, service, depts] of a share report (scores rounded to 4 decimals). */
function figures(r: ScoreReportWire | undefined): (number | null)[] {
  if (!r) throw new Error('no report');
  const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 1e4) / 1e4);
  return [r.interviews, round(r.score), ...r.components.map((c) => round(c.score))];
}

/** Overall, citizens, citizens d1 / d2 / d3, officials, as the dashboard gives them. */
function table(s: QuestionnaireScores | undefined): Record<string, (number | null)[]> {
  if (!s) throw new Error('no scores for the questionnaire');
  const citizens = s.groups.find((g) => g.id === 'citizen');
  return {
    all: figures(s.overall),
    citizen: figures(citizens?.report),
    ...Object.fromEntries((citizens?.strata ?? []).map((st) => [`citizen/${st.value}`, figures(st.report)])),
    official: figures(s.groups.find((g) => g.id === 'official')?.report),
  };
}

/**
 * By hand, weights good 1, fair 0.5, poor 0, "don't know" left out:
 * d1 = I1 + I2: service (1 + 0.5 + 0) / 3 = 50 %, depts (1 + 0) / 2 = 50 %, index 50;
 * d2 = I3: service 1 / 1 = 100 %, depts (0.5 + 0.5) / 2 = 50 %, index 75; d3: no interview;
 * citizens: service 2.5 / 4 = 62.5 %, depts 2 / 4 = 50 %, index 56.25;
 * officials = I4: service 0.5 / 1 = 50 %, depts 2 / 2 = 100 %, index 75;
 * all: service 3 / 5 = 60 %, depts 4 / 6 = 66.6667 %, index 63.3333.
 */
const EXPECTED = {
  all: [4, 63.3333, 60, 66.6667],
  citizen: [3, 56.25, 62.5, 50],
  'citizen/d1': [2, 50, 50, 50],
  'citizen/d2': [1, 75, 100, 50],
  'citizen/d3': [0, null, null, null],
  official: [1, 75, 50, 100],
};

/** The same with fair weighted 0: service 2 / 5 = 40 %, depts 3 / 6 = 50 %, … */
const EXPECTED_FAIR_0 = {
  all: [4, 45, 40, 50],
  citizen: [3, 37.5, 50, 25],
  'citizen/d1': [2, 41.6667, 33.3333, 50],
  'citizen/d2': [1, 50, 100, 0],
  'citizen/d3': [0, null, null, null],
  official: [1, 50, 0, 100],
};

describeEachDatabase('scores', (database) => {
  const dirs: string[] = [];
  let first: TestServer;
  /** The server of the moment (a restart is a new app on the same database). */
  let current: TestServer;
  const apps: FastifyInstance[] = [];
  let token: string;
  let cookie: string;

  async function restart(dir: string): Promise<ScoringRun | undefined> {
    const app = await createServer({ database: first.database, catalog: loadCatalog(dir) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    apps.push(app);
    // Stored interviews are scored in the background once the server listens.
    const run = await startupScoringDone(app);
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    current = { ...first, app, url: `http://127.0.0.1:${address.port}` };
    return run;
  }
  const folder = (...args: Parameters<typeof writeScoringFolder>) => {
    const dir = writeScoringFolder(...args);
    dirs.push(dir);
    return dir;
  };
  async function send(...items: ReturnType<typeof I1>[]): Promise<void> {
    const r = await post(current, '/api/submissions', { items }, { token });
    expect(r.status).toBe(200);
    expect(SubmitResponse.parse(r.body).results.map((x) => x.status)).toEqual(items.map(() => 'stored'));
  }
  async function dashboardScores(): Promise<QuestionnaireScores[]> {
    const r = await get(current, `/api/coordinator/dashboard?campaign=${CAMPAIGN}`, { cookie });
    expect(r.status).toBe(200);
    return CoordinatorDashboard.parse(r.body).scores;
  }
  /** The stored contributions: on the rows, and any left in score_parts (none once scored again). */
  const contributions = async () => {
    const db = first.database.db;
    const rows = await db.selectFrom('submissions').select('scores').where('scores', 'is not', null).execute();
    const legacy = Number((await db.selectFrom('score_parts').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    return rows.reduce((n, r) => n + decodeParts(r.scores!).length, legacy);
  };

  beforeAll(async () => {
    // The questionnaire first ships without scoring.
    first = await startTestServer({ database, definitionsDir: folder(null) });
    current = first;
    token = (await first.enrolDevice('Nguyễn Văn A')).token;
    cookie = await loginAsCoordinator(first);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await first.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stores no scores for a questionnaire without scoring, and has no scores export for it', async () => {
    await send(I1(), I2());
    expect(await contributions()).toBe(0);
    expect(await dashboardScores()).toEqual([]);
    const r = await get(current, '/api/coordinator/exports/scored/1.scores.csv', { cookie });
    expect(r.status).toBe(404);
  });

  it('scores the interviews stored before at the next start, new ones at ingest: the dashboard per group and stratum', async () => {
    await restart(folder(shareScoring()));
    await send(I3(), I4());
    const scores = await dashboardScores();
    expect(scores.map((s) => [s.surveyId, s.surveyVersion, s.method])).toEqual([['scored', 1, 'share']]);
    const s = scores[0]!;
    expect(s.components.map((c) => [c.id, c.label.vi, c.max])).toEqual([
      ['service', 'Phục vụ', 100],
      ['depts', 'Các sở', 100],
    ]);
    // The campaign's labels and planned strata, a stratum without interviews included.
    expect(s.groups.map((g) => [g.id, g.label.en, g.strata.map((x) => x.value)])).toEqual([
      ['citizen', 'Citizens (campaign)', ['d1', 'd2', 'd3']],
      ['official', 'Officials (campaign)', []],
    ]);
    expect(table(s)).toEqual(EXPECTED);
    expect(s.groups[0]!.strata[0]!.report.components.map((c) => [c.count, c.value])).toEqual([
      [3, 0.5],
      [2, 0.5],
    ]);
  });

  it('without campaigns, scores every interview per questionnaire with the groups and strata of the definition', async () => {
    const scores = await scoresWithout(first.database.db, loadCatalog(folder(shareScoring(), false)), undefined);
    expect(scores.map((s) => s.surveyId)).toEqual(['scored', 'scored-papi']);
    const s = scores[0]!;
    expect(s.groups.map((g) => [g.id, g.label.en, g.strata.map((x) => [x.value, x.label.vi])])).toEqual([
      ['citizen', 'Citizens', [['d1', 'Huyện 1'], ['d2', 'Huyện 2']]],
      ['official', 'Officials', []],
    ]);
    // No campaign sets a minimum cell size: the default, 5, withholds every figure of these 4
    // interviews, and says so; the interview counts stay.
    const { 'citizen/d3': _none, ...withData } = EXPECTED;
    const withheld = Object.fromEntries(Object.entries(withData).map(([k, [n]]) => [k, [n!, null, null, null]]));
    expect(table(s)).toEqual(withheld);
    expect(s.minCell).toBe(5);
    expect([s.overall, ...s.groups.map((g) => g.report)].map((r) => r.suppressed)).toEqual(['primary', 'primary', 'primary']);
    expect(s.overall.components.map((c) => [c.suppressed, c.interval])).toEqual([
      ['primary', null],
      ['primary', null],
    ]);
    // With the campaign's own minimum (1), the same interviews give the hand-computed figures.
    const shown = await scoresWithout(first.database.db, loadCatalog(folder(shareScoring(), true)), undefined);
    expect(table(shown[0])).toEqual(withData);
    expect(scores[1]!.overall.interviews).toBe(0);
  });

  it('exports the same scores: CSV (long table), JSON, and the workbook\'s "scores" sheet', async () => {
    const csv = await get(current, '/api/coordinator/exports/scored/1.scores.csv?labels=en', { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('scored-v1-scores-labels-en.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,group,group_label,stratum,stratum_label,interviews,component,component_label,part,part_label,answers,value,score,max,respondents,ci_low,ci_high,withheld,method',
    );
    // The figures, then the respondents behind each, its interval and whether it is withheld.
    const starting = (prefix: string) => lines.find((l) => l.startsWith(prefix));
    // Wilson for 63.33 % over 4 respondents: 0.6333 ± … → 23.1–91.0 (computed in the stats tests).
    expect(starting('all,,,,,4,,,,,11,,63.3333,100,4,')).toMatch(/^all,,,,,4,,,,,11,,63\.3333,100,4,\d+\.\d+,\d+\.\d+,,"Each answer has a weight/);
    expect(starting('all,,,,,4,depts,Departments,,,6,0.666667,66.6667,100,3,')).toBeDefined();
    expect(starting('group,citizen,Citizens,,,3,service,Service,,,4,0.625,62.5,100,3,')).toBeDefined();
    expect(starting('stratum,citizen,Citizens,d2,District 2,1,,,,,3,,75,100,1,')).toBeDefined();
    expect(starting('group,official,Officials,,,1,depts,Departments,,,2,1,100,100,1,')).toBeDefined();
    // Strata without interviews are not in the export (it covers every interview of the version, not a plan).
    expect(lines.some((l) => l.includes(',d3,'))).toBe(false);

    const json = await get(current, '/api/coordinator/exports/scored/1.scores.json', { cookie });
    expect(json.status).toBe(200);
    const body = json.body as { survey: { id: string; version: number }; scores: unknown };
    expect(body.survey).toMatchObject({ id: 'scored', version: 1 });
    const scores = QuestionnaireScores.parse(body.scores);
    const { 'citizen/d3': _none, ...withData } = EXPECTED;
    expect(table(scores)).toEqual(withData);

    const res = await fetch(`${current.url}/api/coordinator/exports/scored/1.xlsx`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'labels', 'codebook', 'scores']);
    const sheet = wb.getWorksheet('scores')!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows[0]).toEqual(lines[0]!.split(','));
    // Labels in Vietnamese by default; numbers as numbers; the method in Vietnamese on the first line.
    expect(rows.find((r) => r[0] === 'stratum' && r[3] === 'd1' && r[6] === 'service')?.slice(0, 15)).toEqual(['stratum', 'citizen', 'Người dân', 'd1', 'Huyện 1', 2, 'service', 'Phục vụ', undefined, undefined, 3, 0.5, 50, 100, 2]);
    expect(String(rows[1]![18])).toMatch(/^Mỗi câu trả lời có trọng số từ 0 đến 1/);

    const bad = await get(current, '/api/coordinator/exports/scored/1.scores.xlsx', { cookie });
    expect(bad.status).toBe(404);
  });

  it('scores papi questionnaires per part, outside any campaign too', async () => {
    // dim: part svc = (1 + 0.5) / 2 = 0.75 (I1's answers), part dep = (1 + 0 + 1 + 1) / 4 = 0.75 → 1 + 9 × 0.75 = 7.75.
    await send(
      scoredInterview('citizen', 'd1', { use: 'yes', Q1: 'good', Q2: 'fair', M: { r1: 'good', r2: 'poor' } }, 'scored-papi'),
      scoredInterview('official', undefined, { use: 'no', Q1: 'dk', M: { r1: 'good', r2: 'good' } }, 'scored-papi'),
    );
    const r = await get(current, '/api/coordinator/exports/scored-papi/1.scores.json', { cookie });
    const s = QuestionnaireScores.parse((r.body as { scores: unknown }).scores);
    expect(s.method).toBe('papi');
    expect(s.overall).toMatchObject({ interviews: 2, score: 7.75, max: 10, withData: 1 });
    expect(s.overall.components[0]!.parts).toEqual([
      { id: 'svc', key: 'dim.svc', count: 2, n: 1, value: 0.75 },
      { id: 'dep', key: 'dim.dep', count: 4, n: 2, value: 0.75 },
    ]);
    const official = s.groups.find((g) => g.id === 'official')!.report;
    // svc: only "don't know": no data; dep: 1 → 1 + 9 × 1 = 10.
    expect(official.components[0]).toMatchObject({ score: 10, parts: [{ id: 'svc', value: null }, { id: 'dep', value: 1 }] });
    // The campaign dashboard shows its own questionnaire only.
    expect((await dashboardScores()).map((x) => x.surveyId)).toEqual(['scored']);
  });

  it('re-scores every interview once when the scoring changes, and not again at the next start', async () => {
    const changed = folder(shareScoring(0));
    // Rows were re-scored, so the totals were checked against the contributions afterwards.
    expect(await restart(changed)).toMatchObject({ scored: 4, totalsChecked: true });
    expect(table((await dashboardScores())[0])).toEqual(EXPECTED_FAIR_0);
    const parts = await contributions();
    expect(await scoreStoredInterviews(first.database.db, loadCatalog(changed))).toBe(0);
    expect(await contributions()).toBe(parts);
    // The next start finds nothing to score and reads no whole table: the totals were kept with
    // the contributions in the same transactions.
    expect(await restart(changed)).toEqual({ counted: 0, scored: 0, totalsChecked: false });
    expect(table((await dashboardScores())[0])).toEqual(EXPECTED_FAIR_0);
  });

  it('scores data stored before scores existed (no fingerprint, no contributions, no totals) at start', async () => {
    const db = first.database.db;
    // The stored totals as they stand once pending deltas are folded in (./fold), to damage them.
    await foldScoreTotals(db);
    await db.deleteFrom('score_totals').execute();
    await db.deleteFrom('score_parts').execute();
    await db.updateTable('submissions').set({ scoring_hash: null, scores: null }).execute();
    await restart(folder(shareScoring()));
    expect(table((await dashboardScores())[0])).toEqual(EXPECTED);
    // 4 + 2 interviews, one part row per component (or papi part) with data: I1 2, I2 1, I3 2, I4 2,
    // papi 2 + 1; each interview's own overall score ("*"): 6; each papi respondent's dimension: 2;
    // each weighted answer as a criterion: I1 4, I2 1, I3 3, I4 3, papi 4 + 2.
    expect(await contributions()).toBe(35);
  });

  it('rebuilds the totals from the contributions when they disagree', async () => {
    const db = first.database.db;
    // The stored totals as they stand once pending deltas are folded in (./fold), to damage them.
    await foldScoreTotals(db);
    await db.deleteFrom('score_totals').where('part_key', '=', '').where('stratum', '=', 'd1').execute();
    expect(await totalsAgree(db)).toBe(false);
    expect(await scoreStoredInterviews(db, loadCatalog(dirs.at(-1)!))).toBe(0);
    expect(table((await dashboardScores())[0])).toEqual(EXPECTED);
    await db.updateTable('score_totals').set((eb) => ({ sum: eb('sum', '+', 1) })).where('part_key', '=', 'service').where('stratum', '=', 'd2').execute();
    expect(await totalsAgree(db)).toBe(false);
    await scoreStoredInterviews(db, loadCatalog(dirs.at(-1)!));
    expect(await totalsAgree(db)).toBe(true);
    expect(table((await dashboardScores())[0])).toEqual(EXPECTED);
  });

  it('reads contributions kept in score_parts before migration 0012: the totals agree, rebuild and re-score from them', async () => {
    const db = first.database.db;
    // The stored totals as they stand once pending deltas are folded in (./fold), to damage them.
    await foldScoreTotals(db);
    const dir = dirs.at(-1)!;
    const before = table((await dashboardScores())[0]);
    // As an older server left them: a row of score_parts per contribution, none on the interviews.
    const scored = await db.selectFrom('submissions').select(['id', 'scores']).where('scores', 'is not', null).execute();
    const legacy = scored.flatMap((r) => decodeParts(r.scores!).map((p) => ({ submission_id: r.id, part_key: p.key, sum: p.sum, count: p.count })));
    expect(legacy.length).toBeGreaterThan(0);
    await db.insertInto('score_parts').values(legacy).execute();
    await db.updateTable('submissions').set({ scores: null }).execute();
    expect(await totalsAgree(db)).toBe(true);
    expect(await contributions()).toBe(legacy.length);
    // Totals that disagree are rebuilt from score_parts.
    await db.deleteFrom('score_totals').where('part_key', '=', '').execute();
    expect(await totalsAgree(db)).toBe(false);
    await scoreStoredInterviews(db, loadCatalog(dir));
    expect(await totalsAgree(db)).toBe(true);
    expect(table((await dashboardScores())[0])).toEqual(before);
    // A scoring change (the 4 interviews of "scored") takes the old contributions off from score_parts
    // and keeps the new ones on the rows; the papi ones stay in score_parts, still counted.
    expect(await restart(folder(shareScoring(0)))).toMatchObject({ scored: 4 });
    const left = await db.selectFrom('score_parts').innerJoin('submissions', 'submissions.id', 'score_parts.submission_id').select('submissions.survey_id').distinct().execute();
    expect(left.map((r) => r.survey_id)).toEqual(['scored-papi']);
    expect(await totalsAgree(db)).toBe(true);
    // And back: the figures are the ones before, to the last decimal.
    expect(await restart(dir)).toMatchObject({ scored: 4 });
    expect(table((await dashboardScores())[0])).toEqual(before);
  });

  it('keeps exact totals when batches over the same strata arrive at once', async () => {
    // Each batch adds I1 + I3 + I4 (in a different order): per batch, d1 +1, d2 +1, officials +1.
    const batches = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? [I1(), I3(), I4()] : [I4(), I3(), I1()]));
    const replies = await Promise.all(batches.map((items) => post(current, '/api/submissions', { items }, { token })));
    expect(replies.map((r) => r.status)).toEqual(batches.map(() => 200));
    expect(await totalsAgree(first.database.db)).toBe(true);
    const t = table((await dashboardScores())[0]);
    expect([t.all![0], t['citizen/d1']![0], t['citizen/d2']![0], t.official![0]]).toEqual([4 + 18, 2 + 6, 1 + 6, 1 + 6]);
    // d1 = I1 + I2 + 6 × I1: service (1.5 + 0 + 6 × 1.5) / (2 + 1 + 6 × 2) = 10.5 / 15 = 70 %.
    expect(t['citizen/d1']![2]).toBe(70);
  });
});
