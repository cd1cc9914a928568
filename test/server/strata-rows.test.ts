// @vitest-environment node
/**
 * A matrix rating the campaign's strata on the server, on both databases: a campaign adds a
 * department during fieldwork; an interview rating it is stored with its rating, the export has
 * its column with the campaign's name for it (CSV, SPSS dictionary), and it is scored as a
 * criterion of its own (scores export, campaign report). An interview from a device whose plan is
 * older (the new department unrated) or that rated a code nobody knows is stored as sent, never
 * refused, and the export says that code is unknown. The link's page carries the plan.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CampaignDetail, CampaignReport, CoordinatorDashboard, LinkCreated, LinkInfo, QuestionnaireScores, QuotaSnapshot, SubmitResponse } from '../../src/contract';
import type { Submission } from '../../src/contract';
import { vietnamToday } from '../../src/server/campaigns/day';
import type { Campaign } from '../../src/survey/campaign';
import type { Definition } from '../../src/survey';
import { def, group, item, matrix, scale, section, single, t } from '../survey/fixtures';
import { startWithCoordinator } from './coordinator-session';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import * as XLSX from '@e965/xlsx';
import { parseCsv } from './csv';
import { get, post } from './http';

/** Department leaders rate the service of each department the campaign surveys. */
const rating: Definition = def({
  id: 'dept-service',
  respondentGroups: [group('leader', { stratumList: 'departments' })],
  scales: { service: scale(['good', 'poor']) },
  lists: { departments: [item('so-noi-vu'), item('so-tai-chinh'), item('so-y-te'), item('so-dan-toc')] },
  sections: [
    section('s1', [
      single('dept', [], { optionsFrom: 'departments', fromStratum: true }),
      matrix('rate', 'service', [], { rowsFrom: { strata: true }, required: true }),
    ]),
  ],
  scoring: { method: 'share', weights: { service: { good: 1, poor: 0 } }, components: [{ id: 'service', label: t('Service'), items: ['rate'] }] },
});

const tx = (vi: string, en: string) => ({ vi, en });
const HEALTH = { value: 'so-y-te', label: tx('Sở Y tế Quảng Trị', 'Quảng Trị Department of Health'), target: 3 };
const FINANCE = { value: 'so-tai-chinh', label: tx('Sở Tài chính (sau hợp nhất)', 'Department of Finance (merged)'), target: 3 };
const ETHNIC = { value: 'so-dan-toc', label: tx('Sở Dân tộc và Tôn giáo', 'Department of Ethnic Minorities and Religion'), target: 2 };

const shift = (days: number) => vietnamToday(new Date(Date.now() + days * 86_400_000));

/** Departments the questionnaire's list lacks (founded in 2026): the campaign plans them, named by itself. */
const FOREIGN = { value: 'so-ngoai-vu', label: tx('Sở Ngoại vụ (thành lập 2026)', 'Department of Foreign Affairs (founded 2026)'), target: 1 };
const PLANNING = { value: 'so-ke-hoach', label: tx('Sở Kế hoạch (thành lập 2026)', 'Department of Planning (founded 2026)'), target: 2 };

/** Running now; figures on a single respondent are shown (the test reads them). */
function campaign(strata: (typeof HEALTH)[], policy: 'stop' | 'continue' = 'continue'): Campaign {
  return {
    id: 'depts-2026',
    title: tx('Đánh giá các sở năm 2026', 'Rating the departments, 2026'),
    start: shift(-10),
    end: shift(30),
    minCellSize: 1,
    groups: [{ id: 'leader', label: tx('Lãnh đạo sở', 'Department leaders'), questionnaire: { id: 'dept-service', version: 1 }, policy, strata }],
  };
}

function interview(stratum: string, rate: Record<string, string>): Submission {
  const now = Date.now();
  return {
    id: randomUUID(),
    surveyId: 'dept-service',
    surveyVersion: 1,
    respondentGroup: 'leader',
    stratum,
    lang: 'vi',
    answers: { dept: stratum, rate },
    startedAt: new Date(now - 20 * 60_000).toISOString(),
    completedAt: new Date(now - 60_000).toISOString(),
    sectionTimes: { s1: 600 },
  };
}

