/**
 * A campaign's report page: reached at /coordinator/campaigns/:id/report from the
 * campaigns list, the editor and the dashboard; the campaign's title, dates and interviews; the
 * targets' verdicts in words; per questionnaire the method, bars with their interval, tables with
 * withheld cells marked (never a number); the comparison's change with its interval and whether
 * it exceeds the noise; the picker that asks the server again with `compare=`; the Word document's
 * link in the page's language with the comparison shown. Vietnamese and English.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createCoordinatorApi, CoordinatorApiContext, reportQuery } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { DashboardView } from '../../src/app/coordinator/Dashboard';
import { setLang } from '../../src/app/i18n';
import { parseRoute, paths, useRoute } from '../../src/app/router';
import { CampaignReport, CoordinatorDashboard } from '../../src/contract';
import { ReportBody } from '../../src/app/coordinator/report/ReportPage';
import { campaignReport as serverTestsReport } from '../server/report-fixture';
import { apiError, campaignReport, dashboard, meAs, serverFetch, type Handler, type Served } from './coordinator-fixtures';

const user = userEvent.setup();
const ID = 'quang-binh-2021';
const REPORT = `/api/coordinator/campaigns/${ID}/report`;

beforeEach(() => setLang('vi'));

/** The coordinators' pages at the address the router reads, as the app shows them. */
function Routed() {
  const route = useRoute();
  return route.name === 'coordinator' ? <CoordinatorApp page={route.page} campaignId={route.campaignId} /> : <p>elsewhere</p>;
}

/** The report as the server gives it for `compare` (its own choice, 2020, when absent). */
function reportFor(compare: string | null) {
  const report = campaignReport({ compared: compare !== 'none' });
  if (compare === 'quang-binh-2019' && report.comparison) {
    const earlier = report.comparable.find((c) => c.id === 'quang-binh-2019')!;
    return CampaignReport.parse({ ...report, comparison: { ...report.comparison, campaign: earlier, rows: report.comparison.rows.slice(0, 1) } });
  }
  return report;
}

function openReport(handler?: Handler) {
  const server = serverFetch(
    handler ??
      ((r) => {
        if (r.path === '/api/coordinator/me') return meAs('coordinator');
        const u = new URL(r.path, 'http://localhost');
        if (r.method === 'GET' && u.pathname === REPORT) return { status: 200, body: reportFor(u.searchParams.get('compare')) };
        return undefined;
      }),
  );
  history.replaceState(null, '', paths.coordinatorCampaignReport(ID));
  render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
      <Routed />
    </CoordinatorApiContext.Provider>,
  );
  return server;
}

const reportRequests = (requests: Served[]) => requests.filter((r) => r.path.startsWith(REPORT)).map((r) => r.path);

