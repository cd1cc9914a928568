/**
 * The dashboard's Scores section: per questionnaire with scoring, overall and per component, for all
 * groups, per group and per stratum, each with its n; percent for "share", points out of the maximum
 * for "points", 1–10 for "papi"; "—" without data; Vietnamese and English.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoordinatorDashboard, QuestionnaireScores } from '../../src/contract';
import { DashboardView } from '../../src/app/coordinator/Dashboard';
import { setLang } from '../../src/app/i18n';
import { dashboard, parScores, sipasScores } from './coordinator-fixtures';

const tx = (vi: string, en: string) => ({ vi, en });
const user = userEvent.setup();

beforeEach(() => setLang('vi'));

/** A share report: [interviews, index, service, depts] (null: no data), as the new contract has it (respondents, no intervals). */
function share(interviews: number, index: number | null, service: number | null, depts: number | null) {
  const c = (id: string, score: number | null) => ({ id, count: score === null ? 0 : 3, value: score === null ? null : score / 100, score, max: 100, n: interviews, interval: null });
  return {
    method: 'share' as const,
    aggregation: 'criterion' as const,
    interviews,
    n: interviews,
    interval: null,
    score: index,
    max: 100,
    withData: [service, depts].filter((x) => x !== null).length,
    components: [c('service', service), c('depts', depts)],
  };
}

/** What every questionnaire's scores now carry besides the figures. */
const described = (surveyVersion: number) => ({
  methodNote: { text: tx('Cách tính.', 'How.'), example: tx('Ví dụ.', 'Example.') },
  versions: [surveyVersion],
  excluded: [],
  minCell: 1,
  criteria: [],
  breakdowns: [],
});

const sipas = () =>
  QuestionnaireScores.parse({
    surveyId: 'scored',
    surveyVersion: 1,
    title: tx('Khảo sát hài lòng', 'Satisfaction survey'),
    method: 'share',
    aggregation: 'criterion',
    ...described(1),
    components: [
      { id: 'service', label: tx('Phục vụ', 'Service'), max: 100 },
      { id: 'depts', label: tx('Các sở', 'Departments'), max: 100 },
    ],
    overall: share(4, 63.33333333, 60, 66.66666667),
    groups: [
      {
        id: 'citizen',
        label: tx('Người dân', 'Citizens'),
        report: share(3, 56.25, 62.5, 50),
        strata: [
          { value: 'd1', label: tx('Huyện 1', 'District 1'), report: share(2, 50, 50, 50) },
          { value: 'd2', label: tx('Huyện 2', 'District 2'), report: share(1, 75, 100, 50) },
          { value: 'd3', label: tx('Huyện 3', 'District 3'), report: share(0, null, null, null) },
        ],
      },
      { id: 'official', label: tx('Công chức', 'Officials'), report: share(1, 75, 50, 100), strata: [] },
    ],
  });

/** PAR INDEX style: domain a (2.5 points) has data, domain b (3 points) has none. */
const par = () => {
  const report = {
    method: 'points' as const,
    aggregation: 'respondent' as const,
    interviews: 2,
    n: 2,
    interval: null,
    score: 1.875,
    max: 5.5,
    withData: 1,
    components: [
      { id: 'a', count: 4, value: 0.75, score: 1.875, max: 2.5, n: 2, interval: null },
      { id: 'b', count: 0, value: null, score: null, max: 3, n: 0, interval: null },
    ],
  };
  return QuestionnaireScores.parse({
    surveyId: 'par',
    surveyVersion: 2,
    title: tx('Chỉ số CCHC', 'PAR INDEX'),
    method: 'points',
    aggregation: 'respondent',
    ...described(2),
    components: [
      { id: 'a', label: tx('Lĩnh vực A', 'Domain A'), max: 2.5 },
      { id: 'b', label: tx('Lĩnh vực B', 'Domain B'), max: 3 },
    ],
    overall: report,
    groups: [{ id: 'delegate', label: tx('Đại biểu', 'Delegates'), report, strata: [] }],
  });
};

