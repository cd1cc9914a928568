/**
 * A campaign report written by hand, as GET …/report sends it: a SIPAS-like satisfaction
 * questionnaire (percentages, 5 components, citizens and organisations, communes and kinds of
 * organisation, some withheld as too small and some withheld so the small ones cannot be worked out,
 * broken down by sex and age band) and a PAR-INDEX-like questionnaire of department and district
 * leaders (points out of 30, strata of three people, all withheld), three targets (met, not met,
 * undecided) and a comparison with the year before. Share intervals are Wilson's, computed from the
 * figure and n; point intervals are written in. Reused by every test of the report.
 */
import type { CampaignReport, QuestionnaireScores } from '../../src/contract';
import { methodNote } from '../../src/survey';
import type { Scoring } from '../../src/survey';
import { wilsonInterval } from '../../src/survey/stats';

type Report = QuestionnaireScores['overall'];
type Component = Report['components'][number];
type Why = 'primary' | 'complementary';
/** A figure as written below: a score, withheld (and why), or null for no data. */
type Score = number | Why | null;

const T = (vi: string, en: string) => ({ vi, en });

function wilson(score: number, n: number) {
  const w = wilsonInterval(score / 100, n)!;
  return { low: 100 * w.low, high: 100 * w.high };
}

/** A share component: percent on `n` respondents (about four answers each), with its Wilson interval. */
function share(id: string, score: Score, n: number): Component {
  if (typeof score === 'string') return { id, count: 4 * n, value: null, score: null, max: 100, n, interval: null, suppressed: score };
  if (score === null) return { id, count: 0, value: null, score: null, max: 100, n, interval: null };
  return { id, count: 4 * n, value: score / 100, score, max: 100, n, interval: wilson(score, n) };
}

/** A report on the SIPAS block: the overall figure is the mean of the components with data, unless withheld or given. */
function sipasReport(interviews: number, n: number, comps: readonly [Score, number][], overall?: Why): Report {
  const ids = SIPAS_COMPONENTS.map((c) => c.id);
  const components = comps.map(([score, k], i) => share(ids[i]!, score, k));
  const withData = comps.filter(([s]) => s !== null).length;
  // A withheld component still counts in the (shown) overall figure; here its score stands in as the mean of the others.
  const shown = components.flatMap((c) => (c.score === null ? [] : [c.score]));
  const mean = shown.length === 0 ? null : shown.reduce((a, b) => a + b, 0) / shown.length;
  const base = { method: 'share' as const, aggregation: 'criterion' as const, interviews, n, max: 100, withData, components };
  if (overall) return { ...base, score: null, interval: null, suppressed: overall };
  return { ...base, score: mean, interval: mean === null || n === 0 ? null : wilson(mean, n) };
}

export const SIPAS_COMPONENTS: QuestionnaireScores['components'] = [
  { id: 'access', label: T('Tiếp cận dịch vụ', 'Access to the service'), max: 100 },
  { id: 'procedure', label: T('Thủ tục hành chính', 'The administrative procedure'), max: 100 },
  { id: 'official', label: T('Công chức trực tiếp giải quyết', 'The civil servant who handled the procedure'), max: 100 },
  { id: 'result', label: T('Kết quả giải quyết thủ tục hành chính', 'The result of the procedure'), max: 100 },
  { id: 'feedback', label: T('Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', 'Receiving and handling feedback and complaints'), max: 100 },
];

const P: Why = 'primary';
const C: Why = 'complementary';

const sipasScoring: Scoring = {
  method: 'share',
  weights: { satisfaction: { yes: 1, no: 0 } },
  components: SIPAS_COMPONENTS.map((c) => ({ id: c.id, label: c.label, items: [`${c.id}-1`] })),
};

