// @vitest-environment node
/**
 * Protected respondents, end to end: a campaign with a minimum cell size of 5, strata of 1, 6 and 7
 * respondents and a breakdown with a small answer. The dashboard, the report and the score exports
 * withhold the small cells and the ones that would give them away, and an attacker using every
 * figure they show (totals, means and counts) cannot work a withheld score out. Versions are
 * pooled only when their scoring blocks are the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CampaignReport, CoordinatorDashboard, QuestionnaireScores, SubmitResponse } from '../../src/contract';
import type { ScoreReportWire } from '../../src/contract';
import type { Scoring } from '../../src/survey';
import { loginAsCoordinator } from './coordinator-session';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { get, post } from './http';
import { CAMPAIGN, scoredDefinition, scoredInterview, shareScoring } from './scoring-fixtures';
import { foldScoreTotals } from '../../src/server/scores/fold';

const t = (en: string, vi: string) => ({ vi, en });

/** Share scoring per respondent (so a group's score is the respondent-weighted mean of its strata's), broken down by "use". */
const scoring = (fair = 0.5): Scoring => ({ ...shareScoring(fair), aggregation: 'respondent', breakdowns: ['use'] });

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-'));
  writeFileSync(join(dir, 'scored-v1.json'), JSON.stringify(scoredDefinition('scored', scoring())));
  // Version 2: the same scoring (pooled with 1); version 3: "fair" weighs 0 (never pooled with them).
  writeFileSync(join(dir, 'scored-v2.json'), JSON.stringify({ ...scoredDefinition('scored', scoring()), version: 2 }));
  writeFileSync(join(dir, 'scored-v3.json'), JSON.stringify({ ...scoredDefinition('scored', scoring(0)), version: 3 }));
  mkdirSync(join(dir, 'campaigns'));
  const strata = ['d1', 'd2', 'd3'].map((value, i) => ({ value, label: t(`District ${i + 1}`, `Huyện ${i + 1}`), target: 10 }));
  writeFileSync(
    join(dir, 'campaigns', `${CAMPAIGN}.json`),
    JSON.stringify({
      id: CAMPAIGN,
      title: t('Campaign', 'Đợt khảo sát'),
      start: '2025-03-01',
      end: '2025-03-31',
      minCellSize: 5,
      scoreTargets: [{ questionnaire: 'scored', op: '>', value: 10 }],
      groups: [
        { id: 'citizen', label: t('Citizens', 'Người dân'), questionnaire: { id: 'scored', version: 1 }, policy: 'continue', strata },
        { id: 'official', label: t('Officials', 'Công chức'), questionnaire: { id: 'scored', version: 1 }, policy: 'continue', target: 10 },
      ],
    }),
  );
  return dir;
}

/** An interview whose own share is good (100 %), fair (50 %) or poor (0 %) on both components. */
function interview(group: 'citizen' | 'official', stratum: string | undefined, answer: 'good' | 'fair' | 'poor', use: 'yes' | 'no', version = 1) {
  const i = scoredInterview(group, stratum, { use, Q1: answer, ...(use === 'yes' ? { Q2: answer } : {}), M: { r1: answer, r2: answer } });
  return { ...i, surveyVersion: version };
}