/** PAPI style: one dimension of two parts, 1 + 9 × 0.75 = 7.75. */
const papi = () => {
  const report = {
    method: 'papi' as const,
    aggregation: 'respondent' as const,
    interviews: 2,
    n: 2,
    interval: null,
    score: 7.75,
    max: 10,
    withData: 1,
    components: [
      {
        id: 'dim',
        count: 6,
        value: 0.75,
        score: 7.75,
        max: 10,
        n: 2,
        interval: null,
        parts: [
          { id: 'svc', key: 'dim.svc', count: 2, n: 2, value: 0.75 },
          { id: 'dep', key: 'dim.dep', count: 4, n: 2, value: 0.75 },
        ],
      },
    ],
  };
  return QuestionnaireScores.parse({
    surveyId: 'papi',
    surveyVersion: 1,
    title: tx('Chỉ số PAPI', 'PAPI'),
    method: 'papi',
    aggregation: 'respondent',
    ...described(1),
    components: [{ id: 'dim', label: tx('Tham gia', 'Participation'), max: 10, parts: [{ id: 'svc', label: tx('a', 'a') }, { id: 'dep', label: tx('b', 'b') }] }],
    overall: report,
    groups: [{ id: 'citizen', label: tx('Người dân', 'Citizens'), report, strata: [] }],
  });
};

const withScores = (scores: QuestionnaireScores[]): CoordinatorDashboard => CoordinatorDashboard.parse({ ...dashboard(), scores });

/** The visible figures of a row: scope, n, overall, then each component (a cell's first child: its score, "—" or the withheld mark, not its interval). */
function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll<HTMLElement>('th, td')].map((c) => (c.firstChild?.textContent ?? '').trim());
}

function article(name: RegExp): HTMLElement {
  return screen.getByRole('article', { name });
}

/** What a column heading says to a screen reader: its visually hidden name when it has one. */
const heading = (h: HTMLElement) => h.querySelector('.sr-only')?.textContent ?? h.textContent;

describe('scores on the dashboard', () => {
  it('shows a share questionnaire overall, per group and per stratum with n, in percent, "—" without data', async () => {
    render(<DashboardView data={withScores([sipas()])} />);
    const section = screen.getByRole('region', { name: 'Điểm số' });
    const a = within(section).getByRole('article', { name: /Khảo sát hài lòng/ });
    const table = within(a).getByRole('table', { name: 'Điểm số của Khảo sát hài lòng theo nhóm đối tượng' });
    // A component's column is headed by its number (its name would break over many lines), its name
    // read aloud; the legend above the table names each number.
    expect(within(table).getAllByRole('columnheader').map(heading)).toEqual(['Phạm vi', 'Số phiếu (n)', 'Chung', 'Phục vụ', 'Các sở']);
    expect(within(table).getAllByRole('columnheader').map((h) => h.querySelector('[aria-hidden]')?.textContent ?? null)).toEqual([null, null, null, '1', '2']);
    expect(within(a).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Phục vụ', 'Các sở']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Tất cả các nhóm', '4', '63,3%', '60%', '66,7%'],
      ['Người dân', '3', '56,3%', '62,5%', '50%'],
      ['Công chức', '1', '75%', '50%', '100%'],
    ]);

    // Strata are folded under their group.
    await user.click(within(a).getByText('Theo địa bàn / đơn vị: Người dân (3)'));
    const strata = within(a).getByRole('table', { name: 'Điểm số của nhóm Người dân theo địa bàn / đơn vị' });
    expect(within(strata).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Huyện 1', '2', '50%', '50%', '50%'],
      ['Huyện 2', '1', '75%', '100%', '50%'],
      ['Huyện 3', '0', '—', '—', '—'],
    ]);
    // "—" is read out as "no data".
    const empty = within(strata).getAllByRole('row')[3]!;
    expect(within(empty).getAllByText('chưa có dữ liệu')).toHaveLength(3);

    const csv = within(a).getByRole('link', { name: 'Tải điểm số CSV — Khảo sát hài lòng phiên bản 1' });
    expect(csv.getAttribute('href')).toBe('/api/coordinator/exports/scored/1.scores.csv');
    expect(within(a).getByRole('link', { name: /Tải điểm số JSON/ }).getAttribute('href')).toBe('/api/coordinator/exports/scored/1.scores.json');
  });

  it('shows points out of their maximum, says when the total lacks a component, and papi on 1–10', () => {
    render(<DashboardView data={withScores([par(), papi()])} />);
    const parTable = within(article(/Chỉ số CCHC/)).getByRole('table');
    expect(within(parTable).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Tất cả các nhóm', '2', '1,88/5,5', '1,88/2,5', '—'],
      ['Đại biểu', '2', '1,88/5,5', '1,88/2,5', '—'],
    ]);
    expect(within(parTable).getAllByText(/1\/2 thành phần có dữ liệu/)).toHaveLength(2);
    expect(within(article(/Chỉ số CCHC/)).getByText(/tối đa 5,5/)).toBeTruthy();

    const papiTable = within(article(/Chỉ số PAPI/)).getByRole('table');
    expect(within(papiTable).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Tất cả các nhóm', '2', '7,75/10', '7,75'],
      ['Người dân', '2', '7,75/10', '7,75'],
    ]);
    expect(within(article(/Chỉ số PAPI/)).getByText(/thang 1–10/)).toBeTruthy();
  });

  it('speaks English', () => {
    void setLang('en');
    render(<DashboardView data={withScores([sipas()])} />);
    const table = within(screen.getByRole('region', { name: 'Scores' })).getByRole('table', { name: 'Scores of Satisfaction survey by respondent group' });
    expect(within(table).getAllByRole('columnheader').map(heading)).toEqual(['Scope', 'Interviews (n)', 'Overall', 'Service', 'Departments']);
    expect(within(table).getAllByRole('row').slice(1).map(cells)[0]).toEqual(['All groups', '4', '63.3%', '60%', '66.7%']);
  });

  it('has no Scores section when no questionnaire has scoring', () => {
    render(<DashboardView data={dashboard()} />);
    expect(screen.queryByRole('region', { name: 'Điểm số' })).toBeNull();
  });
});

