/** Replies of the coordinators' API for the page tests, each checked against the contract's schemas, and a fetch that serves them. */
import {
  Account,
  AuditEntry,
  CampaignReport,
  CoordinatorDashboard,
  QuestionnaireScores,
  QuotaSnapshot,
  type DeviceSummary,
  type ScoreReportWire,
} from '../../src/contract';
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

/**
 * A figure of a score report: a score without an interval, [score, low, high] with its 95 %
 * interval, null for no data, or why it is withheld.
 */
export type Cell = number | readonly [number, number, number] | null | 'primary' | 'complementary';

function figureOf(cell: Cell): { score: number | null; interval: { low: number; high: number } | null; suppressed?: 'primary' | 'complementary' } {
  if (cell === 'primary' || cell === 'complementary') return { score: null, interval: null, suppressed: cell };
  if (cell === null || typeof cell === 'number') return { score: cell, interval: null };
  return { score: cell[0], interval: { low: cell[1], high: cell[2] } };
}

/**
 * A score report of the new contract: its method, interviews and respondents, the overall figure,
 * then each component's [id, figure, max]. Components' respondents are the report's.
 */
export function scoreReport(
  method: 'share' | 'points' | 'papi',
  interviews: number,
  n: number,
  overall: Cell,
  components: readonly (readonly [string, Cell, number])[],
  aggregation: 'respondent' | 'criterion' | 'pooled' = method === 'share' ? 'criterion' : 'respondent',
): ScoreReportWire {
  const whole = figureOf(overall);
  return {
    method,
    aggregation,
    interviews,
    n,
    ...whole,
    max: method === 'share' ? 100 : components.reduce((sum, [, , max]) => sum + max, 0),
    withData: components.filter(([, c]) => c !== null).length,
    components: components.map(([id, cell, max]) => {
      const f = figureOf(cell);
      return { id, count: f.score === null ? 0 : n * 3, value: f.score === null ? null : f.score / max, max, n, ...f };
    }),
  };
}

const METHOD_NOTE = {
  text: tx(
    'Tính theo tiêu chí: tính kết quả của từng tiêu chí trước, rồi lấy trung bình giữa các tiêu chí.',
    'Per criterion: each criterion’s result first, then the mean over criteria.',
  ),
  example: tx('Ví dụ: tiêu chí 1: 2/2 = 100 %, tiêu chí 2: 1/2 = 50 %; theo tiêu chí: 75 %.', 'Example: criterion 1: 2/2 = 100 %, criterion 2: 1/2 = 50 %; per criterion: 75 %.'),
};

/**
 * The SIPAS-like scores of the Quảng Bình campaign (minimum cell 5): two components; a district
 * with 3 respondents withheld (primary), the other district withheld with it (complementary, or
 * it would be recovered from the group's figure); a breakdown by sex; version 1 left out.
 */
