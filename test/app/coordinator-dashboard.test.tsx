/**
 * On the dashboard, every figure says what it covers (the campaign's interviews, the
 * target of which groups beside the plan card's, the PAPI interviews outside any campaign), one row
 * per enumerator, exports of every questionnaire with data, titles instead of internal ids, and
 * every date in one format (dd/mm/yyyy, HH:MM, Vietnam's time) in both languages.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { DashboardView } from '../../src/app/coordinator/Dashboard';
import { formatClock, formatDate, formatDateTime, formatDayMonth } from '../../src/app/coordinator/dates';
import { setLang } from '../../src/app/i18n';
import { CoordinatorDashboard } from '../../src/contract';
import { as } from './coordinator-account';
import { dashboard, devices, quangBinhSnapshot, serverFetch } from './coordinator-fixtures';

beforeEach(() => setLang('vi'));

/** The figure of the overview whose label is `label`: its value, and the line under the figures saying what it covers. */
function figure(label: string): { value: string; note: string } {
  const totals = screen.getByRole('region', { name: /^(Tổng quan|Overview)$/ });
  const term = within(totals).getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling?.textContent ?? '';
  const note = within(totals).queryAllByRole('listitem').find((li) => li.textContent?.startsWith(`${label}: ${value} — `));
  return { value, note: note?.textContent ?? '' };
}