/** A score cell's figure, its interval as shown wide and on a phone, and what a screen reader hears of it. */
function figureIn(cell: HTMLElement) {
  return {
    shown: (cell.firstChild?.textContent ?? '').trim(),
    range: cell.querySelector('.ci-range')?.textContent ?? null,
    plusMinus: cell.querySelector('.ci-pm')?.textContent ?? null,
    spoken: [...cell.querySelectorAll('.sr-only')].map((e) => e.textContent).join(' '),
  };
}

/** What a cell shows on screen: its text without what only screen readers hear. */
function visible(cell: HTMLElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.sr-only').forEach((e) => e.remove());
  return (copy.textContent ?? '').trim();
}

const scoreCell = (row: HTMLElement, id: string) => row.querySelector<HTMLElement>(`[data-score="${id}"]`)!;

describe('scores with intervals, withheld figures and their method', () => {
  it('writes each figure with its 95 % interval in the language’s numbers, the compact ± form for phones', () => {
    const view = render(<DashboardView data={withScores([sipasScores()])} />);
    const article = screen.getByRole('article', { name: /Phiếu khảo sát sự hài lòng/ });
    const all = within(article).getAllByRole('row').find((r) => r.getAttribute('data-scope') === 'all')!;
    expect(figureIn(scoreCell(all, 'overall'))).toEqual({ shown: '62,5%', range: '(58,1–66,7)', plusMinus: '±4,3', spoken: 'khoảng tin cậy 95 %: từ 58,1 đến 66,7' });
    expect(figureIn(scoreCell(all, 'depts'))).toMatchObject({ shown: '65%', range: '(57,5–71,9)' });
    view.unmount();

    void setLang('en');
    render(<DashboardView data={withScores([sipasScores()])} />);
    const row = within(screen.getByRole('article', { name: /satisfaction/ })).getAllByRole('row').find((r) => r.getAttribute('data-scope') === 'all')!;
    expect(figureIn(scoreCell(row, 'overall'))).toEqual({ shown: '62.5%', range: '(58.1–66.7)', plusMinus: '±4.3', spoken: '95% confidence interval: 58.1 to 66.7' });
  });

  it('marks a withheld figure with its reason, never a number, and explains the marks', async () => {
    render(<DashboardView data={withScores([sipasScores(), parScores()])} />);
    const article = screen.getByRole('article', { name: /Phiếu khảo sát sự hài lòng/ });
    await user.click(within(article).getByText('Theo địa bàn / đơn vị: Người dân, tổ chức (4)'));
    const strata = within(article).getByRole('table', { name: 'Điểm số của nhóm Người dân, tổ chức theo địa bàn / đơn vị' });
    const rows = within(strata).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Huyện Bố Trạch', '3', 'ẩn¹', 'ẩn¹', 'ẩn¹'],
      ['Huyện Quảng Trạch', '6', 'ẩn²', 'ẩn²', 'ẩn²'],
      ['Thành phố Đồng Hới', '31', '63,1%', '61%', '65,2%'],
      ['Huyện Lệ Thủy', '0', '—', '—', '—'],
    ]);
    // A withheld cell holds no figure at all, and says why to a screen reader.
    for (const row of rows.slice(0, 2))
      for (const cell of row.querySelectorAll<HTMLElement>('[data-score]')) {
        expect(visible(cell)).toMatch(/^ẩn[¹²]$/);
        expect(cell.textContent).not.toMatch(/\d+,\d|%/); // no score, no interval, even for screen readers
        expect(cell.querySelector('.ci')).toBeNull();
      }
    expect(within(rows[0]!).getAllByText('đã ẩn: dựa trên dưới 5 người trả lời')).toHaveLength(3);
    expect(within(rows[1]!).getAllByText('đã ẩn thêm để không suy ra được số liệu đã ẩn từ tổng và các ô khác')).toHaveLength(3);
    // "—" stays "no data".
    expect(within(rows[3]!).getAllByText('chưa có dữ liệu')).toHaveLength(3);

    // The legend says what each mark means.
    const legend = screen.getByRole('region', { name: 'Điểm số' }).querySelector<HTMLElement>('[data-legend="marks"]')!;
    expect(legend).toHaveTextContent('ẩn¹đã ẩn: dựa trên dưới 5 người trả lời');
    expect(legend).toHaveTextContent('ẩn²đã ẩn thêm để không suy ra được');
    expect(legend).toHaveTextContent('—chưa có dữ liệu');

    // Points: the withheld total and a component with its interval.
    const par = within(screen.getByRole('article', { name: /Phiếu điều tra xã hội học/ })).getAllByRole('row').find((r) => r.getAttribute('data-scope') === 'all')!;
    expect(cells(par)).toEqual(['Tất cả các nhóm', '43', 'ẩn²', '1,88/2,5', 'ẩn²']);
    expect(figureIn(scoreCell(par, 'a')).range).toBe('(1,52–2,23)');
  });

  it('states the method beside the scores, its worked example folded, the versions pooled and left out, the minimum cell', async () => {
    render(<DashboardView data={withScores([sipasScores()])} />);
    const article = screen.getByRole('article', { name: /Phiếu khảo sát sự hài lòng/ });
    expect(article).toHaveTextContent('Tính theo tiêu chí: tính kết quả của từng tiêu chí trước');
    const example = within(article).getByText('Ví dụ tính').closest('details')!;
    expect(example.open).toBe(false);
    expect(example).toHaveTextContent('tiêu chí 1: 2/2 = 100 %');
    expect(article).toHaveTextContent('Gộp các phiên bản 2, 3 (cùng cách tính điểm).');
    expect(article).toHaveTextContent('Không gộp phiên bản 1 vì cách tính điểm khác: 12 phiếu.');
    expect(article).toHaveTextContent('Số liệu dựa trên dưới 5 người trả lời được ẩn');

    // Breakdowns by characteristic are folded, one table each.
    const folded = within(article).getByText('Theo đặc điểm người trả lời (1)').closest('details')!;
    expect(folded.open).toBe(false);
    await user.click(within(article).getByText('Theo đặc điểm người trả lời (1)'));
    const bySex = within(article).getByRole('table', { name: 'Điểm số của Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước theo Giới tính' });
    expect(within(bySex).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Nữ', '22', '64,4%', '62,5%', '66,3%'],
      ['Nam', '18', '60,2%', '57,1%', '63,3%'],
    ]);
    expect(within(bySex).getAllByRole('columnheader')[0]).toHaveTextContent('Câu trả lời');
  });
});