describeEachDatabase('a matrix of the campaign’s strata', (database) => {
  let dir: string;
  let server: TestServer;
  let cookie: string;
  let token: string;
  const before = interview('so-y-te', { 'so-y-te': 'good', 'so-tai-chinh': 'poor' });
  const after = interview('so-tai-chinh', { 'so-y-te': 'good', 'so-tai-chinh': 'good', 'so-dan-toc': 'poor' });
  // A device that synced before the department was added: it rated the two it knew.
  const stale = interview('so-y-te', { 'so-y-te': 'poor', 'so-tai-chinh': 'good' });
  // A code neither the plan nor the questionnaire has (a device with an altered plan).
  const stray = interview('so-y-te', { 'so-y-te': 'good', 'xa-moi': 'good' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strata-rows-defs-'));
    writeFileSync(join(dir, 'dept-service.json'), JSON.stringify(rating));
    ({ server, cookie } = await startWithCoordinator({ database, definitionsDir: dir }));
    ({ token } = await server.enrolDevice());
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (item: Submission) => {
    const r = await post(server, '/api/submissions', { items: [item] }, { token });
    expect(r.status, r.text).toBe(200);
    return SubmitResponse.parse(r.body).results[0];
  };
  const put = (path: string, body: unknown) =>
    fetch(server.url + path, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

  it('stores an interview rating a department the campaign adds during fieldwork', async () => {
    const created = await post(server, '/api/coordinator/campaigns', campaign([HEALTH, FINANCE]), { headers: { cookie } });
    expect(created.status, created.text).toBe(201);
    expect(await send(before)).toEqual({ id: before.id, status: 'stored' });

    const { revision } = CampaignDetail.parse(created.body);
    const edited = await put('/api/coordinator/campaigns/depts-2026', { campaign: campaign([HEALTH, FINANCE, ETHNIC]), revision });
    expect(edited.status, await edited.text()).toBe(200);
    expect(await send(after)).toEqual({ id: after.id, status: 'stored' });
    expect((await server.getSubmission(after.id))?.answers).toEqual(after.answers);
  });

  it('stores, as sent, an interview from a device with an older plan and one rating a code nobody knows', async () => {
    expect(await send(stale)).toEqual({ id: stale.id, status: 'stored' });
    expect(await send(stray)).toEqual({ id: stray.id, status: 'stored' });
    expect((await server.getSubmission(stray.id))?.answers).toEqual(stray.answers);
    // A rating off the scale is still refused: the device's form never gives one.
    const off = await send(interview('so-y-te', { 'so-dan-toc': 'excellent' }));
    expect(off).toMatchObject({ status: 'rejected', code: 'invalid_answers', errors: { rate: { code: 'notAnOption' } } });
  });

  it('exports a column per planned department and per code rated, named by the campaign', async () => {
    const csv = await fetch(`${server.url}/api/coordinator/exports/dept-service/1.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(await csv.text());
    const rateColumns = header!.filter((h) => h.startsWith('rate.'));
    expect(rateColumns).toEqual(['rate.so-y-te', 'rate.so-tai-chinh', 'rate.so-dan-toc', 'rate.xa-moi']);
    const row = rows.find((r) => r[0] === after.id)!;
    expect(rateColumns.map((c) => row[header!.indexOf(c)])).toEqual(['good', 'good', 'poor', '']);

    const sps = await fetch(`${server.url}/api/coordinator/exports/dept-service/1.sps`, { headers: { cookie } });
    expect(sps.status).toBe(200);
    const syntax = await sps.text();
    expect(syntax).toContain('Sở Dân tộc và Tôn giáo');
    expect(syntax).toContain('xa-moi (mã không có trong kế hoạch của đợt khảo sát nào, cũng không có trong danh sách của bảng hỏi)');
  });

  it('scores the new department as a criterion of its own, named by the campaign', async () => {
    const exported = await fetch(`${server.url}/api/coordinator/exports/dept-service/1.scores.json`, { headers: { cookie } });
    expect(exported.status).toBe(200);
    const { scores } = (await exported.json()) as { scores: unknown };
    const ethnic = QuestionnaireScores.parse(scores).criteria.find((c) => c.id === 'rate.so-dan-toc');
    expect(ethnic).toMatchObject({ n: 1, score: 0, label: { vi: 'question rate (vi) — Sở Dân tộc và Tôn giáo' } });

    const report = await get(server, '/api/coordinator/campaigns/depts-2026/report', { cookie });
    expect(report.status, report.text).toBe(200);
    const q = CampaignReport.parse(report.body).questionnaires.find((x) => x.surveyId === 'dept-service')!;
    // Health: good, good, poor, good; Finance: poor, good, good; the new department: poor; the stray code: good.
    const expected: [string, number, number][] = [
      ['rate.so-y-te', 4, 75],
      ['rate.so-tai-chinh', 3, 200 / 3],
      ['rate.so-dan-toc', 1, 0],
      ['rate.xa-moi', 1, 100],
    ];
    expect(q.criteria.map((c) => c.id)).toEqual(expected.map(([id]) => id));
    for (const [id, n, score] of expected) {
      const c = q.criteria.find((x) => x.id === id)!;
      expect(c.n).toBe(n);
      expect(c.score).toBeCloseTo(score, 3);
    }
    expect(q.criteria.find((c) => c.id === 'rate.so-tai-chinh')?.label.en).toBe('question rate — Department of Finance (merged)');
  });

  it('gives a respondent’s link the plan its matrix rates', async () => {
    const made = await post(server, '/api/coordinator/links', { campaign: 'depts-2026', group: 'leader', stratum: 'so-y-te', kind: 'single' }, { headers: { cookie } });
    expect(made.status, made.text).toBe(201);
    const link = LinkCreated.parse(made.body).links[0]!;
    const info = LinkInfo.parse((await get(server, `/api/links/${link.token}`)).body);
    expect(info.plan).toEqual({ version: 1, strata: [HEALTH, FINANCE, ETHNIC].map(({ value, label }) => ({ value, label })) });
  });

  const snapshot = async () => QuotaSnapshot.parse((await get(server, '/api/quota?campaign=depts-2026', { cookie })).body).groups[0]!;
  const revision = async () => CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/depts-2026', { cookie })).body).revision;

  it('takes a department the campaign plans outside the questionnaire’s list: stored, counted under "stop", rated, linked', async () => {
    const planned = await put('/api/coordinator/campaigns/depts-2026', { campaign: campaign([HEALTH, FINANCE, ETHNIC, FOREIGN, PLANNING], 'stop'), revision: await revision() });
    expect(planned.status, await planned.text()).toBe(200);
    // A link for it, its page naming it by the campaign's label; starting is allowed while it has room.
    const made = await post(server, '/api/coordinator/links', { campaign: 'depts-2026', group: 'leader', stratum: FOREIGN.value, kind: 'single' }, { headers: { cookie } });
    expect(made.status, made.text).toBe(201);
    const link = LinkCreated.parse(made.body).links[0]!;
    expect(link.link.stratum).toEqual({ value: FOREIGN.value, label: FOREIGN.label });
    const opened = LinkInfo.parse((await get(server, `/api/links/${link.token}`)).body);
    expect([opened.stratum, opened.startAllowed]).toEqual([{ value: FOREIGN.value, label: FOREIGN.label }, true]);
    // A code neither the list nor the campaign has is still no link's stratum.
    const stray = await post(server, '/api/coordinator/links', { campaign: 'depts-2026', group: 'leader', stratum: 'so-khong-co', kind: 'single' }, { headers: { cookie } });
    expect([stray.status, (stray.body as { error: { code: string } }).error.code]).toEqual([422, 'unknown_stratum']);

    // An enumerator's interview in it: stored with its stratum as the answer to the question recording it, and counted.
    const item = interview(FOREIGN.value, { 'so-y-te': 'good', [FOREIGN.value]: 'poor' });
    expect(await send(item)).toEqual({ id: item.id, status: 'stored' });
    expect((await server.getSubmission(item.id))?.answers).toEqual({ dept: FOREIGN.value, rate: { 'so-y-te': 'good', [FOREIGN.value]: 'poor' } });
    expect((await snapshot()).strata.find((x) => x.value === FOREIGN.value)).toEqual({ ...FOREIGN, accepted: 1, over: 0, full: true });
    // Full under "stop": the link starts no new interview.
    expect(LinkInfo.parse((await get(server, `/api/links/${link.token}`)).body).startAllowed).toBe(false);
    // The dashboard shows it among the strata.
    const board = CoordinatorDashboard.parse((await get(server, '/api/coordinator/dashboard?campaign=depts-2026', { cookie })).body);
    expect(board.quota?.groups[0]!.strata.find((x) => x.value === FOREIGN.value)).toMatchObject({ label: FOREIGN.label, accepted: 1 });
  });

  it('stores an interview in a department the campaign dropped after a tablet had it, shown as unplanned', async () => {
    const dropped = await put('/api/coordinator/campaigns/depts-2026', { campaign: campaign([HEALTH, FINANCE, ETHNIC, FOREIGN], 'stop'), revision: await revision() });
    expect(dropped.status, await dropped.text()).toBe(200);
    // Neither the list nor the campaign knows it now: the enumerator could not change it, so it is kept.
    const late = interview(PLANNING.value, { [PLANNING.value]: 'good' });
    expect(await send(late)).toEqual({ id: late.id, status: 'stored' });
    expect((await snapshot()).strata.find((x) => x.value === PLANNING.value)).toMatchObject({ label: { vi: PLANNING.value, en: PLANNING.value }, target: 0, accepted: 1, over: 1 });
    // The exports' value labels for the stratum have it, found among the counted strata, and say
    // that no campaign plans it.
    const sps = await (await fetch(`${server.url}/api/coordinator/exports/dept-service/1.sps?labels=en`, { headers: { cookie } })).text();
    expect(sps).toContain(`'${PLANNING.value}' '${PLANNING.value} (a code in no campaign''s plan and in none of the questionnaire''s lists)'`);
    // Named as a campaign that planned it does (here last year's), when one does.
    const lastYear = { ...campaign([HEALTH, PLANNING]), id: 'depts-2025', title: tx('Đánh giá các sở năm 2025', 'Rating the departments, 2025'), start: shift(-400), end: shift(-370) };
    const created = await post(server, '/api/coordinator/campaigns', lastYear, { headers: { cookie } });
    expect(created.status, created.text).toBe(201);
    expect((await snapshot()).strata.find((x) => x.value === PLANNING.value)).toMatchObject({ label: PLANNING.label, target: 0, accepted: 1 });
  });

  it('exports the campaign’s own departments by the campaign’s label: stratum, the question recording it, scores, SPSS labels, XLSX', async () => {
    const csv = await fetch(`${server.url}/api/coordinator/exports/dept-service/1.csv?labels=vi`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(await csv.text());
    const cell = (row: string[], column: string) => row[header!.indexOf(column)];
    const foreign = rows.find((r) => cell(r, 'stratum') === FOREIGN.label.vi);
    expect(foreign && [cell(foreign, 'dept'), cell(foreign, `rate.${FOREIGN.value}`)]).toEqual([FOREIGN.label.vi, 'option poor (vi)']);
    // The department this year's plan dropped is named as last year's plan named it.
    expect(rows.some((r) => cell(r, 'stratum') === PLANNING.label.vi && cell(r, 'dept') === PLANNING.label.vi)).toBe(true);

    const sps = await (await fetch(`${server.url}/api/coordinator/exports/dept-service/1.sps?labels=en`, { headers: { cookie } })).text();
    // One set of value labels for the stratum and the question recording it, the campaign's department among them.
    const lines = sps.split(/\r?\n/).map((l) => l.trim());
    const set = lines.slice(lines.indexOf('VALUE LABELS stratum dept'));
    const values = set.slice(1, set.findIndex((l, i) => i > 0 && l.endsWith('.')) + 1).map((l) => l.replace(/\.$/, ''));
    expect(values).toContain("'so-ngoai-vu' 'Department of Foreign Affairs (founded 2026)'");
    // The scores per stratum name it so too.
    const scores = (await (await fetch(`${server.url}/api/coordinator/exports/dept-service/1.scores.json`, { headers: { cookie } })).json()) as { scores: unknown };
    const strata = QuestionnaireScores.parse(scores.scores).groups[0]!.strata;
    expect(strata.find((x) => x.value === FOREIGN.value)?.label).toEqual(FOREIGN.label);
    const xlsx = await fetch(`${server.url}/api/coordinator/exports/dept-service/1.xlsx?labels=en`, { headers: { cookie } });
    expect(xlsx.status).toBe(200);
    const book = XLSX.read(new Uint8Array(await xlsx.arrayBuffer()), { type: 'array' });
    const labels = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['labels']!);
    expect(labels.some((r) => r['stratum'] === FOREIGN.label.en && r['dept'] === FOREIGN.label.en)).toBe(true);
  });

});