export function sipasQuestionnaire(): QuestionnaireScores {
  const note = methodNote(sipasScoring);
  return {
    surveyId: 'sipas-citizen',
    surveyVersion: 3,
    title: T(
      'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước',
      "Survey of citizens' and organisations' satisfaction with the service of public administrative agencies",
    ),
    method: 'share',
    aggregation: 'criterion',
    methodNote: note,
    versions: [2, 3],
    excluded: [{ version: 1, interviews: 12 }],
    minCell: 5,
    components: SIPAS_COMPONENTS,
    // 108 respondents: 92 citizens (48 + 35 + 3 + 6 in four communes, one planned commune without interviews), 16 organisations (14 + 2).
    overall: sipasReport(112, 108, [
      [86.4, 108],
      [74.1, 108],
      [88.9, 106],
      [81.5, 108],
      [61.0, 41],
    ]),
    groups: [
      {
        id: 'citizen',
        label: T('Người dân', 'Citizens'),
        report: sipasReport(95, 92, [
          [87.0, 92],
          [75.0, 92],
          [89.1, 90],
          [82.6, 92],
          [60.6, 33],
        ]),
        strata: [
          {
            value: 'phu-thuy',
            label: T('Phường Phú Thủy', 'Phú Thủy ward'),
            report: sipasReport(49, 48, [
              [89.6, 48],
              [77.1, 48],
              [91.5, 47],
              [85.4, 48],
              [C, 26],
            ]),
          },
          {
            value: 'tien-loi',
            label: T('Xã Tiến Lợi', 'Tiến Lợi commune'),
            report: sipasReport(36, 35, [
              [85.7, 35],
              [74.3, 35],
              [88.6, 35],
              [80.0, 35],
              [P, 4],
            ]),
          },
          {
            value: 'ham-my',
            label: T('Xã Hàm Mỹ', 'Hàm Mỹ commune'),
            report: sipasReport(
              3,
              3,
              [
                [P, 3],
                [P, 3],
                [P, 2],
                [P, 3],
                [P, 1],
              ],
              P,
            ),
          },
          {
            value: 'ham-can',
            label: T('Xã Hàm Cần', 'Hàm Cần commune'),
            report: sipasReport(
              7,
              6,
              [
                [C, 6],
                [C, 6],
                [C, 6],
                [C, 6],
                [P, 2],
              ],
              C,
            ),
          },
          {
            value: 'ham-chinh',
            label: T('Xã Hàm Chính', 'Hàm Chính commune'),
            report: sipasReport(0, 0, [
              [null, 0],
              [null, 0],
              [null, 0],
              [null, 0],
              [null, 0],
            ]),
          },
        ],
      },
      {
        id: 'organisation',
        label: T('Tổ chức, doanh nghiệp', 'Organisations and businesses'),
        report: sipasReport(17, 16, [
          [81.3, 16],
          [68.8, 16],
          [87.5, 16],
          [75.0, 16],
          [66.7, 8],
        ]),
        strata: [
          {
            value: 'business',
            label: T('Doanh nghiệp', 'Businesses'),
            report: sipasReport(
              15,
              14,
              [
                [C, 14],
                [C, 14],
                [C, 14],
                [C, 14],
                [C, 7],
              ],
              C,
            ),
          },
          {
            value: 'cooperative',
            label: T('Hợp tác xã', 'Cooperatives'),
            report: sipasReport(
              2,
              2,
              [
                [P, 2],
                [P, 2],
                [P, 2],
                [P, 2],
                [P, 1],
              ],
              P,
            ),
          },
        ],
      },
    ],
    criteria: [
      { component: 'access', id: 'access-1', label: T('Nơi ngồi chờ có đủ chỗ ngồi', 'Enough seats in the waiting area'), n: 118, score: 81.4, max: 100, interval: { low: 73.4, high: 87.4 } },
      { component: 'access', id: 'access-2.r1', label: T('Trang thiết bị — Máy lấy số', 'Equipment — Ticket machine'), n: 3, score: null, max: 100, interval: null, suppressed: P },
      { component: 'procedure', id: 'procedure-1', label: T('Thủ tục được niêm yết công khai', 'The procedure is publicly posted'), n: 120, score: 76.7, max: 100, interval: { low: 68.4, high: 83.4 } },
    ],
    breakdowns: [
      {
        question: 'sex',
        label: T('Giới tính', 'Sex'),
        cells: [
          {
            value: 'male',
            label: T('Nam', 'Male'),
            report: sipasReport(62, 60, [
              [85.0, 60],
              [73.3, 60],
              [88.3, 60],
              [80.0, 60],
              [59.1, 22],
            ]),
          },
          {
            value: 'female',
            label: T('Nữ', 'Female'),
            report: sipasReport(50, 48, [
              [87.5, 48],
              [75.0, 48],
              [89.1, 46],
              [83.3, 48],
              [63.2, 19],
            ]),
          },
        ],
      },
      {
        question: 'ageBand',
        label: T('Nhóm tuổi', 'Age band'),
        cells: [
          {
            value: '18-29',
            label: T('18–29 tuổi', '18–29'),
            report: sipasReport(20, 19, [
              [84.2, 19],
              [68.4, 19],
              [89.5, 19],
              [78.9, 19],
              [57.1, 7],
            ]),
          },
          {
            value: '30-44',
            label: T('30–44 tuổi', '30–44'),
            report: sipasReport(42, 41, [
              [87.8, 41],
              [75.6, 41],
              [90.2, 41],
              [82.9, 41],
              [62.5, 16],
            ]),
          },
          {
            value: '45-59',
            label: T('45–59 tuổi', '45–59'),
            report: sipasReport(35, 34, [
              [85.3, 34],
              [76.5, 34],
              [87.9, 33],
              [82.4, 34],
              [61.5, 13],
            ]),
          },
          {
            value: '60+',
            label: T('Từ 60 tuổi trở lên', '60 and over'),
            report: sipasReport(
              12,
              11,
              [
                [C, 11],
                [C, 11],
                [C, 10],
                [C, 11],
                [P, 4],
              ],
              C,
            ),
          },
          {
            value: '',
            label: T('Không trả lời', 'Not answered'),
            report: sipasReport(
              3,
              3,
              [
                [P, 3],
                [P, 3],
                [P, 3],
                [P, 3],
                [P, 1],
              ],
              P,
            ),
          },
        ],
      },
    ],
  };
}

