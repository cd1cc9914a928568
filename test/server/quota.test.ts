// @vitest-environment node
/**
 * Quotas: counting at ingest exactly once (concurrent devices, overlapping resends), the snapshot
 * in every ingest reply and at GET /api/quota, policy stop → full flags, over-quota interviews
 * accepted and shown as over, the plan's 169 vs 199 reported, and interviews stored before the
 * counters existed counted once at start.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QuotaSnapshot, SubmitResponse } from '../../src/contract';
import type { Submission } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { countUnassigned } from '../../src/server/ingest/counting';
import { CAMPAIGN_ID } from './campaign-fixtures';
import { validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import { officialsSubmission } from './officials';

describeEachDatabase('quotas', (database) => {
  let server: TestServer;
  let tokens: string[];
  beforeAll(async () => {
    // Before the 2026 campaign's fieldwork (from 2026-10-01): the current campaign, whose snapshot
    // comes with every ingest reply and from GET /api/quota, is still the 2021 one, ended. Only Date is faked.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-06-01T03:00:00.000Z'));
    server = await startTestServer({ database });
    tokens = [];
    for (let i = 0; i < 10; i++) tokens.push((await server.enrolDevice(`Điều tra viên ${i + 1}`)).token);
  });
  afterAll(async () => {
    await server.close();
    vi.useRealTimers();
  });

  const submit = async (items: Submission[], token = tokens[0]!) => {
    const r = await post(server, '/api/submissions', { items }, { token });
    expect(r.status).toBe(200);
    return SubmitResponse.parse(r.body);
  };
  const snapshot = async (token = tokens[0]!) => {
    const r = await get(server, '/api/quota', { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    return QuotaSnapshot.parse(r.body);
  };
  const group = (s: QuotaSnapshot, id: string) => {
    const g = s.groups.find((x) => x.id === id);
    if (!g) throw new Error(`no group ${id}`);
    return g;
  };
  const stratum = (s: QuotaSnapshot, groupId: string, value: string) => {
    const st = group(s, groupId).strata.find((x) => x.value === value);
    if (!st) throw new Error(`no stratum ${value} in ${groupId}`);
    return st;
  };
  const quotaRows = async () =>
    (await server.database.db.selectFrom('quota_counts').selectAll().where('campaign_id', '=', CAMPAIGN_ID).execute()).map((r) => ({
      ...r,
      count: Number(r.count),
    }));

  it('starts at zero with the targets of the default campaign and the 169 / 199 discrepancy', async () => {
    const s = await snapshot();
    expect(s.campaignId).toBe(CAMPAIGN_ID);
    expect(s.title.vi).toContain('Quảng Bình');
    expect(s.start).toBe('2021-11-01');
    expect(s.status).toBe('ended');
    expect(s.groups.map((g) => [g.id, g.target, g.accepted, g.policy])).toEqual([
      ['delegate', 30, 0, 'stop'],
      ['department-leader', 60, 0, 'stop'],
      ['unit-leader', 100, 0, 'stop'],
      ['district-leader', 9, 0, 'stop'],
      ['citizen', 400, 0, 'continue'],
    ]);
    expect(group(s, 'department-leader').strata).toHaveLength(20);
    expect(group(s, 'unit-leader').strata).toHaveLength(100);
    expect(group(s, 'unit-leader').strata[0]).toMatchObject({ value: 'van-thu-luu-tru', parent: 'noi-vu', target: 1, accepted: 0, full: false });
    expect(group(s, 'unit-leader').parents?.[0]).toEqual({ value: 'noi-vu', label: { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' } });
    expect(group(s, 'district-leader').strata.map((x) => x.value)).toEqual(['dong-hoi', 'bo-trach', 'minh-hoa']);
    expect(s.discrepancies).toEqual([
      {
        scope: 'campaign',
        declared: 169,
        computed: 199,
        message: { vi: expect.stringContaining('169') as string, en: expect.stringContaining('30 + 60 + 100 + 9 = 199 (30 more)') as string },
      },
    ]);
  });

  it('brings the snapshot in the ingest reply, counting the batch just stored', async () => {
    const reply = await submit([validSipasSubmission({ stratum: 'le-thuy', answers: { district: 'le-thuy' } })]);
    expect(reply.results[0]?.status).toBe('stored');
    expect(reply.quota?.campaignId).toBe(CAMPAIGN_ID);
    expect(stratum(reply.quota!, 'citizen', 'le-thuy')).toMatchObject({ target: 63, accepted: 1, over: 0, full: false });
    expect(Date.parse(reply.quota!.takenAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('counts each distinct interview once with 10 devices uploading overlapping batches at once', async () => {
    // 60 interviews in quang-ninh; every device sends a window of 20 that overlaps its neighbours', then all resend.
    const items = Array.from({ length: 60 }, () => validSipasSubmission({ stratum: 'quang-ninh', answers: { district: 'quang-ninh' } }));
    const batches = tokens.map((token, i) => ({ token, items: items.slice((i * 4) % 41, ((i * 4) % 41) + 20) }));
    const covered = new Set(batches.flatMap((b) => b.items.map((x) => x.id)));
    const first = await Promise.all(batches.map((b) => post(server, '/api/submissions', { items: b.items }, { token: b.token })));
    expect(first.map((r) => r.status)).toEqual(batches.map(() => 200));
    const resent = await Promise.all(batches.map((b) => post(server, '/api/submissions', { items: b.items }, { token: b.token })));
    expect(resent.map((r) => r.status)).toEqual(batches.map(() => 200));

    const stored = [...first, ...resent].flatMap((r) => SubmitResponse.parse(r.body).results.filter((x) => x.status === 'stored'));
    expect(stored).toHaveLength(covered.size);
    expect(new Set(stored.map((x) => x.id)).size).toBe(covered.size);
    const row = (await quotaRows()).find((r) => r.group_id === 'citizen' && r.stratum === 'quang-ninh');
    expect(row?.count).toBe(covered.size);
    expect(stratum(await snapshot(), 'citizen', 'quang-ninh').accepted).toBe(covered.size);
    // The dashboard's counters agree with the rows.
    const rows = await server.database.db.selectFrom('submissions').select('id').where('stratum', '=', 'quang-ninh').execute();
    expect(rows).toHaveLength(covered.size);
  });

  it('never counts a resend, a conflicting copy or a rejected interview', async () => {
    const item = validSipasSubmission({ stratum: 'tuyen-hoa', answers: { district: 'tuyen-hoa' } });
    await submit([item, item]);
    await submit([item]);
    await submit([{ ...item, id: item.id.toUpperCase() }]);
    const conflict = await submit([{ ...item, answers: { ...item.answers, overallSat: '1' } }]);
    expect(conflict.results[0]?.code).toBe('conflict');
    const rejected = await submit([validSipasSubmission({ stratum: 'tuyen-hoa', answers: { district: 'tuyen-hoa', overallSat: '7' } })]);
    expect(rejected.results[0]?.code).toBe('invalid_answers');
    expect(stratum(rejected.quota!, 'citizen', 'tuyen-hoa').accepted).toBe(1);
  });

  it('marks a stratum of a stop group full at its target and accepts interviews beyond it as over', async () => {
    const three = Array.from({ length: 3 }, () => officialsSubmission('department-leader', 'tu-phap'));
    const reply = await submit(three);
    expect(reply.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect(stratum(reply.quota!, 'department-leader', 'tu-phap')).toMatchObject({ target: 3, accepted: 3, over: 0, full: true });
    expect(group(reply.quota!, 'department-leader')).toMatchObject({ policy: 'stop', accepted: 3, over: 0, full: false });

    // Completed offline before the device knew: never refused, shown as over quota.
    const fourth = await submit([officialsSubmission('department-leader', 'tu-phap')], tokens[1]);
    expect(fourth.results[0]?.status).toBe('stored');
    expect(stratum(fourth.quota!, 'department-leader', 'tu-phap')).toMatchObject({ accepted: 4, over: 1, full: true });
    expect(group(fourth.quota!, 'department-leader')).toMatchObject({ accepted: 4, over: 1 });
  });

  it('counts a group without strata and flags it full and over at its one target', async () => {
    const reply = await submit(Array.from({ length: 31 }, () => officialsSubmission('delegate')));
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true);
    expect(group(reply.quota!, 'delegate')).toMatchObject({ target: 30, accepted: 31, over: 1, full: true, strata: [] });
    expect((await quotaRows()).find((r) => r.group_id === 'delegate')).toMatchObject({ stratum: '', count: 31 });
  });

  it('keeps a full continue group open: full and over are shown, nothing refused', async () => {
    const reply = await submit(Array.from({ length: 23 }, () => validSipasSubmission({ stratum: 'minh-hoa', answers: { district: 'minh-hoa' } })));
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true);
    expect(stratum(reply.quota!, 'citizen', 'minh-hoa')).toMatchObject({ target: 22, accepted: 23, over: 1, full: true });
    expect(group(reply.quota!, 'citizen').policy).toBe('continue');
  });

  it('counts units under their department and district leaders by district', async () => {
    const reply = await submit([officialsSubmission('unit-leader', 'kiem-lam'), officialsSubmission('district-leader', 'bo-trach')]);
    expect(stratum(reply.quota!, 'unit-leader', 'kiem-lam')).toMatchObject({ parent: 'nong-nghiep', accepted: 1, full: true });
    expect(stratum(reply.quota!, 'district-leader', 'bo-trach')).toMatchObject({ target: 3, accepted: 1, full: false });
  });

  it('stores the campaign and the day of completion in Vietnam on the interview', async () => {
    const item = officialsSubmission('district-leader', 'minh-hoa', { completedAt: '2021-11-11T18:30:00.000Z' });
    await submit([item]);
    const row = await server.database.db.selectFrom('submissions').select(['campaign_id', 'completed_day']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ campaign_id: CAMPAIGN_ID, completed_day: '2021-11-12' });
  });

  it('answers GET /api/quota only to a device token or a coordinator session', async () => {
    expect(errorCode(await get(server, '/api/quota'))).toBe('unauthorized');
    expect((await get(server, '/api/quota')).status).toBe(401);
    expect(errorCode(await get(server, '/api/quota', { authorization: `Bearer ${'x'.repeat(43)}` }))).toBe('unauthorized');
    expect(errorCode(await get(server, '/api/quota', { cookie: `session=${'y'.repeat(43)}` }))).toBe('unauthorized');
    const none = await get(server, '/api/quota?campaign=no-such-campaign', { authorization: `Bearer ${tokens[0]!}` });
    expect(none.status).toBe(404);
    expect(errorCode(none)).toBe('not_found');
  });

  it('counts interviews stored without a campaign exactly once at the next start', async () => {
    const { db } = server.database;
    // As rows written before migration 0002 look: no campaign, no day.
    const item = officialsSubmission('district-leader', 'dong-hoi');
    await submit([item]);
    await db.updateTable('submissions').set({ campaign_id: null, completed_day: null }).where('id', '=', item.id).execute();
    await db
      .updateTable('quota_counts')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('campaign_id', '=', CAMPAIGN_ID)
      .where('group_id', '=', 'district-leader')
      .where('stratum', '=', 'dong-hoi')
      .execute();
    const before = (await quotaRows()).find((r) => r.group_id === 'district-leader' && r.stratum === 'dong-hoi')?.count;
    const catalog = loadCatalog(DEFINITIONS_DIR);
    // Two servers starting at once on the same database: the row is still counted once.
    const counted = await Promise.all([countUnassigned(db, catalog.campaigns), countUnassigned(db, catalog.campaigns)]);
    expect(counted[0]! + counted[1]!).toBe(1);
    expect(await countUnassigned(db, catalog.campaigns)).toBe(0);
    // createServer runs the same at start.
    const again = await createServer({ database: server.database, catalog });
    await again.close();
    const after = (await quotaRows()).find((r) => r.group_id === 'district-leader' && r.stratum === 'dong-hoi')?.count;
    expect(after).toBe((before ?? 0) + 1);
    const row = await db.selectFrom('submissions').select(['campaign_id', 'completed_day']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ campaign_id: CAMPAIGN_ID, completed_day: '2021-11-10' });
  });
});

describe('the quota in SubmitResponse', () => {
  it('is dropped when a device cannot read it, so the results are still acknowledged', () => {
    const parsed = SubmitResponse.parse({ results: [{ id: 'a', status: 'stored' }], serverTime: '2021-11-10T02:00:00.000Z', quota: { campaignId: 1 } });
    expect(parsed.results).toEqual([{ id: 'a', status: 'stored' }]);
    expect(parsed.quota).toBeUndefined();
  });
});
