// @vitest-environment node
/**
 * Campaigns set up from the coordinators' pages, through HTTP on both databases: the defaults of
 * survey-definitions/campaigns/ are in the database; the editor's live check locates every problem
 * and shows the declared-vs-computed totals; creating, editing during fieldwork (targets, a new
 * stratum, a new questionnaire version) and copying keep every count already made; devices see a
 * change in their next quota snapshot; another server process sees it too; only administrators
 * change campaigns; each change is in the audit trail with its before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, CampaignCheck, CampaignDetail, CampaignList, QuotaSnapshot, SubmitResponse } from '../../src/contract';
import type { Campaign } from '../../src/survey/campaign';
import { createServer } from '../../src/server/app';
import { setCoordinator } from '../../src/server/coordinators/accounts';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { loginAsCoordinator, PASSWORD, sessionCookie } from './coordinator-session';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import type { Reply } from './http';
import { validSipasSubmission, validSipasV2Submission } from './fixtures';
import { papiSubmission } from './papi';

/** A campaign running now, on questionnaires no default campaign surveys at this time. */
function papiCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'papi-2026',
    title: { vi: 'Khảo sát PAPI tỉnh năm 2026', en: 'Provincial PAPI survey 2026' },
    start: '2026-11-01',
    end: '2027-01-31',
    declaredTotal: { value: 30, source: { vi: 'Kế hoạch số 12/KH-UBND', en: 'Plan no. 12/KH-UBND' } },
    groups: [
      {
        id: 'citizen',
        label: { vi: 'Người dân', en: 'Citizens' },
        questionnaire: { id: 'papi-citizen', version: 1 },
        policy: 'stop',
        strata: [
          { value: 'dong-hoi', label: { vi: 'Thành phố Đồng Hới', en: 'Đồng Hới City' }, target: 10 },
          { value: 'ba-don', label: { vi: 'Thị xã Ba Đồn', en: 'Ba Đồn Town' }, target: 5 },
        ],
      },
      { id: 'delegate', label: { vi: 'Đại biểu', en: 'Delegates' }, questionnaire: { id: 'par-delegates', version: 1 }, policy: 'stop', target: 20 },
    ],
    ...overrides,
  };
}

/** A PAPI interview completed a minute ago (so it counts towards the campaign running today). */
function papiNow(stratum: string) {
  const now = Date.now();
  return papiSubmission({ stratum, startedAt: new Date(now - 40 * 60_000).toISOString(), completedAt: new Date(now - 60_000).toISOString() });
}