export const PAR_COMPONENTS: QuestionnaireScores['components'] = [
  { id: 'direction', label: T('Công tác chỉ đạo, điều hành cải cách hành chính', 'Direction and management of administrative reform'), max: 3 },
  { id: 'legal', label: T('Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', 'Making and enforcing legal documents'), max: 3.5 },
  { id: 'procedures', label: T('Cải cách thủ tục hành chính', 'Administrative procedure reform'), max: 5 },
  { id: 'organisation', label: T('Cải cách tổ chức bộ máy hành chính nhà nước', 'Reform of the organisation of the state apparatus'), max: 3.5 },
  { id: 'civil-service', label: T('Cải cách chế độ công vụ', 'Civil service reform'), max: 5 },
  { id: 'finance', label: T('Cải cách tài chính công', 'Public finance reform'), max: 3 },
  { id: 'modernisation', label: T('Hiện đại hóa hành chính, xây dựng chính quyền điện tử', 'Administrative modernisation and e-government'), max: 4 },
  { id: 'impact', label: T('Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội', 'Impact of administrative reform on people, organisations and the economy'), max: 3 },
];

/** A PAR report: each component [score, half-width of its interval], all on `n` respondents; or every figure withheld. */
function parReport(interviews: number, n: number, comps: readonly [number, number][] | Why, overallHalf = 0): Report {
  const base = { method: 'points' as const, aggregation: 'respondent' as const, interviews, n, max: 30 };
  if (typeof comps === 'string') {
    const components = PAR_COMPONENTS.map((c): Component => ({ id: c.id, count: 6 * n, value: null, score: null, max: c.max, n, interval: null, suppressed: comps }));
    return { ...base, score: null, interval: null, suppressed: comps, withData: components.length, components };
  }
  const components = comps.map(([score, half], i): Component => {
    const max = PAR_COMPONENTS[i]!.max;
    return { id: PAR_COMPONENTS[i]!.id, count: 6 * n, value: score / max, score, max, n, interval: { low: score - half, high: Math.min(max, score + half) } };
  });
  const total = components.reduce((a, c) => a + c.score!, 0);
  return { ...base, score: total, interval: { low: total - overallHalf, high: total + overallHalf }, withData: components.length, components };
}