export function sipasScores(): QuestionnaireScores {
  const c = (service: Cell, depts: Cell) =>
    [
      ['service', service, 100],
      ['depts', depts, 100],
    ] as const;
  return QuestionnaireScores.parse({
    surveyId: 'sipas-citizen',
    surveyVersion: 2,
    title: SIPAS_TITLE,
    method: 'share',
    aggregation: 'criterion',
    methodNote: METHOD_NOTE,
    versions: [2, 3],
    excluded: [{ version: 1, interviews: 12 }],
    minCell: 5,
    components: [
      { id: 'service', label: tx('Tiếp cận dịch vụ', 'Access to services'), max: 100 },
      { id: 'depts', label: tx('Thủ tục hành chính', 'Administrative procedures'), max: 100 },
    ],
    overall: scoreReport('share', 40, 38, [62.5, 58.1, 66.7], c([60, 52.3, 67.2], [65, 57.5, 71.9])),
    groups: [
      {
        id: 'citizen',
        label: tx('Người dân, tổ chức', 'Citizens and organisations'),
        report: scoreReport('share', 40, 38, [62.5, 58.1, 66.7], c([60, 52.3, 67.2], [65, 57.5, 71.9])),
        strata: [
          { value: 'bo-trach', label: tx('Huyện Bố Trạch', 'Bố Trạch district'), report: scoreReport('share', 3, 3, 'primary', c('primary', 'primary')) },
          { value: 'quang-trach', label: tx('Huyện Quảng Trạch', 'Quảng Trạch district'), report: scoreReport('share', 6, 6, 'complementary', c('complementary', 'complementary')) },
          { value: 'dong-hoi', label: tx('Thành phố Đồng Hới', 'Đồng Hới city'), report: scoreReport('share', 31, 29, [63.1, 57.9, 68], c([61, 52, 69.4], [65.2, 56.8, 72.8])) },
          { value: 'le-thuy', label: tx('Huyện Lệ Thủy', 'Lệ Thủy district'), report: scoreReport('share', 0, 0, null, c(null, null)) },
        ],
      },
    ],
    criteria: [
      { component: 'service', id: 'q1', label: tx('Nơi ngồi chờ có đủ chỗ ngồi', 'Enough seats in the waiting area'), n: 38, score: 71.1, max: 100, interval: { low: 55.2, high: 83 } },
      { component: 'service', id: 'q2.r1', label: tx('Trang thiết bị — Máy lấy số', 'Equipment — Ticket machine'), n: 3, score: null, max: 100, interval: null, suppressed: 'primary' },
      { component: 'depts', id: 'q3', label: tx('Thủ tục được niêm yết công khai', 'The procedure is publicly posted'), n: 37, score: 64.9, max: 100, interval: { low: 48.8, high: 78.2 } },
    ],
    breakdowns: [
      {
        question: 'sex',
        label: tx('Giới tính', 'Sex'),
        cells: [
          { value: 'female', label: tx('Nữ', 'Female'), report: scoreReport('share', 22, 21, [64.4, 58.2, 70.1], c([62.5, 52.6, 71.4], [66.3, 56.4, 75.1])) },
          { value: 'male', label: tx('Nam', 'Male'), report: scoreReport('share', 18, 17, [60.2, 53.5, 66.5], c([57.1, 46.2, 67.4], [63.3, 52.1, 73.2])) },
        ],
      },
    ],
  });
}

/** The PAR INDEX-like scores (points): one domain of 2.5 points, another of 3 withheld. */
export function parScores(): QuestionnaireScores {
  const comps = [
    ['a', [1.875, 1.52, 2.23], 2.5],
    ['b', 'complementary', 3],
  ] as const;
  return QuestionnaireScores.parse({
    surveyId: 'par-officials',
    surveyVersion: 1,
    title: tx('Phiếu điều tra xã hội học cán bộ, công chức', "Officials' sociological survey"),
    method: 'points',
    aggregation: 'respondent',
    methodNote: METHOD_NOTE,
    versions: [1],
    excluded: [],
    minCell: 5,
    components: [
      { id: 'a', label: tx('Cải cách thể chế', 'Institutional reform'), max: 2.5 },
      { id: 'b', label: tx('Cải cách thủ tục hành chính', 'Administrative procedure reform'), max: 3 },
    ],
    overall: scoreReport('points', 43, 43, 'complementary', comps),
    groups: [{ id: 'delegate', label: tx('Đại biểu HĐND tỉnh', "Provincial People's Council delegates"), report: scoreReport('points', 32, 32, [4.1, 3.6, 4.6], [['a', [1.9, 1.5, 2.3], 2.5], ['b', [2.2, 1.9, 2.5], 3]]), strata: [] }],
    criteria: [],
    breakdowns: [],
  });
}

