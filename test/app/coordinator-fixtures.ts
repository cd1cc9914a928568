/** Replies of the coordinators' API for the page tests, each checked against the contract's schemas, and a fetch that serves them. */
import { Account, AuditEntry, CoordinatorDashboard, QuotaSnapshot, type DeviceSummary } from '../../src/contract';
import type { FetchLike } from '../../src/sync';

const tx = (vi: string, en: string) => ({ vi, en });

/** A Quảng Bình-like campaign: a group over quota, departments, units under departments, the 169/199 slip. */
export function quangBinhSnapshot(takenAt = '2021-11-12T03:15:00.000Z'): QuotaSnapshot {
  return QuotaSnapshot.parse({
    campaignId: 'quang-binh-2021',
    title: tx('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021', 'Quảng Bình 2021 PAR INDEX survey'),
    start: '2021-11-01',
    end: '2021-11-30',
    status: 'running',
    takenAt,
    groups: [
      {
        id: 'delegate',
        label: tx('Đại biểu HĐND tỉnh', "Provincial People's Council delegates"),
        policy: 'continue',
        questionnaire: { id: 'par-officials', version: 1 },
        target: 30,
        accepted: 32,
        over: 2,
        full: true,
        declaredTarget: 30,
        strata: [],
      },
      {
        id: 'department-leader',
        label: tx('Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh', 'Leaders of provincial departments'),
        policy: 'stop',
        questionnaire: { id: 'par-officials', version: 1 },
        target: 6,
        accepted: 4,
        over: 0,
        full: false,
        strata: [
          { value: 'noi-vu', label: tx('Sở Nội vụ', 'Department of Home Affairs'), target: 3, accepted: 3, over: 0, full: true },
          { value: 'tu-phap', label: tx('Sở Tư pháp', 'Department of Justice'), target: 3, accepted: 1, over: 0, full: false },
        ],
      },
      {
        id: 'unit-leader',
        label: tx('Lãnh đạo đơn vị thuộc, trực thuộc sở', 'Leaders of units under departments'),
        policy: 'stop',
        questionnaire: { id: 'par-officials', version: 1 },
        target: 4,
        accepted: 3,
        over: 1,
        full: false,
        strata: [
          { value: 'noi-vu-thi-dua', label: tx('Ban Thi đua – Khen thưởng', 'Emulation and Rewards Board'), parent: 'noi-vu', target: 1, accepted: 2, over: 1, full: true },
          { value: 'noi-vu-ton-giao', label: tx('Ban Tôn giáo', 'Religious Affairs Board'), parent: 'noi-vu', target: 1, accepted: 0, over: 0, full: false },
          { value: 'tu-phap-tgpl', label: tx('Trung tâm Trợ giúp pháp lý', 'Legal Aid Centre'), parent: 'tu-phap', target: 1, accepted: 1, over: 0, full: true },
          { value: 'tu-phap-dgts', label: tx('Trung tâm Dịch vụ đấu giá tài sản', 'Auction Service Centre'), parent: 'tu-phap', target: 1, accepted: 0, over: 0, full: false },
        ],
        parents: [
          { value: 'noi-vu', label: tx('Sở Nội vụ', 'Department of Home Affairs') },
          { value: 'tu-phap', label: tx('Sở Tư pháp', 'Department of Justice') },
        ],
      },
      {
        id: 'citizen',
        label: tx('Người dân, tổ chức', 'Citizens and organisations'),
        policy: 'continue',
        questionnaire: { id: 'sipas-citizen', version: 1 },
        target: 10,
        accepted: 2,
        over: 0,
        full: false,
        strata: [{ value: 'bo-trach', label: tx('Huyện Bố Trạch', 'Bố Trạch district'), target: 10, accepted: 2, over: 0, full: false }],
      },
    ],
    discrepancies: [
      {
        scope: 'campaign',
        declared: 169,
        computed: 199,
        message: tx(
          'Kế hoạch ghi tổng 169 phiếu cho các nhóm cán bộ, nhưng chỉ tiêu các nhóm cộng lại là 30 + 60 + 100 + 9 = 199 (nhiều hơn 30).',
          "The plan states a total of 169 questionnaires for the officials' groups, but the groups' targets add up to 30 + 60 + 100 + 9 = 199 (30 more).",
        ),
      },
    ],
  });
}

export function devices(): DeviceSummary[] {
  return [
    {
      id: 'dev-a',
      name: 'Nguyễn Văn A',
      label: 'Galaxy Tab A8',
      createdAt: '2021-11-01T01:00:00.000Z',
      lastSeenAt: '2021-11-12T02:00:00.000Z',
      lastSyncAt: '2021-11-12T02:00:00.000Z',
      revokedAt: null,
      interviews: 7,
    },
    {
      id: 'dev-b',
      name: 'Trần Thị B',
      label: null,
      createdAt: '2021-11-02T01:00:00.000Z',
      lastSeenAt: null,
      lastSyncAt: null,
      revokedAt: '2021-11-05T08:00:00.000Z',
      interviews: 0,
    },
  ];
}