const parScoring: Scoring = {
  method: 'points',
  weights: { agreement: { agree: 1, disagree: 0 } },
  components: PAR_COMPONENTS.map((c) => ({ id: c.id, label: c.label, points: c.max, items: [`${c.id}-1`] })),
};

export function parQuestionnaire(): QuestionnaireScores {
  return {
    surveyId: 'par-department-leaders',
    surveyVersion: 2,
    title: T(
      'Phiếu điều tra xã hội học xác định Chỉ số cải cách hành chính cấp tỉnh (dành cho lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh)',
      'Sociological survey for the provincial PAR INDEX — leaders of provincial departments',
    ),
    method: 'points',
    aggregation: 'respondent',
    methodNote: methodNote(parScoring),
    versions: [2],
    excluded: [],
    minCell: 5,
    components: PAR_COMPONENTS,
    // 27 leaders: 18 of departments (4 + 3 + 5 + 6), 9 of districts (3 + 3 + 3).
    overall: parReport(
      27,
      27,
      [
        [2.31, 0.21],
        [2.68, 0.25],
        [3.72, 0.38],
        [2.65, 0.27],
        [3.85, 0.35],
        [2.2, 0.24],
        [2.95, 0.31],
        [2.21, 0.26],
      ],
      1.63,
    ),
    groups: [
      {
        id: 'department-leader',
        label: T('Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh', 'Leaders of provincial departments'),
        report: parReport(
          18,
          18,
          [
            [2.36, 0.25],
            [2.74, 0.29],
            [3.81, 0.44],
            [2.7, 0.31],
            [3.9, 0.41],
            [2.25, 0.28],
            [3.02, 0.36],
            [2.26, 0.3],
          ],
          1.9,
        ),
        strata: [
          { value: 'noi-vu', label: T('Sở Nội vụ', 'Department of Home Affairs'), report: parReport(4, 4, P) },
          { value: 'tu-phap', label: T('Sở Tư pháp', 'Department of Justice'), report: parReport(3, 3, P) },
          { value: 'tai-chinh', label: T('Sở Tài chính', 'Department of Finance'), report: parReport(5, 5, C) },
          {
            value: 'y-te',
            label: T('Sở Y tế', 'Department of Health'),
            report: parReport(
              6,
              6,
              [
                [2.4, 0.45],
                [2.8, 0.52],
                [3.9, 0.8],
                [2.75, 0.55],
                [4.0, 0.72],
                [2.3, 0.5],
                [3.1, 0.62],
                [2.3, 0.5],
              ],
              3.6,
            ),
          },
        ],
      },
      {
        id: 'district-leader',
        label: T('Lãnh đạo UBND cấp huyện', 'District leaders'),
        report: parReport(
          9,
          9,
          [
            [2.21, 0.38],
            [2.56, 0.45],
            [3.54, 0.66],
            [2.55, 0.47],
            [3.75, 0.6],
            [2.1, 0.42],
            [2.81, 0.55],
            [2.11, 0.45],
          ],
          2.9,
        ),
        strata: [
          { value: 'ham-thuan-bac', label: T('Huyện Hàm Thuận Bắc', 'Hàm Thuận Bắc district'), report: parReport(3, 3, P) },
          { value: 'bac-binh', label: T('Huyện Bắc Bình', 'Bắc Bình district'), report: parReport(3, 3, P) },
          { value: 'la-gi', label: T('Thị xã La Gi', 'La Gi town'), report: parReport(3, 3, P) },
        ],
      },
    ],
    criteria: [],
    breakdowns: [],
  };
}

