// @vitest-environment node
/**
 * What a device says besides the answers: section times and its clock. Section times are bounded
 * (a huge record is refused where it is parsed, with its path; unknown sections and times out of
 * range are dropped, the interview kept); an implausible clock is kept, marked (clock_suspect,
 * also in the export) and counted on the day the server received the interview. The same through
 * POST /api/submissions, respondent links and backup files, on each database.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, CoordinatorDashboard, MAX_SECTION_MS, MAX_SECTION_TIMES, QuotaSnapshot, SubmitResponse } from '../../src/contract';
import type { Submission, SubmitResult } from '../../src/contract';
import { vietnamDay } from '../../src/server/campaigns/day';
import { CAMPAIGN_ID, CURRENT_CAMPAIGN_ID } from './campaign-fixtures';
import { startWithCoordinator } from './coordinator-session';
import { validSipasSubmission, validSipasV2Submission } from './fixtures';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { parseCsv } from './csv';
import { errorCode, get, post } from './http';
import type { Reply } from './http';
import { createLink, submitThrough } from './links-helpers';

/** Section times of sipas-citizen (both versions) with extras no questionnaire has. */
const SENT_TIMES = {
  'a-respondent': 120_000,
  'b-procedure': -5,
  'c1-access': MAX_SECTION_MS + 1,
  'c2-procedure': 1.5,
  'c5-feedback': MAX_SECTION_MS,
  'made-up-section': 1,
  constructor: 2,
  toString: 3,
};
const KEPT_TIMES = { 'a-respondent': 120_000, 'c2-procedure': 1.5, 'c5-feedback': MAX_SECTION_MS };

/** A record of section times of `n` made-up sections (about 17 bytes each as JSON). */
const manyTimes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`made-up-${i}`, i]));

const YEAR_9999 = '9999-12-31T23:59:59.000+07:00';