describe('the overview says what each figure covers', () => {
  it('in Vietnamese: the campaign’s interviews, the target per part of the plan, the PAPI interviews apart', () => {
    render(<DashboardView data={dashboard()} />);
    expect(figure('Phiếu của đợt khảo sát này').value).toBe('8');
    // 30 + 6 + 4 for the three groups the plan's 169 covers, and the citizens' 10 besides.
    const target = figure('Chỉ tiêu cả đợt');
    expect(target.value).toBe('50');
    expect(target.note).toContain('40 cho 3 nhóm mà kế hoạch ghi tổng 169 phiếu · 10 cho nhóm Người dân, tổ chức');
    const outside = figure('Phiếu ngoài mọi đợt khảo sát');
    expect(outside.value).toBe('3');
    expect(outside.note).toContain('(theo cách tiếp cận PAPI): 3');
    expect(screen.queryByText('Phiếu của các đợt khảo sát khác')).toBeNull(); // none

    // The plan card says which groups its 169 and 199 cover.
    const report = screen.getByRole('region', { name: 'Số liệu kế hoạch không khớp' });
    expect(report).toHaveTextContent('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    expect(report).toHaveTextContent('Phạm vi: 3 nhóm đối tượng, không gồm nhóm Người dân, tổ chức —');
  });

  it('in English, with interviews of other campaigns, and every group when the plan has no total', () => {
    void setLang('en');
    const data = dashboard();
    render(<DashboardView data={{ ...data, declaredTotal: undefined, totals: { ...data.totals, otherCampaigns: 12 } }} />);
    expect(figure('Interviews in this campaign').value).toBe('8');
    expect(figure('Target, whole campaign').note).toContain('The targets of all 4 respondent groups');
    expect(figure('Interviews outside any campaign').note).toContain('(PAPI style): 3');
    const others = figure('Interviews in other campaigns');
    expect(others.value).toBe('12');
    expect(others.note).toContain('Choose the campaign above to see them.');
  });

  it('leaves the PAPI figure out when there is none, and reads a reply of an older server', () => {
    const data = dashboard();
    const older = CoordinatorDashboard.parse({
      ...data,
      totals: { interviews: 8, today: 2 },
      declaredTotal: undefined,
      questionnaires: undefined,
      perEnumerator: [{ deviceId: 'dev-a', name: 'Nguyễn Văn A', count: 7, lastSyncAt: null }],
    });
    render(<DashboardView data={older} />, as('admin'));
    expect(screen.queryByText('Phiếu ngoài mọi đợt khảo sát')).toBeNull();
    const exports = screen.getByRole('region', { name: 'Xuất dữ liệu' });
    expect(within(exports).getAllByRole('row')).toHaveLength(3); // the campaign's two questionnaires
    expect(within(screen.getByRole('region', { name: 'Số phiếu theo điều tra viên' })).getByRole('row', { name: /Nguyễn Văn A/ })).toHaveTextContent(/^Nguyễn Văn A71Chưa bao giờ$/);
  });
});

describe('every questionnaire with data is reachable', () => {
  it('lists each enumerator once with their devices, campaign and PAPI interviews; respondent links by what they are', () => {
    const data = dashboard();
    const links = { deviceId: 'respondent-links', deviceIds: ['respondent-links'], name: 'Tự điền qua liên kết / Self-administered (link)', kind: 'links' as const, count: 2, outsideCampaigns: 0, lastSyncAt: null };
    render(<DashboardView data={{ ...data, perEnumerator: [...data.perEnumerator, links] }} />);
    const table = within(screen.getByRole('region', { name: 'Số phiếu theo điều tra viên' })).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Điều tra viên', 'Phiếu của đợt', 'Phiếu ngoài các đợt', 'Số thiết bị', 'Đồng bộ lần cuối']);
    const rows = within(table).getAllByRole('row').slice(1).map((r) => Array.from(r.children, (c) => c.textContent));
    expect(rows).toEqual([
      ['Nguyễn Văn A', '7', '3', '2', '12/11/2021 09:00'],
      ['Người trả lời tự điền qua đường dẫn', '2', '0', '—', 'Chưa bao giờ'],
      ['Lê Văn C', '1', '0', '1', 'Chưa bao giờ'],
    ]);
    expect(table).not.toHaveTextContent('Self-administered');
  });

  it('exports every version with interviews, by title, the PAPI one marked as outside the campaign', () => {
    const data = dashboard();
    render(<DashboardView data={{ ...data, questionnaires: [...data.questionnaires!, { id: 'sipas-citizen', version: 2, title: data.questionnaires![1]!.title, campaign: true, interviews: false }] }} />, as('admin'));
    const exports = screen.getByRole('region', { name: 'Xuất dữ liệu' });
    const papi = within(exports).getByRole('row', { name: /theo cách tiếp cận PAPI/ });
    expect(papi).toHaveTextContent('(phiên bản 1 · không thuộc đợt khảo sát này)');
    expect(within(papi).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/api/coordinator/exports/papi-citizen/1.csv',
      '/api/coordinator/exports/papi-citizen/1.csv?labels=vi',
      '/api/coordinator/exports/papi-citizen/1.xlsx',
      '/api/coordinator/exports/papi-citizen/1.json',
      '/api/coordinator/exports/papi-citizen/1.sps',
      '/api/coordinator/exports/papi-citizen/1.do',
    ]);
    expect(within(exports).getByRole('link', { name: /^Excel \(XLSX\) — .*PAPI.* phiên bản 1$/ })).toBeInTheDocument();
    const empty = exports.querySelector('[data-questionnaire="sipas-citizen@2"]');
    expect(empty).toHaveTextContent('(phiên bản 2 · chưa có phiếu)');
    expect(exports).not.toHaveTextContent(/\(v\d\)|sipas-citizen|papi-citizen/);
  });

  it('shows the exports without a campaign too', () => {
    render(<DashboardView data={dashboard(null)} />, as('admin'));
    expect(within(screen.getByRole('region', { name: 'Xuất dữ liệu' })).getAllByRole('row')).toHaveLength(4);
  });
});