export const PAPI_COMPONENTS: QuestionnaireScores['components'] = [
  {
    id: 'participation',
    label: T('Tham gia của người dân ở cấp cơ sở', 'Participation at local levels'),
    max: 10,
    parts: [
      { id: 'knowledge', label: T('Tri thức công dân', 'Civic knowledge') },
      { id: 'elections', label: T('Bầu cử trưởng thôn, tổ trưởng tổ dân phố', 'Elections of village heads') },
    ],
  },
  {
    id: 'egovernance',
    label: T('Quản trị điện tử', 'E-governance'),
    max: 10,
    parts: [
      { id: 'access', label: T('Tiếp cận Internet', 'Internet access') },
      { id: 'use', label: T('Sử dụng thông tin và dịch vụ công trực tuyến', 'Use of online government information and services'), base: 'asked' },
    ],
  },
];

/** A PAPI-like questionnaire (dimensions of 1–10 made of sub-dimensions), one sub-dimension withheld (3 internet users asked). */
export function papiQuestionnaire(): QuestionnaireScores {
  const report: Report = {
    method: 'papi',
    aggregation: 'respondent',
    interviews: 40,
    n: 40,
    score: 9.32,
    max: 20,
    interval: { low: 8.71, high: 9.93 },
    withData: 2,
    components: [
      {
        id: 'participation',
        count: 160,
        value: 0.52,
        score: 5.68,
        max: 10,
        n: 40,
        interval: { low: 5.21, high: 6.15 },
        parts: [
          { id: 'knowledge', key: 'participation.knowledge', count: 80, n: 40, value: 0.47 },
          { id: 'elections', key: 'participation.elections', count: 80, n: 40, value: 0.57 },
        ],
      },
      {
        id: 'egovernance',
        count: 43,
        value: 0.29,
        score: 3.64,
        max: 10,
        n: 40,
        interval: { low: 3.1, high: 4.18 },
        parts: [
          { id: 'access', key: 'egovernance.access', count: 40, n: 40, value: 0.29 },
          { id: 'use', key: 'egovernance.use', count: 3, n: 3, value: null, suppressed: 'primary' },
        ],
      },
    ],
  };
  return {
    surveyId: 'papi-citizen',
    surveyVersion: 1,
    title: T('Phiếu phỏng vấn người dân về hiệu quả quản trị và hành chính công cấp tỉnh', 'Citizen interview on provincial governance and public administration performance'),
    method: 'papi',
    aggregation: 'respondent',
    methodNote: {
      text: T('Mỗi chỉ số nội dung là 1 + 9 × trung bình các nội dung thành phần (thang 1–10).', 'Each dimension is 1 + 9 × the mean of its sub-dimensions (1–10).'),
      example: T('Ví dụ: nội dung thành phần 0,47 và 0,57 cho 1 + 9 × 0,52 = 5,68.', 'Example: sub-dimensions 0.47 and 0.57 give 1 + 9 × 0.52 = 5.68.'),
    },
    versions: [1],
    excluded: [],
    minCell: 5,
    components: PAPI_COMPONENTS,
    overall: report,
    groups: [],
    criteria: [],
    breakdowns: [],
  };
}

const EARLIER = { id: 'binh-thuan-2024', title: T('Khảo sát sự hài lòng và Chỉ số cải cách hành chính năm 2024', 'Satisfaction survey and PAR INDEX 2024'), start: '2024-09-01', end: '2024-11-30' };