describeEachDatabase('disclosure', (database) => {
  let server: TestServer;
  let cookie: string;
  let dir: string;

  beforeAll(async () => {
    dir = folder();
    server = await startTestServer({ database, definitionsDir: dir });
    cookie = await loginAsCoordinator(server);
    const { token } = await server.enrolDevice('Nguyễn Văn A');
    // d1: 1 respondent (poor); d2: 6 (fair); d3: 7 (good); officials: 5 (good). "use" = no: 2 people.
    const items = [
      interview('citizen', 'd1', 'poor', 'no'),
      ...Array.from({ length: 6 }, (_, i) => interview('citizen', 'd2', 'fair', i === 0 ? 'no' : 'yes')),
      ...Array.from({ length: 7 }, () => interview('citizen', 'd3', 'good', 'yes')),
      ...Array.from({ length: 5 }, () => interview('official', undefined, 'good', 'yes')),
    ];
    const r = await post(server, '/api/submissions', { items }, { token });
    expect(r.status).toBe(200);
    expect(SubmitResponse.parse(r.body).results.every((x) => x.status === 'stored')).toBe(true);
    // Versions 2 (same scoring) and 3 (other scoring): 3 interviews each, outside the campaign's groups' version.
    const later = [2, 3].flatMap((v) => Array.from({ length: 3 }, () => interview('official', undefined, 'fair', 'yes', v)));
    expect((await post(server, '/api/submissions', { items: later }, { token })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const dashboard = async (): Promise<QuestionnaireScores> => {
    const r = await get(server, `/api/coordinator/dashboard?campaign=${CAMPAIGN}`, { cookie });
    expect(r.status).toBe(200);
    return CoordinatorDashboard.parse(r.body).scores[0]!;
  };

  it('withholds the 1-respondent stratum (primary) and the 6 beside it (complementary); the rest is shown', async () => {
    const s = await dashboard();
    expect(s.minCell).toBe(5);
    const citizen = s.groups.find((g) => g.id === 'citizen')!;
    const view = (r: ScoreReportWire) => [r.interviews, r.n, r.suppressed ?? 'shown', r.score];
    expect(citizen.strata.map((st) => [st.value, ...view(st.report)])).toEqual([
      ['d1', 1, 1, 'primary', null],
      ['d2', 6, 6, 'complementary', null],
      ['d3', 7, 7, 'shown', 100],
    ]);
    // Every component of a withheld cell is withheld too, with its interval.
    for (const st of citizen.strata.slice(0, 2)) expect(st.report.components.every((c) => c.score === null && c.interval === null && c.suppressed !== undefined)).toBe(true);
    // Citizens: (0 + 6 × 50 + 7 × 100) / 14; officials 100; the interval is there.
    expect(view(citizen.report)).toEqual([14, 14, 'shown', expect.closeTo(1000 / 14, 4) as number]);
    expect(citizen.report.interval).not.toBeNull();
    // Officials: 5 good of version 1 and 3 fair of version 2 (same scoring, pooled): (500 + 150) / 8.
    expect(view(s.groups.find((g) => g.id === 'official')!.report)).toEqual([8, 8, 'shown', 81.25]);
  });

  it('cannot be undone by subtraction: the group and the shown stratum leave two unknowns', async () => {
    const s = await dashboard();
    const citizen = s.groups.find((g) => g.id === 'citizen')!;
    // What the attacker knows: n and mean of the group and of every shown stratum.
    const known = citizen.strata.filter((st) => st.report.score !== null);
    const rest = citizen.report.n * citizen.report.score! - known.reduce((sum, st) => sum + st.report.n * st.report.score!, 0);
    const unknown = citizen.strata.filter((st) => st.report.score === null && st.report.n > 0);
    // 300 = 1 × d1 + 6 × d2 has infinitely many solutions in 0–100: d1 is not determined.
    expect(rest).toBeCloseTo(300, 2);
    expect(unknown.map((st) => st.value)).toEqual(['d1', 'd2']);
    // Solvable only with one unknown: 0 (d1 = 0, d2 = 50) and 100 (d1 = 100, d2 = 33.3) both fit.
    for (const d1 of [0, 100]) expect((rest - d1) / 6).toBeGreaterThanOrEqual(0);
  });

  it('judges the campaign\'s targets on the dashboard as in the report', async () => {
    const r = await get(server, `/api/coordinator/dashboard?campaign=${CAMPAIGN}`, { cookie });
    const targets = CoordinatorDashboard.parse(r.body).targets!;
    expect(targets.map((x) => [x.label.en, x.status, x.figure?.n])).toEqual([['Overall score — Whole campaign > 10', 'met', 22]]);
  });

  it('keeps breakdown totals per group over every stratum, not per stratum (few rows per batch)', async () => {
    await foldScoreTotals(server.database.db);
    const rows = await server.database.db
      .selectFrom('score_totals')
      .select(['group_id', 'stratum', 'part_key', 'interviews'])
      .where('part_key', 'like', 'use=%@')
      .where('survey_version', '=', 1)
      .orderBy('group_id')
      .orderBy('part_key')
      .execute();
    // Citizens in three strata and officials: one row per group and answer, all at stratum ''.
    expect(rows.map((r) => [r.group_id, r.stratum, r.part_key, Number(r.interviews)])).toEqual([
      ['citizen', '', 'use=no@', 2],
      ['citizen', '', 'use=yes@', 12],
      ['official', '', 'use=yes@', 5],
    ]);
  });

  it('withholds the small answer of a breakdown and its complement, with the reason', async () => {
    const s = await dashboard();
    const use = s.breakdowns.find((b) => b.question === 'use')!;
    expect(use.cells.map((c) => [c.value, c.report.interviews, c.report.suppressed ?? 'shown', c.report.score])).toEqual([
      ['yes', 20, 'complementary', null],
      ['no', 2, 'primary', null],
    ]);
  });

  it('the report and the score exports show the same withheld cells, never their values', async () => {
    const r = await get(server, `/api/coordinator/campaigns/${CAMPAIGN}/report?compare=none`, { cookie });
    expect(r.status).toBe(200);
    const report = CampaignReport.parse(r.body);
    expect(report.questionnaires[0]!.groups[0]!.strata.map((st) => st.report.suppressed ?? 'shown')).toEqual(['primary', 'complementary', 'shown']);
    // The target is judged on the interval of the whole campaign.
    expect(report.targets).toMatchObject([{ surveyId: 'scored', status: 'met', figure: { n: 22 } }]);
    const csv = await get(server, '/api/coordinator/exports/scored/1.scores.csv', { cookie });
    const lines = csv.text.split('\r\n').filter((l) => l.startsWith('stratum,citizen'));
    // d1 and d2: no value or score; d3 with its scores.
    for (const l of lines.filter((x) => /,d[12],/.test(x))) expect(l.split(',').slice(11, 13)).toEqual(['', '']);
    expect(lines.some((l) => /,d3,/.test(l) && l.split(',')[12] === '100')).toBe(true);
  });

  it('pools versions 1 and 2 (same scoring) and leaves version 3 out, saying how many interviews', async () => {
    const s = await dashboard();
    // The campaign's groups use version 1; its rows of versions 2 and 3 are counted apart.
    expect(s.versions).toEqual([1, 2]);
    expect(s.excluded).toEqual([{ version: 3, interviews: 3 }]);
    expect(s.groups.find((g) => g.id === 'official')!.report.interviews).toBe(8);
    expect(s.overall.interviews).toBe(22);
  });
});