describe('exports by role', () => {
  /** The fixture with the citizens' and PAPI questionnaires scored, the officials' not. */
  const scored = () => {
    const data = dashboard();
    return { ...data, questionnaires: data.questionnaires!.map((q) => ({ ...q, scoring: q.id !== 'par-officials' })) };
  };
  const hrefs = (row: HTMLElement) => within(row).getAllByRole('link').map((a) => a.getAttribute('href'));
  const region = (name = 'Xuất dữ liệu') => screen.getByRole('region', { name });

  it('shows a coordinator the scores only, says interview-level data is for administrators and each download is recorded', () => {
    render(<DashboardView data={scored()} />, as('coordinator'));
    const exports = region();
    expect(within(exports).getByTestId('exports-admin-only')).toHaveTextContent('Dữ liệu từng phiếu (câu trả lời của từng người) chỉ dành cho quản trị viên.');
    expect(exports).toHaveTextContent('Mỗi lần tải đều được ghi vào nhật ký thao tác.');
    // The questionnaires with scoring, each with its two score downloads; nothing of the interviews.
    expect(within(exports).getAllByRole('row').slice(1).map((r) => r.getAttribute('data-questionnaire'))).toEqual(['sipas-citizen@1', 'papi-citizen@1']);
    expect(hrefs(within(exports).getByRole('row', { name: /sự hài lòng/i }))).toEqual(['/api/coordinator/exports/sipas-citizen/1.scores.csv', '/api/coordinator/exports/sipas-citizen/1.scores.json']);
    expect(within(exports).getByRole('link', { name: /^Điểm số CSV — .*PAPI.* phiên bản 1$/ })).toBeInTheDocument();
    expect(exports.querySelectorAll('a[href$=".csv"]:not([href*=".scores."]), a[href$=".xlsx"], a[href$=".sps"], a[href$=".do"]')).toHaveLength(0);
    expect(exports).not.toHaveTextContent(/SPSS|Stata|Download|administrator|Scores/);
  });

  it('tells a coordinator when no questionnaire has scores to download', () => {
    render(<DashboardView data={dashboard()} />, as('coordinator'));
    const exports = region();
    expect(within(exports).queryByRole('table')).toBeNull();
    expect(exports).toHaveTextContent('Chưa có bảng hỏi nào có điểm số để tải.');
    expect(exports).toHaveTextContent('chỉ dành cho quản trị viên');
  });

  it('shows an administrator the data, the SPSS and Stata files with how to use them, and the scores', () => {
    render(<DashboardView data={scored()} />, as('admin'));
    const exports = region();
    expect(within(exports).queryByTestId('exports-admin-only')).toBeNull();
    expect(within(exports).getByTestId('exports-syntax')).toHaveTextContent('đặt cùng một thư mục rồi chạy tệp .sps hoặc .do');
    expect(exports).toHaveTextContent('Mỗi lần tải đều được ghi vào nhật ký thao tác.');
    expect(hrefs(within(exports).getByRole('row', { name: /sự hài lòng/i }))).toEqual([
      '/api/coordinator/exports/sipas-citizen/1.csv',
      '/api/coordinator/exports/sipas-citizen/1.csv?labels=vi',
      '/api/coordinator/exports/sipas-citizen/1.xlsx',
      '/api/coordinator/exports/sipas-citizen/1.json',
      '/api/coordinator/exports/sipas-citizen/1.sps',
      '/api/coordinator/exports/sipas-citizen/1.do',
      '/api/coordinator/exports/sipas-citizen/1.scores.csv',
      '/api/coordinator/exports/sipas-citizen/1.scores.json',
    ]);
    expect(hrefs(within(exports).getByRole('row', { name: /cán bộ, công chức/ }))).toHaveLength(6); // no scoring: no scores
    expect(within(exports).getByRole('link', { name: /^SPSS \(\.sps\) — .*sự hài lòng.* phiên bản 1$/i })).toBeInTheDocument();
    expect(exports).not.toHaveTextContent(/Download|administrator|Scores|labels/);
  });

  it('in English: the SPSS and Stata files with English labels, and the same sentences', () => {
    void setLang('en');
    const view = render(<DashboardView data={scored()} />, as('admin'));
    const exports = region('Export the data');
    expect(hrefs(within(exports).getByRole('row', { name: /satisfaction/i })).filter((h) => /\.(sps|do)/.test(h!))).toEqual([
      '/api/coordinator/exports/sipas-citizen/1.sps?labels=en',
      '/api/coordinator/exports/sipas-citizen/1.do?labels=en',
    ]);
    expect(within(exports).getByTestId('exports-syntax')).toHaveTextContent('labels in English: download both, put them in the same folder');
    expect(exports).toHaveTextContent('Each download is recorded in the audit trail.');
    view.unmount();
    render(<DashboardView data={scored()} />, as('coordinator'));
    expect(within(region('Export the data')).getByTestId('exports-admin-only')).toHaveTextContent("Interview-level data (each respondent's answers) is for administrators only.");
  });
});