/** The whole report: SIPAS and PAR, three targets, a comparison with 2024 in four rows. */
export function campaignReport(): CampaignReport {
  const sipas = sipasQuestionnaire();
  const par = parQuestionnaire();
  const procedure = sipas.overall.components.find((c) => c.id === 'procedure')!;
  const organisation = sipas.groups.find((g) => g.id === 'organisation')!.report;
  const parProcedures = par.overall.components.find((c) => c.id === 'procedures')!;
  const fig = (f: { score: number | null; max: number; n: number; interval: { low: number; high: number } | null }) => ({
    score: f.score,
    max: f.max,
    n: f.n,
    interval: f.interval,
  });
  return {
    campaign: {
      id: 'binh-thuan-2025',
      title: T('Khảo sát sự hài lòng và Chỉ số cải cách hành chính tỉnh Bình Thuận năm 2025', 'Bình Thuận satisfaction survey and PAR INDEX 2025'),
      start: '2025-09-01',
      end: '2025-11-30',
      organiser: T('Sở Nội vụ tỉnh Bình Thuận', 'Bình Thuận Department of Home Affairs'),
    },
    generatedAt: '2025-12-05T02:30:00.000Z',
    minCell: 5,
    interviews: 151,
    questionnaires: [sipas, par],
    targets: [
      {
        surveyId: 'sipas-citizen',
        op: '>=',
        value: 65,
        label: T('Chỉ số hài lòng chung, toàn đợt ≥ 65 %', 'Overall satisfaction index, whole campaign ≥ 65%'),
        source: T('Kế hoạch cải cách hành chính năm 2025 của UBND tỉnh', "The provincial People's Committee's 2025 administrative reform plan"),
        figure: fig(sipas.overall),
        status: 'met',
      },
      {
        surveyId: 'sipas-citizen',
        component: 'procedure',
        op: '>',
        value: 90,
        label: T('Hài lòng với thủ tục hành chính > 90 %', 'Satisfaction with the administrative procedure > 90%'),
        figure: fig(procedure),
        status: 'not_met',
      },
      {
        surveyId: 'par-department-leaders',
        op: '>=',
        value: 24,
        label: T('Tổng điểm đánh giá của lãnh đạo ≥ 24/30', "Leaders' total score ≥ 24/30"),
        figure: fig(par.overall),
        status: 'undecided',
      },
    ],
    comparison: {
      campaign: EARLIER,
      differentScoring: ['par-department-leaders'],
      rows: [
        {
          surveyId: 'sipas-citizen',
          scope: 'all',
          scopeLabel: T('Tất cả người trả lời', 'All respondents'),
          label: T('Chỉ số hài lòng chung', 'Overall satisfaction index'),
          before: { score: 74.2, max: 100, n: 96, interval: wilson(74.2, 96) },
          after: fig(sipas.overall),
          change: sipas.overall.score! - 74.2,
          low: -1.9,
          high: 10.3,
          exceeds: false,
        },
        {
          surveyId: 'sipas-citizen',
          scope: 'all',
          scopeLabel: T('Tất cả người trả lời', 'All respondents'),
          component: 'procedure',
          label: T('Thủ tục hành chính', 'The administrative procedure'),
          before: { score: 64.6, max: 100, n: 96, interval: wilson(64.6, 96) },
          after: fig(procedure),
          change: 9.5,
          low: 0.8,
          high: 18.2,
          exceeds: true,
        },
        {
          surveyId: 'sipas-citizen',
          scope: 'group',
          group: 'organisation',
          scopeLabel: T('Tổ chức, doanh nghiệp', 'Organisations and businesses'),
          label: T('Chỉ số hài lòng chung', 'Overall satisfaction index'),
          before: { score: null, max: 100, n: 4, interval: null, suppressed: 'primary' },
          after: fig(organisation),
          change: null,
          low: null,
          high: null,
          exceeds: null,
        },
        {
          surveyId: 'par-department-leaders',
          scope: 'all',
          scopeLabel: T('Tất cả người trả lời', 'All respondents'),
          component: 'procedures',
          label: T('Cải cách thủ tục hành chính', 'Administrative procedure reform'),
          before: { score: 4.35, max: 5, n: 25, interval: { low: 4.02, high: 4.68 } },
          after: fig(parProcedures),
          change: -0.63,
          low: -1.05,
          high: -0.21,
          exceeds: true,
        },
      ],
    },
    comparable: [EARLIER],
  };
}