describeEachDatabase('section times and device clocks', (database) => {
  let server: TestServer;
  let token: string;
  let cookie: string;
  beforeAll(async () => {
    ({ server, cookie } = await startWithCoordinator({ database, linkRateLimit: false }));
    ({ token } = await server.enrolDevice('Nguyễn Thị Đồng Hồ'));
  });
  afterAll(() => server.close());

  async function submit(items: unknown[]): Promise<{ results: SubmitResult[]; accepted: number }> {
    const r = await post(server, '/api/submissions', { items }, { token });
    expect(r.status, r.text).toBe(200);
    const reply = SubmitResponse.parse(r.body);
    const citizen = reply.quota?.groups.find((g) => g.id === 'citizen');
    return { results: reply.results, accepted: citizen?.strata.find((s) => s.value === 'dong-hoi')?.accepted ?? -1 };
  }

  /** The stored row's clock mark, counting day, section times and receipt. */
  async function row(id: string) {
    const r = await server.database.db
      .selectFrom('submissions')
      .select(['clock_suspect', 'completed_day', 'campaign_id', 'section_times', 'received_at'])
      .where('id', '=', id.toLowerCase())
      .executeTakeFirst();
    if (!r) return undefined;
    return { ...r, sectionTimes: JSON.parse(r.section_times) as Record<string, number>, receivedDay: vietnamDay(r.received_at) };
  }

  const dashboard = async () => {
    const r = await get(server, '/api/coordinator/dashboard', { cookie });
    expect(r.status).toBe(200);
    return CoordinatorDashboard.parse(r.body);
  };

  const details = (r: Reply) => (r.body as { error: { details?: { path: string; message: string }[] } }).error.details;

  function backupOf(item: Submission) {
    const { completedAt, ...rest } = item;
    return {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      interviews: [
        {
          record: {
            ...rest,
            status: 'completed',
            currentSectionId: 'a-respondent',
            progress: { answered: 10, total: 10 },
            updatedAt: completedAt,
            completedAt,
            formatVersion: 1,
          },
        },
      ],
    };
  }

  it('refuses megabytes of section times at parse time with a 400 naming where, storing nothing', async () => {
    const huge = validSipasSubmission({ sectionTimes: manyTimes(150_000) });
    const body = JSON.stringify({ items: [validSipasSubmission(), huge] });
    expect(body.length).toBeGreaterThan(2_000_000);
    const before = await server.countSubmissions();
    const r = await post(server, '/api/submissions', body, { token });
    expect([r.status, errorCode(r)]).toEqual([400, 'invalid_request']);
    // One problem, where it is: not one per made-up section.
    expect(details(r)).toEqual([{ path: 'items[1].sectionTimes', message: expect.stringContaining(`at most ${MAX_SECTION_TIMES}`) }]);
    expect(await server.countSubmissions()).toBe(before);
  });

  it('takes as many section times as a questionnaire may have sections, keeping its own', async () => {
    const item = validSipasSubmission({ sectionTimes: { ...manyTimes(MAX_SECTION_TIMES - 1), 'a-respondent': 5 } });
    expect((await submit([item])).results).toEqual([{ id: item.id, status: 'stored' }]);
    expect((await row(item.id))?.sectionTimes).toEqual({ 'a-respondent': 5 });
  });

  it('stores a device’s interview with only its questionnaire’s sections and plausible times; a resend is a duplicate', async () => {
    const item = validSipasSubmission({ sectionTimes: SENT_TIMES });
    expect((await submit([item])).results).toEqual([{ id: item.id, status: 'stored' }]);
    const stored = await row(item.id);
    expect(stored?.sectionTimes).toEqual(KEPT_TIMES);
    expect(Object.keys(stored?.sectionTimes ?? {})).toEqual(Object.keys(KEPT_TIMES)); // the questionnaire's order
    expect(stored?.clock_suspect).toBeNull();
    expect((await submit([item])).results).toEqual([{ id: item.id, status: 'duplicate' }]);
    // What the device sent decides its identity: other times under the same id are another interview.
    expect((await submit([{ ...item, sectionTimes: KEPT_TIMES }])).results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
  });

  it('keeps interviews whose device clock is implausible, marks them, and counts them on the day received', async () => {
    const quota = await get(server, '/api/quota', { authorization: `Bearer ${token}` });
    // The snapshot (here and in the reply) is the current campaign's.
    expect(QuotaSnapshot.parse(quota.body).campaignId).toBe(CURRENT_CAMPAIGN_ID);
    const beforeQuota = QuotaSnapshot.parse(quota.body).groups.find((g) => g.id === 'citizen')?.strata.find((s) => s.value === 'dong-hoi')?.accepted;
    const beforeDays = await dashboard();
    const now = Date.now();
    const hoursAhead = (h: number) => new Date(now + h * 3600_000).toISOString();
    const items = {
      backwards: validSipasSubmission({ startedAt: '2024-11-05T09:17:30.000+07:00', completedAt: '2024-11-05T08:00:00.000+07:00' }),
      year9999: validSipasSubmission({ completedAt: YEAR_9999 }),
      // Counted on its completion day, this one made the chart's day "+010000-01".
      year9999West: validSipasSubmission({ completedAt: '9999-12-31T23:59:59.000-12:00' }),
      startedFar: validSipasSubmission({ startedAt: '2999-01-01T00:00:00.000Z' }),
      factoryReset: validSipasSubmission({ startedAt: '1970-01-01T00:00:00.000Z', completedAt: '1970-01-01T00:20:00.000Z' }),
      aheadByHours: validSipasSubmission({ startedAt: hoursAhead(-1), completedAt: hoursAhead(20) }),
      plausible: validSipasSubmission(),
    };
    const sent = Object.values(items);
    // All but the plausible one (completed in 2024, during no campaign after the 2021 one) count in
    // the current campaign: the suspect ones on the day received, the one a few hours ahead on its day.
    expect(await submit(sent)).toMatchObject({ results: sent.map((i) => ({ id: i.id, status: 'stored' })), accepted: (beforeQuota ?? 0) + sent.length - 1 });

    const rows = Object.fromEntries(await Promise.all(Object.entries(items).map(async ([k, i]) => [k, await row(i.id)] as const)));
    expect(Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r?.clock_suspect]))).toEqual({
      backwards: 'before_start',
      year9999: 'future',
      year9999West: 'future',
      startedFar: 'future',
      factoryReset: 'too_early',
      aheadByHours: null,
      plausible: null,
    });
    for (const k of ['backwards', 'year9999', 'year9999West', 'startedFar', 'factoryReset'] as const) expect(rows[k]?.completed_day).toBe(rows[k]?.receivedDay);
    expect(rows.plausible?.completed_day).toBe('2024-11-05');
    expect(rows.aheadByHours?.completed_day).toBe(vietnamDay(hoursAhead(20)));
    for (const [k, r] of Object.entries(rows)) expect(r?.campaign_id, k).toBe(k === 'plausible' ? CAMPAIGN_ID : CURRENT_CAMPAIGN_ID);
    // The times themselves are kept as the device sent them.
    expect((await server.getSubmission(items.year9999.id))?.completedAt).toBe(YEAR_9999);

    const after = await dashboard();
    for (const d of after.perDay) expect(d.date).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(after.perDay.map((d) => d.date).join()).not.toContain('+0');
    const count = (d: CoordinatorDashboard, date: string | undefined) => d.perDay.find((x) => x.date === date)?.count ?? 0;
    const received = rows.year9999?.receivedDay;
    // All five suspect ones on the day received (and the one a few hours ahead too when that is the same day).
    const sameDay = rows.aheadByHours?.completed_day === received ? 1 : 0;
    expect(count(after, received) - count(beforeDays, received)).toBe(5 + sameDay);
    expect(after.totals.interviews - beforeDays.totals.interviews).toBe(sent.length - 1);
    expect(after.totals.otherCampaigns! - beforeDays.totals.otherCampaigns!).toBe(1); // the plausible one, in the 2021 campaign
  });

  it('does the same for an interview sent through a respondent link', async () => {
    const link = await createLink(server, cookie, { campaign: CAMPAIGN_ID, group: 'citizen', stratum: 'dong-hoi', kind: 'shared', maxUses: 10 });
    const tooMany = validSipasV2Submission({ sectionTimes: manyTimes(MAX_SECTION_TIMES + 1) });
    const refused = await submitThrough(server, link.token, tooMany);
    expect([refused.status, errorCode(refused)]).toEqual([400, 'invalid_request']);
    expect(details(refused)).toEqual([{ path: 'sectionTimes', message: expect.stringContaining(`at most ${MAX_SECTION_TIMES}`) }]);

    const item = validSipasV2Submission({ completedAt: YEAR_9999, sectionTimes: SENT_TIMES });
    const r = await submitThrough(server, link.token, item);
    expect(r.status, r.text).toBe(201);
    const stored = await row(item.id);
    // Counted on the day received, as a device's interview is, in the link's own campaign (2021), where its quota was checked.
    expect(stored).toMatchObject({ clock_suspect: 'future', completed_day: stored?.receivedDay, campaign_id: CAMPAIGN_ID, sectionTimes: KEPT_TIMES });
    expect((await submitThrough(server, link.token, item)).status).toBe(200); // duplicate
    const backwards = validSipasV2Submission({ startedAt: '2025-03-10T09:20:00.000+07:00', completedAt: '2025-03-10T09:00:00.000+07:00' });
    expect((await submitThrough(server, link.token, backwards)).status).toBe(201);
    expect(await row(backwards.id)).toMatchObject({ clock_suspect: 'before_start' });
  });

  it('does the same for an interview imported from a backup file', async () => {
    const item = validSipasSubmission({ completedAt: YEAR_9999, sectionTimes: SENT_TIMES });
    const r = await post(server, '/api/backups', backupOf(item), { token });
    expect(r.status, r.text).toBe(200);
    expect(SubmitResponse.parse(r.body).results).toEqual([{ id: item.id, status: 'stored' }]);
    const stored = await row(item.id);
    expect(stored).toMatchObject({ clock_suspect: 'future', completed_day: stored?.receivedDay, sectionTimes: KEPT_TIMES });
    // The same interview sent later by its device is the one already stored.
    expect((await submit([item])).results).toEqual([{ id: item.id, status: 'duplicate' }]);

    const huge = validSipasSubmission({ sectionTimes: manyTimes(MAX_SECTION_TIMES + 1) });
    const refused = SubmitResponse.parse((await post(server, '/api/backups', backupOf(huge), { token })).body).results;
    expect(refused).toEqual([{ id: huge.id, status: 'rejected', code: 'invalid_request', message: expect.stringContaining('sectionTimes') }]);
  });

  it('shows the mark in the export: a code, and a label in either language', async () => {
    const marked = validSipasSubmission({ id: randomUUID(), completedAt: YEAR_9999 });
    const plain = validSipasSubmission();
    await submit([marked, plain]);
    const download = async (query: string) => {
      const res = await fetch(`${server.url}/api/coordinator/exports/sipas-citizen/1.csv${query}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const lines = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      const column = lines[0]!.indexOf('clock_suspect');
      expect(column).toBe(10);
      return (id: string) => lines.find((l) => l[0] === id)?.[column];
    };
    const codes = await download('');
    expect([codes(marked.id), codes(plain.id)]).toEqual(['future', '']);
    const english = await download('?labels=en');
    expect(english(marked.id)).toBe('Device clock in the future (more than a day after the server received it)');
    expect((await download('?labels=vi'))(marked.id)).toContain('tương lai');
    const json = (await (await fetch(`${server.url}/api/coordinator/exports/sipas-citizen/1.json`, { headers: { cookie } })).json()) as {
      interviews: { id: string; clockSuspect: string | null }[];
    };
    expect([marked.id, plain.id].map((id) => json.interviews.find((i) => i.id === id)?.clockSuspect), JSON.stringify(json).slice(0, 600)).toEqual(["future", null]);
  });
});