describe('titles, not internal ids', () => {
  it('names each group’s questionnaire by its title, from the server or from this build', () => {
    const first = render(<DashboardView data={dashboard()} />);
    const delegates = screen.getByRole('article', { name: 'Đại biểu HĐND tỉnh' });
    expect(delegates).toHaveTextContent('Bảng hỏi: Phiếu điều tra xã hội học cán bộ, công chức (phiên bản 1)');
    const citizens = screen.getByRole('article', { name: 'Người dân, tổ chức' });
    expect(citizens).toHaveTextContent('Bảng hỏi: Phiếu khảo sát sự hài lòng của người dân');
    first.unmount();
    const older = { ...dashboard(), questionnaires: undefined };
    void setLang('en');
    render(<DashboardView data={older} />);
    const shipped = screen.getByRole('article', { name: 'Citizens and organisations' });
    expect(shipped).toHaveTextContent("Questionnaire: Survey of citizens' and organisations' satisfaction"); // this build's title
    expect(document.body).not.toHaveTextContent(/Bảng hỏi: [a-z-]+ \(|Questionnaire: sipas-citizen/);
  });
});

describe('dates in one format', () => {
  it('writes days as dd/mm/yyyy and times as HH:MM in Vietnam, whatever the language', () => {
    expect(formatDate('2021-11-01')).toBe('01/11/2021');
    expect(formatDate('2026-12-06T17:30:00.000Z')).toBe('07/12/2026'); // 00:30 the next day in Vietnam
    expect(formatDateTime('2026-12-06T05:04:00.000Z', 'vi')).toBe('06/12/2026 12:04');
    expect(formatDateTime('2026-12-06T05:04:00.000Z', 'en')).toBe('06/12/2026 12:04');
    expect(formatClock('2021-11-12T03:15:00.000Z')).toBe('10:15');
    expect(formatDayMonth('2021-11-02')).toBe('02/11');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it.each(['vi', 'en'] as const)('uses it on the dashboard and the devices page (%s)', async (lang) => {
    void setLang(lang);
    const view = render(<DashboardView data={dashboard(quangBinhSnapshot('2021-11-12T03:15:00.000Z'))} />);
    const line = screen.getByText(lang === 'vi' ? /^Đợt khảo sát:/ : /^Campaign:/);
    expect(line).toHaveTextContent(lang === 'vi' ? 'Thời gian: 01/11/2021 – 30/11/2021' : 'Fieldwork: 01/11/2021 – 30/11/2021');
    expect(line).toHaveTextContent(lang === 'vi' ? 'Số liệu chỉ tiêu lúc 12/11/2021 10:15' : 'Quota figures as of 12/11/2021 10:15');
    view.unmount();

    const server = serverFetch(({ path }) =>
      path === '/api/coordinator/me'
        ? { status: 200, body: { username: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' } }
        : path === '/api/coordinator/devices'
          ? { status: 200, body: { devices: devices() } }
          : undefined,
    );
    render(
      <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
        <CoordinatorApp page="devices" />
      </CoordinatorApiContext.Provider>,
    );
    const row = await screen.findByRole('row', { name: /Nguyễn Văn A/ });
    expect(row).toHaveTextContent('01/11/2021 08:00'); // enrolled
    expect(row).toHaveTextContent('12/11/2021 09:00'); // last seen and last sync
    expect(screen.getByRole('row', { name: /Trần Thị B/ })).toHaveTextContent('05/11/2021 15:00');
    expect(document.body).not.toHaveTextContent(/\b\d{1,2}\/\d{1,2}\/\d{2}\b(?!\d)/); // never "6/12/26"
  });
});