/** The Quảng Bình 2021 report: SIPAS and PAR scores, three targets (met, not met, undecided on a withheld figure), compared with 2020. */
export function campaignReport(options: { compared?: boolean } = {}): CampaignReport {
  const compared = options.compared ?? true;
  const before2020 = { id: 'quang-binh-2020', title: tx('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2020', 'Quảng Bình 2020 PAR INDEX survey'), start: '2020-11-01', end: '2020-11-30' };
  const before2019 = { id: 'quang-binh-2019', title: tx('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2019', 'Quảng Bình 2019 PAR INDEX survey'), start: '2019-11-01', end: '2019-11-30' };
  const figure = (score: number | null, low: number, high: number, n: number, suppressed?: 'primary' | 'complementary') => ({
    score: suppressed ? null : score,
    max: 100,
    n,
    interval: suppressed || score === null ? null : { low, high },
    ...(suppressed ? { suppressed } : {}),
  });
  return CampaignReport.parse({
    campaign: { id: 'quang-binh-2021', title: quangBinhSnapshot().title, start: '2021-11-01', end: '2021-11-30', organiser: tx('Sở Nội vụ tỉnh Quảng Bình', 'Quảng Bình Department of Home Affairs') },
    generatedAt: '2021-12-01T02:30:00.000Z',
    minCell: 5,
    interviews: 83,
    questionnaires: [sipasScores(), parScores()],
    targets: [
      {
        surveyId: 'sipas-citizen',
        op: '>',
        value: 55,
        label: tx('Chỉ số hài lòng, cả đợt > 55%', 'Satisfaction index, whole campaign > 55%'),
        source: tx('Kế hoạch số 12/KH-UBND', 'Plan 12/KH-UBND'),
        figure: figure(62.5, 58.1, 66.7, 38),
        status: 'met',
      },
      {
        surveyId: 'sipas-citizen',
        component: 'depts',
        op: '>=',
        value: 82,
        label: tx('Thủ tục hành chính, cả đợt ≥ 82%', 'Administrative procedures, whole campaign ≥ 82%'),
        figure: figure(65, 57.5, 71.9, 38),
        status: 'not_met',
      },
      {
        surveyId: 'sipas-citizen',
        group: 'citizen',
        stratum: 'bo-trach',
        op: '>',
        value: 60,
        label: tx('Chỉ số hài lòng, Huyện Bố Trạch > 60%', 'Satisfaction index, Bố Trạch district > 60%'),
        figure: figure(null, 0, 0, 3, 'primary'),
        status: 'undecided',
      },
    ],
    comparison: compared
      ? {
          campaign: before2020,
          differentScoring: [],
          rows: [
            {
              surveyId: 'sipas-citizen',
              scope: 'all',
              scopeLabel: tx('Tất cả các nhóm', 'All groups'),
              label: tx('Chỉ số hài lòng', 'Satisfaction index'),
              before: figure(55.2, 50.1, 60.2, 36),
              after: figure(62.5, 58.1, 66.7, 38),
              change: 7.3,
              low: 0.6,
              high: 14,
              exceeds: true,
            },
            {
              surveyId: 'sipas-citizen',
              scope: 'all',
              scopeLabel: tx('Tất cả các nhóm', 'All groups'),
              component: 'service',
              label: tx('Tiếp cận dịch vụ', 'Access to services'),
              before: figure(62.1, 54.2, 69.4, 36),
              after: figure(60, 52.3, 67.2, 38),
              change: -2.1,
              low: -12.6,
              high: 8.4,
              exceeds: false,
            },
            {
              surveyId: 'sipas-citizen',
              scope: 'stratum',
              group: 'citizen',
              stratum: 'bo-trach',
              scopeLabel: tx('Huyện Bố Trạch', 'Bố Trạch district'),
              label: tx('Chỉ số hài lòng', 'Satisfaction index'),
              before: figure(58, 40, 74, 8),
              after: figure(null, 0, 0, 3, 'primary'),
              change: null,
              low: null,
              high: null,
              exceeds: null,
            },
          ],
        }
      : null,
    comparable: [before2020, before2019],
  });
}