/** What a cell shows on screen: its text without what only screen readers hear. */
function visible(element: HTMLElement): string {
  const copy = element.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.sr-only, .ci-pm').forEach((e) => e.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A row's cells as shown, one string each. */
const shownCells = (row: HTMLElement) => [...row.children].map((c) => visible(c as HTMLElement));

const section = (name: string | RegExp) => screen.getByRole('region', { name });
/** A questionnaire's part of the report. */
const questionnaire = (surveyId: string) => document.querySelector<HTMLElement>(`section[data-questionnaire="${surveyId}"]`)!;

describe('the report page', () => {
  it('is its own address, under the campaigns', () => {
    expect(paths.coordinatorCampaignReport(ID)).toBe(`/coordinator/campaigns/${ID}/report`);
    expect(parseRoute(`/coordinator/campaigns/${ID}/report`)).toEqual({ name: 'coordinator', page: 'report', campaignId: ID });
    expect(parseRoute(`/coordinator/campaigns/${ID}`)).toEqual({ name: 'coordinator', page: 'campaigns', campaignId: ID });
  });

  it('shows the campaign, its targets in words, each questionnaire with intervals and withheld cells, and the comparison (Vietnamese)', async () => {
    const { requests } = openReport();
    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo kết quả: Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021' })).toBeInTheDocument();
    expect(reportRequests(requests)).toEqual([REPORT]); // the server's choice of comparison first
    expect(screen.getByRole('link', { name: 'Đợt khảo sát' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText(/^Thời gian:/)).toHaveTextContent('Thời gian: 01/11/2021 – 30/11/2021 · 83 phiếu · Số liệu lúc 01/12/2021 09:30');
    expect(screen.getByText(/^Thời gian:/)).toHaveTextContent('Đơn vị thực hiện: Sở Nội vụ tỉnh Quảng Bình');

    // Targets: a sign and a word for each verdict, not colour alone.
    const targets = within(section('Chỉ tiêu điểm số')).getByRole('table', { name: 'Các chỉ tiêu điểm số và kết quả' });
    const rows = within(targets).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.children].map((c) => visible(c as HTMLElement)))).toEqual([
      ['Chỉ số hài lòng, cả đợt > 55% Nguồn: Kế hoạch số 12/KH-UBND', '62,5% (58,1–66,7)', '38', '✓ Đạt'],
      ['Thủ tục hành chính, cả đợt ≥ 82%', '65% (57,5–71,9)', '38', '✗ Chưa đạt'],
      ['Chỉ số hài lòng, Huyện Bố Trạch > 60%', 'ẩn¹', '', '? Chưa kết luận được'],
    ]);
    expect(within(rows[2]!).getByText('đã ẩn: dựa trên dưới 5 người trả lời')).toBeInTheDocument();
    expect(rows[2]!.textContent).not.toMatch(/\d+,\d/);

    // A questionnaire: its method, bars with the interval as a whisker, the tables.
    const sipas = questionnaire('sipas-citizen');
    expect(sipas).toBe(section(/^Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước$/));
    expect(sipas).toHaveTextContent('Tính theo tiêu chí');
    expect(sipas).toHaveTextContent('Gộp các phiên bản 2, 3 (cùng cách tính điểm).');
    const chart = sipas.querySelector<HTMLElement>('figure.score-bars')!;
    const bars = (chart: Element) => [...chart.querySelectorAll('li')].map((li) => [...li.children].map((c) => visible(c as HTMLElement)).filter((t) => t !== '').join(' '));
    expect(bars(chart)).toEqual([
      'Điểm chung 62,5% (58,1–66,7)',
      'Tiếp cận dịch vụ 60% (52,3–67,2)',
      'Thủ tục hành chính 65% (57,5–71,9)',
    ]);
    const overallBar = chart.querySelector<HTMLElement>('[data-bar="overall"]')!;
    expect(overallBar.querySelector<HTMLElement>('.bar-fill')!.style.width).toBe('62.5%');
    expect(overallBar.querySelector<HTMLElement>('.bar-whisker')!.style.left).toBe('58.1%');
    expect(overallBar.querySelector<HTMLElement>('.bar-whisker')!.style.width).toBe('8.6%');
    expect(overallBar.querySelector('.bar-track')).toHaveAttribute('aria-hidden', 'true'); // the figure beside it is the text

    // Each criterion, folded, under its component; a withheld one shows neither its figure nor its
    // respondents; a table's row under its question, written once.
    await user.click(within(sipas).getByText('Theo tiêu chí (3)'));
    const criteria = within(sipas).getByRole('table', { name: /^Kết quả theo tiêu chí của Phiếu khảo sát/ });
    expect(within(criteria).getAllByRole('row').slice(1).map(shownCells)).toEqual([
      ['Tiếp cận dịch vụ'],
      ['Nơi ngồi chờ có đủ chỗ ngồi', '38', '71,1% (55,2–83)'],
      ['Trang thiết bị'],
      ['Máy lấy số', '', 'ẩn¹'],
      ['Thủ tục hành chính'],
      ['Thủ tục được niêm yết công khai', '37', '64,9% (48,8–78,2)'],
    ]);

    // The strata: withheld cells marked, never a number; "—" for no data.
    await user.click(within(sipas).getByText('Theo địa bàn / đơn vị: Người dân, tổ chức (4)'));
    const strata = within(sipas).getByRole('table', { name: 'Điểm số của nhóm Người dân, tổ chức theo địa bàn / đơn vị' });
    const withheld = within(strata).getByRole('row', { name: /Huyện Bố Trạch/ });
    expect(shownCells(withheld)).toEqual(['Huyện Bố Trạch', '3', 'ẩn¹', 'ẩn¹', 'ẩn¹']);
    expect(withheld.textContent).not.toMatch(/\d+,\d|%/);
    expect(shownCells(within(strata).getByRole('row', { name: /Huyện Quảng Trạch/ }))).toEqual(['Huyện Quảng Trạch', '6', 'ẩn²', 'ẩn²', 'ẩn²']);
    expect(shownCells(within(strata).getByRole('row', { name: /Huyện Lệ Thủy/ }))).toEqual(['Huyện Lệ Thủy', '0', '—', '—', '—']);
    expect(shownCells(within(strata).getByRole('row', { name: /Thành phố Đồng Hới/ }))).toEqual(['Thành phố Đồng Hới', '31', '63,1% (57,9–68)', '61% (52–69,4)', '65,2% (56,8–72,8)']);

    // Breakdowns are shown (open) on the report.
    expect(within(sipas).getByRole('table', { name: /theo Giới tính$/ })).toBeVisible();

    // The comparison: change with its interval, and whether it exceeds the noise.
    const comparison = within(sipas).getByRole('table', { name: /^So sánh Phiếu khảo sát sự hài lòng.* với Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2020$/ });
    expect(within(comparison).getAllByRole('row').slice(1).map(shownCells)).toEqual([
      ['Tất cả các nhóm'],
      ['Chỉ số hài lòng', '55,2% (50,1–60,2)', '62,5% (58,1–66,7)', '+7,3 (+0,6 đến +14)', 'vượt mức nhiễu'],
      ['Tiếp cận dịch vụ', '62,1% (54,2–69,4)', '60% (52,3–67,2)', '−2,1 (−12,6 đến +8,4)', 'trong mức nhiễu'],
    ]);
    // The strata's comparison is folded apart.
    await user.click(within(sipas).getByText('So sánh theo địa bàn / đơn vị (1)'));
    const byStratum = within(sipas).getByRole('table', { name: /^So sánh Phiếu khảo sát.* theo địa bàn \/ đơn vị$/ });
    expect(within(byStratum).getAllByRole('row').slice(1).map(shownCells)).toEqual([
      ['Huyện Bố Trạch'],
      ['Chỉ số hài lòng', '58% (40–74)', 'ẩn¹', '—', '—'],
    ]);

    // The PAR questionnaire: points, its total withheld (complementary).
    const par = questionnaire('par-officials');
    expect(within(par).getByText('Không có số liệu để so sánh cho bảng hỏi này.')).toBeInTheDocument();
    expect(bars(par.querySelector('figure.score-bars')!)).toEqual([
      'Điểm chung ẩn²',
      'Cải cách thể chế 1,88/2,5 (1,52–2,23)',
      'Cải cách thủ tục hành chính ẩn²',
    ]);
    expect(par.querySelector('[data-bar="overall"] .bar-fill')).toBeNull();
    expect(par.querySelector('[data-bar="overall"] .withheld-track')).not.toBeNull();

    // The legend of the marks.
    expect(section('Cách đọc báo cáo')).toHaveTextContent('ẩn¹đã ẩn: dựa trên dưới 5 người trả lời');

    // Nothing English, no internal ids on the Vietnamese page.
    const text = document.body.textContent ?? '';
    expect(text.match(/(?<![-\p{L}\d_])(the|and|of|with|link|interview|survey|download|report|target|met|withheld|noise)(?![-\p{L}\d_])/giu)).toBeNull();
    expect(text).not.toMatch(/sipas-citizen|par-officials|quang-binh-20\d\d|bo-trach/);
  });

  it('speaks English: verdicts, numbers, the noise', async () => {
    void setLang('en');
    openReport();
    expect(await screen.findByRole('heading', { level: 1, name: 'Results report: Quảng Bình 2021 PAR INDEX survey' })).toBeInTheDocument();
    expect(screen.getByText(/^Fieldwork:/)).toHaveTextContent('Fieldwork: 01/11/2021 – 30/11/2021 · 83 interviews · Figures as of 01/12/2021 09:30');
    const targets = within(section('Score targets')).getByRole('table');
    expect(within(targets).getAllByRole('row').slice(1).map((r) => visible(r.lastElementChild as HTMLElement))).toEqual(['✓ Met', '✗ Not met', '? Undecided']);
    expect(visible(within(targets).getAllByRole('row')[1]!.children[1] as HTMLElement)).toBe('62.5% (58.1–66.7)');
    expect(visible(within(targets).getAllByRole('row')[3]!.children[1] as HTMLElement)).toBe('withheld¹');
    const comparison = within(questionnaire('sipas-citizen')).getByRole('table', { name: /compared with Quảng Bình 2020 PAR INDEX survey$/ });
    expect(within(comparison).getAllByRole('row').slice(1).map(shownCells)).toEqual([
      ['All groups'],
      ['Satisfaction index', '55.2% (50.1–60.2)', '62.5% (58.1–66.7)', '+7.3 (+0.6 to +14)', 'beyond noise'],
      ['Access to services', '62.1% (54.2–69.4)', '60% (52.3–67.2)', '−2.1 (−12.6 to +8.4)', 'within noise'],
    ]);
  });

  it('downloads the Word document in the page’s language with the comparison shown', async () => {
    openReport();
    const link = await screen.findByRole('link', { name: 'Tải báo cáo Word (tiếng Việt)' });
    expect(link).toHaveAttribute('href', `${REPORT}.docx?lang=vi&compare=quang-binh-2020`);
    expect(link).toHaveAttribute('download');
    expect(link).toHaveTextContent('Tải báo cáo Word');
    await act(() => setLang('en'));
    expect(screen.getByRole('link', { name: 'Download the Word report (English)' })).toHaveAttribute('href', `${REPORT}.docx?lang=en&compare=quang-binh-2020`);
  });

  it('asks the server again when another campaign, or none, is chosen to compare with', async () => {
    const { requests } = openReport();
    const picker = await screen.findByRole('combobox', { name: 'So sánh với' });
    expect(picker).toHaveValue('quang-binh-2020');
    expect([...(picker as HTMLSelectElement).options].map((o) => [o.value, o.textContent])).toEqual([
      ['none', 'Không so sánh'],
      ['quang-binh-2020', 'Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2020 (01/11/2020 – 30/11/2020)'],
      ['quang-binh-2019', 'Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2019 (01/11/2019 – 30/11/2019)'],
    ]);

    await user.selectOptions(picker, 'quang-binh-2019');
    expect(await within(questionnaire('sipas-citizen')).findByRole('heading', { name: 'So sánh với Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2019' })).toBeInTheDocument();
    expect(questionnaire('sipas-citizen').querySelectorAll('[data-comparison] tr[data-component]')).toHaveLength(1);
    expect(reportRequests(requests)).toEqual([REPORT, `${REPORT}?compare=quang-binh-2019`]);
    expect(screen.getByRole('link', { name: 'Tải báo cáo Word (tiếng Việt)' })).toHaveAttribute('href', `${REPORT}.docx?lang=vi&compare=quang-binh-2019`);

    await user.selectOptions(picker, 'none');
    await waitFor(() => expect(screen.queryByRole('heading', { name: /^So sánh với/ })).toBeNull());
    expect(reportRequests(requests)).toEqual([REPORT, `${REPORT}?compare=quang-binh-2019`, `${REPORT}?compare=none`]);
    expect(picker).toHaveValue('none');
    expect(screen.getByRole('link', { name: 'Tải báo cáo Word (tiếng Việt)' })).toHaveAttribute('href', `${REPORT}.docx?lang=vi&compare=none`);
  });

  it('says when the report cannot be had, and tries again', async () => {
    let fail = true;
    openReport((r) => {
      if (r.path === '/api/coordinator/me') return meAs('coordinator');
      if (r.path.startsWith(REPORT)) return fail ? apiError(500, 'internal', 'Internal error') : { status: 200, body: reportFor(null) };
      return undefined;
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được dữ liệu: Máy chủ đang gặp lỗi');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Báo cáo kết quả: / })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hands over to the login form when the session has ended', async () => {
    openReport((r) => {
      if (r.path === '/api/coordinator/me') return meAs('coordinator');
      if (r.path.startsWith(REPORT)) return apiError(401, 'unauthorized', 'Unauthorized');
      return undefined;
    });
    expect(await screen.findByLabelText('Tên đăng nhập')).toBeInTheDocument();
  });

  it('refuses a reply that is not a report', async () => {
    openReport((r) => {
      if (r.path === '/api/coordinator/me') return meAs('coordinator');
      if (r.path.startsWith(REPORT)) return { status: 200, body: { campaign: { id: ID } } };
      return undefined;
    });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the report the server’s tests are written against', () => {
  /** Every figure of the report's tables and bars, as [what is shown, why it is withheld or undefined]. */
  const figures = () =>
    [...document.querySelectorAll<HTMLElement>('td[data-score], .bar-value')].map((cell) => [visible(cell), cell.querySelector('[data-withheld]')?.getAttribute('data-withheld')] as const);

  it.each(['vi', 'en'] as const)('marks every withheld figure and shows no number for it (%s)', async (lang) => {
    await act(() => setLang(lang));
    const report = CampaignReport.parse(serverTestsReport());
    render(<ReportBody report={report} />);
    document.querySelectorAll('details').forEach((d) => (d.open = true));
    const all = figures();
    const withheld = all.filter(([, why]) => why !== undefined && why !== null);
    expect(withheld.length).toBeGreaterThan(10);
    const mark = lang === 'vi' ? { primary: 'ẩn¹', complementary: 'ẩn²' } : { primary: 'withheld¹', complementary: 'withheld²' };
    for (const [shown, why] of withheld) expect(shown).toBe(mark[why as 'primary' | 'complementary']);
    // Every other figure is a number, or "—" without data.
    for (const [shown] of all.filter(([, why]) => why === undefined || why === null)) expect(shown).toMatch(/^(—|[+−]?\d)/);
    if (lang === 'vi') {
      const text = document.body.textContent ?? '';
      expect(text.match(/(?<![-\p{L}\d_])(the|and|of|with|link|interview|survey|download|report|target|met|withheld|noise)(?![-\p{L}\d_])/giu)).toBeNull();
    }
  });
});

describe('score targets on the dashboard', () => {
  it('judges each target as the report does, in words with a sign', () => {
    const report = campaignReport();
    render(<DashboardView data={CoordinatorDashboard.parse({ ...dashboard(), scores: report.questionnaires, targets: report.targets })} />);
    const targets = within(screen.getByRole('region', { name: 'Chỉ tiêu điểm số' })).getByRole('table', { name: 'Các chỉ tiêu điểm số và kết quả' });
    expect(within(targets).getAllByRole('row').slice(1).map(shownCells)).toEqual([
      ['Chỉ số hài lòng, cả đợt > 55% Nguồn: Kế hoạch số 12/KH-UBND', '62,5% (58,1–66,7)', '38', '✓ Đạt'],
      ['Thủ tục hành chính, cả đợt ≥ 82%', '65% (57,5–71,9)', '38', '✗ Chưa đạt'],
      ['Chỉ số hài lòng, Huyện Bố Trạch > 60%', 'ẩn¹', '', '? Chưa kết luận được'],
    ]);
  });

  it('has no targets section when the campaign sets none (or the server is older)', () => {
    render(<DashboardView data={dashboard()} />);
    expect(screen.queryByRole('region', { name: 'Chỉ tiêu điểm số' })).toBeNull();
  });
});

describe('the way to the report', () => {
  it('is linked from the dashboard, for the campaign shown', () => {
    render(<DashboardView data={dashboard()} />);
    expect(screen.getByRole('link', { name: 'Xem báo cáo của đợt khảo sát' })).toHaveAttribute('href', `/coordinator/campaigns/${ID}/report`);
  });

  it('builds its query from the language and the comparison, leaving out what is not set', () => {
    expect(reportQuery({})).toBe('');
    expect(reportQuery({ compare: 'none' })).toBe('?compare=none');
    expect(reportQuery({ lang: 'en', compare: 'quang binh/2020' })).toBe('?lang=en&compare=quang+binh%2F2020');
  });
});