async function send(server: TestServer, method: 'PUT' | 'POST', path: string, body: unknown, cookie: string): Promise<Reply> {
  const res = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

async function coordinatorCookie(server: TestServer, username = 'quansat'): Promise<string> {
  const created = await setCoordinator(server.database.db, username, PASSWORD);
  expect(created.role).toBe('coordinator');
  const r = await post(server, '/api/coordinator/login', { username, password: PASSWORD });
  expect(r.status, r.text).toBe(200);
  expect((r.body as { role?: string }).role).toBe('coordinator');
  return sessionCookie(r);
}

describeEachDatabase('campaigns from the web', (database) => {
  let server: TestServer;
  let admin: string;
  let coordinator: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    admin = await loginAsCoordinator(server);
    coordinator = await coordinatorCookie(server);
  });
  afterAll(() => server.close());

  const audit = async (query: string) => AuditPage.parse((await get(server, `/api/coordinator/audit?${query}`, { cookie: admin })).body).entries;

  it('lists the default campaigns from the database, with their targets and counts', async () => {
    const list = CampaignList.parse((await get(server, '/api/coordinator/campaigns', { cookie: coordinator })).body);
    const qb = list.campaigns.find((c) => c.id === 'quang-binh-2021');
    expect(qb).toMatchObject({ status: 'ended', revision: 1, groups: 5, accepted: 0 });
    expect(qb?.updatedBy).toBeUndefined();
    const detail = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/quang-binh-2021', { cookie: coordinator })).body);
    // The plan's 169 against the 199 its groups add up to, as the dashboard shows it.
    expect(detail.check.discrepancies).toContainEqual(expect.objectContaining({ scope: 'campaign', declared: 169, computed: 199 }));
    expect(detail.check.problems).toEqual([]);
    expect((await get(server, '/api/coordinator/campaigns/nope', { cookie: admin })).status).toBe(404);
    expect((await get(server, '/api/coordinator/campaigns')).status).toBe(401);
  });

  it('lists interviews no campaign counts, so a questionnaire used outside every campaign is still seen', async () => {
    const { token } = await server.enrolDevice('Lê Văn Nam');
    // PAPI interviews while no campaign surveys PAPI.
    const sent = await post(server, '/api/submissions', { items: [papiSubmission(), papiSubmission()] }, { token });
    expect(SubmitResponse.parse(sent.body).results.map((r) => r.status)).toEqual(['stored', 'stored']);
    const list = CampaignList.parse((await get(server, '/api/coordinator/campaigns', { cookie: coordinator })).body);
    expect(list.uncounted).toEqual([{ surveyId: 'papi-citizen', version: 1, respondentGroup: 'citizen', interviews: 2 }]);
  });

  it('checks a campaign live: every problem located in both languages, the declared total against the computed one', async () => {
    const bad = papiCampaign({ end: '2026-10-01' });
    const citizen = bad.groups[0]!;
    citizen.strata = [
      { value: 'dong-hoi', label: { vi: 'Đồng Hới', en: 'Đồng Hới' }, target: 10 },
      { value: 'dong-hoi', label: { vi: 'Đồng Hới', en: 'Đồng Hới' }, target: 3 },
      { value: 'đảo atlantis', label: { vi: 'Không có', en: 'None' }, target: 2 },
      // A commune the list lacks, named by the campaign: no problem.
      { value: 'phuong-dong-son', label: { vi: 'Phường Đồng Sơn', en: 'Đồng Sơn Ward' }, target: 4 },
    ];
    bad.groups[1]!.questionnaire = { id: 'par-delegates', version: 9 };
    const r = await post(server, '/api/coordinator/campaigns/check', bad, { headers: { cookie: coordinator } });
    expect(r.status, r.text).toBe(200);
    const check = CampaignCheck.parse(r.body);
    const at = (path: string) => check.problems.find((p) => p.path === path);
    expect(at('end')?.messageVi).toMatch(/trước ngày bắt đầu/);
    expect(at('groups[0].strata[1].value')?.message).toMatch(/duplicate stratum value "dong-hoi"/);
    expect(at('groups[0].strata[2].value')?.messageVi).toMatch(/“đảo atlantis” không có trong danh sách “districts”.*không dùng được làm mã/);
    expect(at('groups[0].strata[3].value')).toBeUndefined();
    expect(at('groups[1].questionnaire.version')?.message).toMatch(/no version 9 \(loaded: 1\)/);
    expect(check.totals).toEqual({ groups: [{ id: 'citizen', target: 19 }, { id: 'delegate', target: 20 }], total: 39 });
    expect(check.discrepancies).toEqual([expect.objectContaining({ scope: 'campaign', declared: 30, computed: 39 })]);
    // A shape error is located too, in Vietnamese as well.
    const shape = CampaignCheck.parse((await post(server, '/api/coordinator/campaigns/check', { ...papiCampaign(), start: '1/11/2026' }, { headers: { cookie: admin } })).body);
    expect(shape.problems).toContainEqual({ path: 'start', message: 'must be a date written YYYY-MM-DD', messageVi: 'phải là một ngày dạng NNNN-TT-NN' });
    // A campaign overlapping another one's group and questionnaire would count an interview twice.
    const clash = CampaignCheck.parse(
      (await post(server, '/api/coordinator/campaigns/check', papiCampaign({ id: 'again', start: '2021-11-15', end: '2021-12-31' }), { headers: { cookie: admin } })).body,
    );
    expect(clash.problems).toContainEqual(expect.objectContaining({ path: 'groups[1].id', message: expect.stringMatching(/quang-binh-2021.*count twice/) }));
  });

  it('checks every other rule: questionnaire, group, list, parents, targets, a retired version', async () => {
    const check = async (campaign: unknown) => CampaignCheck.parse((await post(server, '/api/coordinator/campaigns/check', campaign, { headers: { cookie: admin } })).body).problems;
    const base = papiCampaign();
    const group = (g: Partial<Campaign['groups'][number]>, i = 0) => ({ ...base, groups: base.groups.map((x, j) => (j === i ? { ...x, ...g } : x)) });
    expect(await check(group({ questionnaire: { id: 'khong-co', version: 1 } }))).toContainEqual(
      expect.objectContaining({ path: 'groups[0].questionnaire.id', messageVi: 'không có bảng hỏi “khong-co”' }),
    );
    expect(await check(group({ id: 'doanh-nghiep' }))).toContainEqual(expect.objectContaining({ path: 'groups[0].id', message: expect.stringMatching(/no respondent group "doanh-nghiep"/) }));
    expect(await check(group({ parentList: 'khong-co' }))).toContainEqual(expect.objectContaining({ path: 'groups[0].parentList' }));
    const withParent = group({ strata: [{ value: 'dong-hoi', label: { vi: 'Đồng Hới', en: 'Đồng Hới' }, target: 1, parent: 'noi-vu' }] });
    expect(await check(withParent)).toContainEqual(expect.objectContaining({ path: 'groups[0].strata[0].parent', messageVi: expect.stringMatching(/danh sách cấp trên/) }));
    expect(await check(group({ target: 10 }))).toContainEqual(expect.objectContaining({ path: 'groups[0]', messageVi: expect.stringMatching(/đúng một cách đặt chỉ tiêu/) }));
    expect(await check(group({ strata: [{ value: 'dong-hoi', label: { vi: 'Đồng Hới', en: 'Đồng Hới' }, target: 0 }] }))).toContainEqual(
      expect.objectContaining({ path: 'groups[0].strata[0].target', messageVi: 'chỉ tiêu phải là số nguyên từ 1 trở lên' }),
    );
    expect(await check(group({ strata: undefined, target: 2.5 }))).toContainEqual(expect.objectContaining({ path: 'groups[0].target', messageVi: 'chỉ tiêu phải là số nguyên' }));
    expect(await check({ ...base, groups: [] })).toContainEqual(expect.objectContaining({ path: 'groups' }));
    expect(await check({ ...base, extra: 1 })).toContainEqual(expect.objectContaining({ path: '(top level)', messageVi: 'có trường không dùng được: extra' }));
    // A group cannot be put on a retired version.
    expect((await post(server, '/api/coordinator/questionnaires/papi-citizen/1/retire', {}, { headers: { cookie: admin } })).status).toBe(200);
    try {
      expect(await check(base)).toContainEqual(expect.objectContaining({ path: 'groups[0].questionnaire.version', messageVi: expect.stringMatching(/đã ngừng dùng/) }));
    } finally {
      expect((await post(server, '/api/coordinator/questionnaires/papi-citizen/1/reinstate', {}, { headers: { cookie: admin } })).status).toBe(200);
    }
    expect(await check(base)).toEqual([]);
  });

  it('only an administrator creates a campaign; problems are refused with every one located and nothing stored', async () => {
    const refused = await post(server, '/api/coordinator/campaigns', papiCampaign(), { headers: { cookie: coordinator } });
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('forbidden');
    const invalid = await post(server, '/api/coordinator/campaigns', papiCampaign({ end: '2020-01-01' }), { headers: { cookie: admin } });
    expect(invalid.status).toBe(422);
    expect(errorCode(invalid)).toBe('invalid_campaign');
    expect((invalid.body as { error: { details: { path: string; messageVi: string }[] } }).error.details).toContainEqual(
      expect.objectContaining({ path: 'end', messageVi: expect.stringMatching(/trước ngày bắt đầu/) }),
    );
    expect((await get(server, '/api/coordinator/campaigns/papi-2026', { cookie: admin })).status).toBe(404);

    const created = await post(server, '/api/coordinator/campaigns', papiCampaign(), { headers: { cookie: admin } });
    expect(created.status, created.text).toBe(201);
    expect(CampaignDetail.parse(created.body)).toMatchObject({ revision: 1, updatedBy: 'dieuphoi', counts: {} });
    expect(errorCode(await post(server, '/api/coordinator/campaigns', papiCampaign(), { headers: { cookie: admin } }))).toBe('conflict');
    const [entry] = await audit('action=campaign.created');
    expect(entry).toMatchObject({ actor: 'dieuphoi', target: 'campaign:papi-2026' });
  });

  it('changes a running campaign without losing a count: devices see the new targets, strata and version on their next sync', async () => {
    const { token } = await server.enrolDevice('Trần Thị Lan');
    const items = [papiNow('dong-hoi'), papiNow('dong-hoi'), papiNow('ba-don')];
    const sent = await post(server, '/api/submissions', { items }, { token });
    expect(SubmitResponse.parse(sent.body).results.every((r) => r.status === 'stored')).toBe(true);
    const before = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=papi-2026', { authorization: `Bearer ${token}` })).body);
    const stratum = (s: QuotaSnapshot, v: string) => s.groups[0]!.strata.find((x) => x.value === v);
    expect(stratum(before, 'dong-hoi')).toMatchObject({ target: 10, accepted: 2 });

    const detail = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/papi-2026', { cookie: admin })).body);
    expect(detail.counts).toEqual({ citizen: { 'dong-hoi': 2, 'ba-don': 1 } });
    const edited = structuredClone(detail.campaign) as Campaign;
    edited.groups[0]!.strata![0]!.target = 12; // raised
    edited.groups[0]!.strata![1]!.target = 1; // lowered below nothing: the stratum is full
    edited.groups[0]!.strata!.push({ value: 'le-thuy', label: { vi: 'Huyện Lệ Thủy', en: 'Lệ Thủy District' }, target: 4 }); // added
    const saved = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign: edited, revision: detail.revision }, admin);
    expect(saved.status, saved.text).toBe(200);
    expect(CampaignDetail.parse(saved.body)).toMatchObject({ revision: 2, counts: { citizen: { 'dong-hoi': 2, 'ba-don': 1 } } });

    const after = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=papi-2026', { authorization: `Bearer ${token}` })).body);
    expect(stratum(after, 'dong-hoi')).toMatchObject({ target: 12, accepted: 2, full: false });
    expect(stratum(after, 'ba-don')).toMatchObject({ target: 1, accepted: 1, full: true });
    expect(stratum(after, 'le-thuy')).toMatchObject({ target: 4, accepted: 0 });
    // New interviews count on: in the new stratum too.
    await post(server, '/api/submissions', { items: [papiNow('le-thuy'), papiNow('dong-hoi')] }, { token });
    const later = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=papi-2026', { cookie: admin })).body);
    expect(later.groups[0]).toMatchObject({ accepted: 5, target: 17 });
    expect(stratum(later, 'le-thuy')).toMatchObject({ accepted: 1 });

    // The audit trail says who changed which target, from what to what.
    const [entry] = await audit('action=campaign.edited');
    expect(entry).toMatchObject({ actor: 'dieuphoi', target: 'campaign:papi-2026' });
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { path: 'groups[citizen].strata[dong-hoi].target', before: 10, after: 12 },
        { path: 'groups[citizen].strata[ba-don].target', before: 5, after: 1 },
        { path: 'groups[citizen].strata[le-thuy]', after: { value: 'le-thuy', label: { vi: 'Huyện Lệ Thủy', en: 'Lệ Thủy District' }, target: 4 } },
      ]),
    );
  });

  it('refuses a stale edit (409), a changed id and removing a stratum or group with interviews (422), storing nothing', async () => {
    const detail = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/papi-2026', { cookie: admin })).body);
    const campaign = detail.campaign as Campaign;
    const stale = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign, revision: detail.revision - 1 }, admin);
    expect(stale.status).toBe(409);
    expect(stale.text).toMatch(/saved by dieuphoi since you opened it/);
    expect((stale.body as { error: { details: { path: string; messageVi: string }[] } }).error.details).toEqual([
      expect.objectContaining({ path: 'revision', messageVi: `dieuphoi đã lưu đợt khảo sát này (lần lưu thứ ${detail.revision}) sau khi bạn mở nó (lần lưu thứ ${detail.revision - 1}): hãy tải lại rồi sửa lại.` }),
    ]);

    const withoutStratum = structuredClone(campaign);
    withoutStratum.groups[0]!.strata = withoutStratum.groups[0]!.strata!.filter((s) => s.value !== 'ba-don');
    const removed = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign: withoutStratum, revision: detail.revision }, admin);
    expect(removed.status).toBe(422);
    expect(removed.text).toMatch(/the stratum \\"ba-don\\" of \\"citizen\\" has 1 interview/);
    // The editor's live check says so while editing, before any save.
    const live = CampaignCheck.parse((await post(server, '/api/coordinator/campaigns/check?replacing=papi-2026', withoutStratum, { headers: { cookie: admin } })).body);
    expect(live.problems).toEqual([expect.objectContaining({ path: 'groups[0].strata', messageVi: expect.stringMatching(/tầng “Thị xã Ba Đồn” của nhóm “Người dân” đã có 1 phiếu/) })]);
    const withoutGroup = { ...structuredClone(campaign), groups: campaign.groups.filter((g) => g.id !== 'citizen') };
    expect((await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign: withoutGroup, revision: detail.revision }, admin)).text).toMatch(
      /the group \\"citizen\\" has 5 interview/,
    );
    const renamed = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign: { ...campaign, id: 'papi-2027' }, revision: detail.revision }, admin);
    expect(renamed.status).toBe(422);
    // A group with no interviews can go.
    const noDelegates = { ...structuredClone(campaign), groups: campaign.groups.filter((g) => g.id !== 'delegate') };
    const ok = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign: noDelegates, revision: detail.revision }, admin);
    expect(ok.status, ok.text).toBe(200);
    const put = await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign, revision: detail.revision + 1 }, coordinator);
    expect(put.status).toBe(403);
  });

  it('moves a group to another questionnaire version during fieldwork: counts stay, devices are told the version', async () => {
    const detail = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/quang-binh-2021', { cookie: admin })).body);
    const campaign = structuredClone(detail.campaign) as Campaign;
    const citizen = campaign.groups.find((g) => g.id === 'citizen')!;
    expect(citizen.questionnaire).toEqual({ id: 'sipas-citizen', version: 2 });
    citizen.questionnaire.version = 1;
    const saved = await send(server, 'PUT', '/api/coordinator/campaigns/quang-binh-2021', { campaign, revision: detail.revision }, admin);
    expect(saved.status, saved.text).toBe(200);
    const snapshot = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=quang-binh-2021', { cookie: admin })).body);
    expect(snapshot.groups.find((g) => g.id === 'citizen')?.questionnaire).toEqual({ id: 'sipas-citizen', version: 1 });
    const [entry] = await audit('action=campaign.edited&from=2000-01-01');
    expect(entry?.changes).toEqual([{ path: 'groups[citizen].questionnaire.version', before: 2, after: 1 }]);
    // A campaign edited from the pages is no longer replaced by its file.
    const list = CampaignList.parse((await get(server, '/api/coordinator/campaigns', { cookie: admin })).body);
    expect(list.campaigns.find((c) => c.id === 'quang-binh-2021')).toMatchObject({ revision: 2, updatedBy: 'dieuphoi' });
  });

  it("copies a campaign to start next year's: groups, strata and targets copied, counts not", async () => {
    const copy = await post(
      server,
      '/api/coordinator/campaigns/papi-2026/copy',
      { id: 'papi-2027', title: { vi: 'Khảo sát PAPI tỉnh năm 2027', en: 'Provincial PAPI survey 2027' }, start: '2027-10-01', end: '2027-11-30' },
      { headers: { cookie: admin } },
    );
    expect(copy.status, copy.text).toBe(201);
    const detail = CampaignDetail.parse(copy.body);
    const source = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/papi-2026', { cookie: admin })).body).campaign as Campaign;
    expect(detail.campaign).toEqual({ ...source, id: 'papi-2027', title: { vi: 'Khảo sát PAPI tỉnh năm 2027', en: 'Provincial PAPI survey 2027' }, start: '2027-10-01', end: '2027-11-30' });
    expect(detail.counts).toEqual({});
    // Copied into the same dates, it would count interviews twice: refused.
    const overlapping = await post(server, '/api/coordinator/campaigns/papi-2026/copy', { id: 'papi-bis', start: '2026-12-01', end: '2026-12-31' }, { headers: { cookie: admin } });
    expect(overlapping.status).toBe(422);
    expect(overlapping.text).toMatch(/count twice/);
    const entries = await audit('action=campaign');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['campaign.copied', 'campaign.created', 'campaign.edited']));
    expect(entries.find((e) => e.action === 'campaign.copied')).toMatchObject({ target: 'campaign:papi-2027', detail: { from: 'papi-2026' } });
    expect((await post(server, '/api/coordinator/campaigns/papi-2026/copy', { id: 'x', start: '2030-01-01', end: '2030-02-01' }, { headers: { cookie: coordinator } })).status).toBe(403);
  });

  it("counts a link's interview in the link's campaign, whatever campaign runs on the day it arrives", async () => {
    const created = await post(server, '/api/coordinator/links', { campaign: 'quang-binh-2021', group: 'citizen', stratum: 'dong-hoi', kind: 'single' }, { headers: { cookie: admin } });
    expect(created.status, created.text).toBe(201);
    const { token } = (created.body as { links: { token: string }[] }).links[0]!;
    const before = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=quang-binh-2021', { cookie: admin })).body);
    const dongHoi = (q: QuotaSnapshot) => q.groups.find((g) => g.id === 'citizen')!.strata.find((x) => x.value === 'dong-hoi')!.accepted;
    const now = Date.now();
    // The group is on version 1 since the edit above.
    const item = validSipasSubmission({ startedAt: new Date(now - 1_800_000).toISOString(), completedAt: new Date(now - 60_000).toISOString() });
    const sent = await fetch(`${server.url}/api/links/${token}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', 'interview-id': item.id }, body: JSON.stringify(item) });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const after = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=quang-binh-2021', { cookie: admin })).body);
    expect(dongHoi(after)).toBe(dongHoi(before) + 1);
    const running = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=quang-tri-2026', { cookie: admin })).body);
    expect(running.groups.find((g) => g.id === 'citizen')!.strata.find((x) => x.value === 'dong-hoi')).toBeUndefined();
  });

  it('names an unplanned stratum from an older version of the questionnaire (a district counted in a campaign by commune)', async () => {
    const { token } = await server.enrolDevice('Hồ Văn Tâm');
    const now = Date.now();
    // A tablet still on version 2 (by district) during the 2026 fieldwork (by commune, version 3).
    const item = validSipasV2Submission({ startedAt: new Date(now - 1_800_000).toISOString(), completedAt: new Date(now - 60_000).toISOString() });
    const sent = await post(server, '/api/submissions', { items: [item] }, { token });
    expect(SubmitResponse.parse(sent.body).results[0]?.status).toBe('stored');
    const snapshot = QuotaSnapshot.parse((await get(server, '/api/quota?campaign=quang-tri-2026', { cookie: admin })).body);
    expect(snapshot.groups.find((g) => g.id === 'citizen')!.strata.find((x) => x.value === 'dong-hoi')).toMatchObject({
      label: { vi: 'Thành phố Đồng Hới', en: 'Đồng Hới City' },
      target: 0,
      accepted: 1,
    });
  });

  it('a second server process of the same database counts towards a campaign created in the first', async () => {
    const catalog = loadCatalog(DEFINITIONS_DIR);
    const second = await createServer({ database: server.database, catalog });
    try {
      // It read the database's campaigns when it started: the web's too.
      expect(catalog.campaigns.get('papi-2027')).toBeDefined();
      expect(catalog.campaigns.get('papi-2026')?.campaign.groups[0]?.strata?.map((s) => s.value)).toEqual(['dong-hoi', 'ba-don', 'le-thuy']);
      const detail = CampaignDetail.parse((await get(server, '/api/coordinator/campaigns/papi-2026', { cookie: admin })).body);
      const campaign = structuredClone(detail.campaign) as Campaign;
      campaign.groups[0]!.strata![2]!.target = 9;
      expect((await send(server, 'PUT', '/api/coordinator/campaigns/papi-2026', { campaign, revision: detail.revision }, admin)).status).toBe(200);
      // The second process reads the change within its refresh interval.
      await expect.poll(() => catalog.campaigns.get('papi-2026')?.campaign.groups[0]?.strata?.[2]?.target, { timeout: 10_000, interval: 200 }).toBe(9);
    } finally {
      await second.close();
    }
  });
});

describe('a fresh database', () => {
  it('makes the first account an administrator and later ones coordinators', async () => {
    const server = await startTestServer();
    try {
      expect((await setCoordinator(server.database.db, 'dau-tien', PASSWORD)).role).toBe('admin');
      expect((await setCoordinator(server.database.db, 'thu-hai', PASSWORD)).role).toBe('coordinator');
      expect((await setCoordinator(server.database.db, 'thu-ba', PASSWORD, new Date(), 'admin')).role).toBe('admin');
    } finally {
      await server.close();
    }
  });
});