export const PAPI_TITLE = tx(
  'Phiếu phỏng vấn người dân về hiệu quả quản trị và hành chính công cấp tỉnh (theo cách tiếp cận PAPI)',
  'Citizen interview on provincial governance and public administration performance (PAPI style)',
);
const SIPAS_TITLE = tx(
  'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước',
  "Survey of citizens' and organisations' satisfaction with the service of public administrative agencies",
);

/** A dashboard reply: the campaign's figures, 3 PAPI interviews outside any campaign, an enumerator with two devices. */
export function dashboard(quota: QuotaSnapshot | null = quangBinhSnapshot()): CoordinatorDashboard {
  return CoordinatorDashboard.parse({
    quota,
    campaigns: [{ id: 'quang-binh-2021', title: quota?.title ?? tx('Đợt', 'Campaign'), start: '2021-11-01', end: '2021-11-30' }],
    perDay: [
      { date: '2021-11-02', count: 3 },
      { date: '2021-11-04', count: 5 },
    ],
    perEnumerator: [
      { deviceId: 'dev-a', deviceIds: ['dev-a0', 'dev-a'], name: 'Nguyễn Văn A', kind: 'enumerator', count: 7, outsideCampaigns: 3, lastSyncAt: '2021-11-12T02:00:00.000Z' },
      { deviceId: 'dev-c', deviceIds: ['dev-c'], name: 'Lê Văn C', kind: 'enumerator', count: 1, outsideCampaigns: 0, lastSyncAt: null },
    ],
    devices: devices(),
    totals: {
      interviews: 8,
      today: 2,
      outsideCampaigns: { interviews: 3, questionnaires: [{ id: 'papi-citizen', title: PAPI_TITLE, interviews: 3 }] },
      otherCampaigns: 0,
    },
    // The plan's total covers the officials' groups, not the citizens.
    declaredTotal: { value: 169, groups: ['delegate', 'department-leader', 'unit-leader'] },
    questionnaires: [
      { id: 'par-officials', version: 1, title: tx('Phiếu điều tra xã hội học cán bộ, công chức', "Officials' sociological survey"), campaign: true, interviews: true },
      { id: 'sipas-citizen', version: 1, title: SIPAS_TITLE, campaign: true, interviews: true },
      { id: 'papi-citizen', version: 1, title: PAPI_TITLE, campaign: false, interviews: true },
    ],
    scores: [],
    takenAt: quota?.takenAt ?? '2021-11-12T03:15:00.000Z',
  });
}

/** A logged-in administrator's and coordinator's GET /me (and login) replies. */
export const meAs = (role: 'admin' | 'coordinator', username = role === 'admin' ? 'admin' : 'lan') => ({
  status: 200,
  body: { username, role, expiresAt: '2099-01-01T00:00:00.000Z' },
});

/** Three accounts: the administrator logged in (never logged in before… but now), a coordinator, a disabled one. */
export function accounts(): Account[] {
  return [
    { id: 'acc-admin', username: 'admin', role: 'admin', disabled: false, createdAt: '2021-10-01T01:00:00.000Z', lastLoginAt: '2021-11-12T01:30:00.000Z' },
    { id: 'acc-lan', username: 'lan', role: 'coordinator', disabled: false, createdAt: '2021-10-02T02:00:00.000Z' },
    { id: 'acc-minh', username: 'minh', role: 'coordinator', disabled: true, createdAt: '2021-10-03T03:00:00.000Z', lastLoginAt: '2021-10-20T09:00:00.000Z' },
  ].map((a) => Account.parse(a));
}

/** Audit entries, newest first: a campaign edit with its changes, an account made, a questionnaire published from the command line. */
export function auditEntries(): AuditEntry[] {
  return [
    {
      id: 42,
      at: '2021-11-12T03:15:00.000Z',
      actor: 'admin',
      action: 'campaign.edited',
      target: 'campaign:quang-tri-2026',
      changes: [
        { path: 'groups[citizen].target', before: 100, after: 120 },
        { path: 'title', before: { vi: 'Đợt 1', en: 'Round 1' }, after: { vi: 'Đợt một', en: 'Round one' } },
        { path: 'groups[citizen].strata[gio-linh]', after: { value: 'gio-linh', target: 5 } },
      ],
      detail: { revision: 3 },
    },
    { id: 41, at: '2021-11-11T17:30:00.000Z', actor: 'admin', action: 'account.created', target: 'account:lan', detail: { role: 'coordinator' } },
    { id: 40, at: '2021-11-10T01:00:00.000Z', actor: '(command line)', action: 'device.revoked', target: 'device:dev-b' },
  ].map((e) => AuditEntry.parse(e));
}

export interface Served {
  method: string;
  path: string;
  body: unknown;
}

export type Handler = (request: Served) => { status: number; body?: unknown } | undefined;

/**
 * A fetch answering like the server: `handler` gives each request's status and JSON body (or
 * undefined for the server's not_found). `requests` records them, in order.
 */
export function serverFetch(handler: Handler): { fetch: FetchLike; requests: Served[] } {
  const requests: Served[] = [];
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url, 'http://localhost');
    const request: Served = {
      method: init.method ?? 'GET',
      path: u.pathname + u.search,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    const reply = handler(request) ?? { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, requests };
}

export const apiError = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });
