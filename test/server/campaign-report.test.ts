// @vitest-environment node
/**
 * The campaign report through the API: targets judged on their intervals (met, not met, not yet
 * decidable), the comparison with the earlier campaign of the same questionnaire (change, its
 * interval, whether it exceeds the noise), and the same report as a Word document.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CampaignReport } from '../../src/contract';
import { wilsonInterval } from '../../src/survey/stats';
import { loginAsCoordinator } from './coordinator-session';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { get, post } from './http';
import { libreOffice, SOFFICE, SOFFICE_NOTE, WITH_SOFFICE } from './libreoffice-writer';
import { scoredDefinition, scoredInterview, shareScoring } from './scoring-fixtures';

const t = (en: string, vi: string) => ({ vi, en });

function campaign(id: string, year: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    title: t(`Survey ${year}`, `Khảo sát năm ${year}`),
    start: `${year}-03-01`,
    end: `${year}-03-31`,
    minCellSize: 1,
    groups: [
      { id: 'official', label: t('Officials', 'Công chức'), questionnaire: { id: 'scored', version: 1 }, policy: 'continue', target: 100 },
      // Planned in both years, never surveyed: nothing to compare.
      {
        id: 'citizen',
        label: t('Citizens', 'Người dân'),
        questionnaire: { id: 'scored', version: 1 },
        policy: 'continue',
        strata: [{ value: 'd1', label: t('District 1', 'Huyện 1'), target: 10 }],
      },
    ],
    ...extra,
  };
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-report-'));
  writeFileSync(join(dir, 'scored.json'), JSON.stringify(scoredDefinition('scored', { ...shareScoring(), aggregation: 'respondent' })));
  mkdirSync(join(dir, 'campaigns'));
  writeFileSync(join(dir, 'campaigns', 'y2024.json'), JSON.stringify(campaign('y2024', 2024)));
  writeFileSync(
    join(dir, 'campaigns', 'y2025.json'),
    JSON.stringify(
      campaign('y2025', 2025, {
        scoreTargets: [
          { questionnaire: 'scored', op: '>', value: 50, label: t('Satisfaction above 50%', 'Mức hài lòng trên 50 %') },
          { questionnaire: 'scored', op: '>=', value: 95 },
          { questionnaire: 'scored', component: 'service', op: '>', value: 70 },
        ],
      }),
    ),
  );
  return dir;
}

/** An official whose every answer is `answer` (good: 100 %, poor: 0 %), completed in `year`. */
function official(answer: 'good' | 'poor', year: number) {
  const i = scoredInterview('official', undefined, { use: 'no', Q1: answer, M: { r1: answer, r2: answer } });
  return { ...i, startedAt: `${year}-03-10T09:00:00.000+07:00`, completedAt: `${year}-03-10T09:20:00.000+07:00` };
}

describeEachDatabase('campaign report', (database) => {
  let server: TestServer;
  let cookie: string;
  let dir: string;

  beforeAll(async () => {
    dir = folder();
    server = await startTestServer({ database, definitionsDir: dir });
    cookie = await loginAsCoordinator(server);
    const { token } = await server.enrolDevice('Nguyễn Văn A');
    // 2024: 20 of 100 good (20 %); 2025: 80 of 100 good (80 %).
    const items = [
      ...Array.from({ length: 100 }, (_, i) => official(i < 20 ? 'good' : 'poor', 2024)),
      ...Array.from({ length: 100 }, (_, i) => official(i < 80 ? 'good' : 'poor', 2025)),
    ];
    for (let i = 0; i < items.length; i += 50) expect((await post(server, '/api/submissions', { items: items.slice(i, i + 50) }, { token })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('judges each target on its 95 % interval and compares with the latest earlier campaign', async () => {
    const r = await get(server, '/api/coordinator/campaigns/y2025/report', { cookie });
    expect(r.status).toBe(200);
    const report = CampaignReport.parse(r.body);
    expect(report.interviews).toBe(100);
    expect(report.comparable.map((c) => c.id)).toEqual(['y2024']);
    // 80 % of 100: Wilson 71.1–86.7 → above 50 met; at least 95 not met; service above 70 met… on its own figure.
    const w = wilsonInterval(0.8, 100)!;
    expect(report.targets.map((x) => [x.label.vi, x.status])).toEqual([
      ['Mức hài lòng trên 50 %', 'met'],
      ['Chỉ số chung — Toàn đợt khảo sát ≥ 95', 'not_met'],
      ['Phục vụ — Toàn đợt khảo sát > 70', 'met'],
    ]);
    expect(report.targets[0]!.figure!.interval!.low).toBeCloseTo(100 * w.low, 3);
    expect(report.targets[0]!.figure!.interval!.high).toBeCloseTo(100 * w.high, 3);

    // Per criterion over the whole campaign: Q2 was hidden from everyone (no data), the rest 80 %.
    expect(report.questionnaires[0]!.criteria.map((x) => [x.component, x.id, x.n, x.score])).toEqual([
      ['service', 'Q1', 100, 80],
      ['service', 'Q2', 0, null],
      ['depts', 'M.r1', 100, 80],
      ['depts', 'M.r2', 100, 80],
    ]);
    expect(report.questionnaires[0]!.criteria[2]!.label.vi).toBe('Each department (vi) — Dept 1 (vi)');

    const c = report.comparison!;
    expect(c.campaign.id).toBe('y2024');
    expect(c.differentScoring).toEqual([]);
    const overall = c.rows.find((x) => x.scope === 'all' && x.component === undefined)!;
    // 20 % → 80 %: +60 points, far beyond the noise of two samples of 100.
    expect(overall.before!.score).toBeCloseTo(20, 6);
    expect(overall.after!.score).toBeCloseTo(80, 6);
    expect(overall.change).toBeCloseTo(60, 6);
    expect(overall.exceeds).toBe(true);
    expect(overall.low! > 40 && overall.high! < 80).toBe(true);
    expect(c.rows.map((x) => [x.scope, x.component ?? 'overall'])).toEqual([
      ['all', 'overall'],
      ['all', 'service'],
      ['all', 'depts'],
      ['group', 'overall'],
      ['group', 'service'],
      ['group', 'depts'],
    ]);
  });

  it('compares only figures one of the campaigns shows: no row where neither has data', async () => {
    const report = CampaignReport.parse((await get(server, '/api/coordinator/campaigns/y2025/report', { cookie })).body);
    // Both campaigns have officials only: the whole and the officials' group, never a stratum or a group with nothing.
    expect(new Set(report.comparison!.rows.map((x) => `${x.scope}:${x.group ?? ''}`))).toEqual(new Set(['all:', 'group:official']));
    expect(report.comparison!.rows.every((x) => x.before?.score != null || x.after?.score != null)).toBe(true);
  });

  it('leaves the comparison out with compare=none, refuses an unknown campaign, and says a target is undecidable when it straddles', async () => {
    const none = CampaignReport.parse((await get(server, '/api/coordinator/campaigns/y2025/report?compare=none', { cookie })).body);
    expect(none.comparison).toBeNull();
    expect((await get(server, '/api/coordinator/campaigns/y2025/report?compare=nope', { cookie })).status).toBe(404);
    expect((await get(server, '/api/coordinator/campaigns/nope/report', { cookie })).status).toBe(404);
    // 2024 has no targets; its own report has nothing earlier to compare with.
    const first = CampaignReport.parse((await get(server, '/api/coordinator/campaigns/y2024/report', { cookie })).body);
    expect(first.comparison).toBeNull();
    expect(first.targets).toEqual([]);
  });

  it(`downloads the report as a Word document in either language, recorded in the audit trail, opened by LibreOffice${SOFFICE_NOTE}`, { timeout: WITH_SOFFICE }, async () => {
    for (const lang of ['vi', 'en'] as const) {
      const res = await fetch(`${server.url}/api/coordinator/campaigns/y2025/report.docx?lang=${lang}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers.get('content-disposition')).toContain(lang === 'vi' ? 'y2025-bao-cao.docx' : 'y2025-report.docx');
      const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
      expect(xml).toContain(lang === 'vi' ? 'Khảo sát năm 2025' : 'Survey 2025');
      expect(xml).toContain(lang === 'vi' ? 'Mức hài lòng trên 50 %' : 'Satisfaction above 50%');
    }
    expect((await get(server, '/api/coordinator/campaigns/y2025/report.docx?lang=fr', { cookie })).status).toBe(400);
    const audit = await server.database.db.selectFrom('audit_log').select(['action', 'target']).where('target', '=', 'campaign:y2025').execute();
    expect(audit).toEqual([
      { action: 'export.downloaded', target: 'campaign:y2025' },
      { action: 'export.downloaded', target: 'campaign:y2025' },
    ]);
    if (SOFFICE && database === 'sqlite') {
      // Opened by LibreOffice: the report of these seeded interviews converts to a PDF whose text has them.
      const res = await fetch(`${server.url}/api/coordinator/campaigns/y2025/report.docx`, { headers: { cookie } });
      const docx = Buffer.from(await res.arrayBuffer());
      const pdf = libreOffice(docx, 'pdf', 'pdf');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = libreOffice(docx, 'txt:Text (encoded):UTF8', 'txt').toString('utf8');
      expect(text).toContain('Khảo sát năm 2025');
      expect(text).toContain('Mức hài lòng trên 50 %');
      expect(text).toContain('Each department (vi) — Dept 1 (vi)');
    }
  });
});
