/**
 * The coordinators' Campaigns pages: the list (with the interviews no campaign counts) and copying a
 * campaign into the next one; the editor's totals and the plan's declared-vs-computed card recomputed
 * on every change, the server's check located next to the field it names, strata imported from a
 * spreadsheet (replacing the rows once confirmed, or every problem located and nothing changed),
 * saving with the revision (and someone else's save in between), and the read-only view of a
 * coordinator who is not an administrator. The server's replies go through the contract's schemas.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CampaignCheck, CampaignDetail, CampaignList, PublishedVersion, StrataImport } from '../../src/contract';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { setLang } from '../../src/app/i18n';
import { useRoute } from '../../src/app/router';
import type { Campaign } from '../../src/survey';
import type { FetchLike } from '../../src/sync';

const user = userEvent.setup();
const tx = (vi: string, en: string) => ({ vi, en });
const BASE = '/api/coordinator/campaigns';
const ID = 'quang-binh-2021';

beforeEach(async () => {
  await setLang('vi');
  history.replaceState(null, '', '/coordinator/campaigns');
});

const DEPARTMENTS = [
  { value: 'noi-vu', label: tx('Sở Nội vụ', 'Department of Home Affairs') },
  { value: 'tu-phap', label: tx('Sở Tư pháp', 'Department of Justice') },
  { value: 'tai-chinh', label: tx('Sở Tài chính', 'Department of Finance') },
  { value: 'xay-dung', label: tx('Sở Xây dựng', 'Department of Construction') },
];

/** The questionnaire the groups answer, as GET /api/definitions/par-officials/1 sends it (what the editor reads of it). */
const parOfficials = {
  id: 'par-officials',
  version: 1,
  title: tx('Phiếu điều tra xã hội học cán bộ, công chức', "Officials' sociological survey"),
  respondentGroups: [
    { id: 'delegate', label: tx('Đại biểu HĐND tỉnh', "Provincial People's Council delegates") },
    { id: 'department-leader', label: tx('Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh', 'Leaders of provincial departments'), stratumList: 'departments' },
    { id: 'unit-leader', label: tx('Lãnh đạo đơn vị thuộc, trực thuộc sở', 'Leaders of units under departments') },
    { id: 'district-leader', label: tx('Lãnh đạo UBND cấp huyện', 'Leaders of district People’s Committees') },
  ],
  lists: { departments: DEPARTMENTS },
  sections: [],
  scoring: { method: 'points', weights: {}, components: [{ id: 'transparency', label: tx('Công khai, minh bạch', 'Transparency'), items: ['x'], points: 2 }] },
};

/** The Quảng Bình plan in small: groups of 30 + 60 + 100 + 9 = 199 against the plan's stated 169. */
function quangBinh(): Campaign {
  return {
    id: ID,
    title: tx('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021', 'Quảng Bình 2021 PAR INDEX survey'),
    start: '2021-11-01',
    end: '2021-11-30',
    declaredTotal: {
      value: 169,
      groups: ['delegate', 'department-leader', 'unit-leader', 'district-leader'],
      source: tx('Kế hoạch, mục II.2.1', 'Plan, section II.2.1'),
    },
    groups: [
      { id: 'delegate', label: parOfficials.respondentGroups[0]!.label, questionnaire: { id: 'par-officials', version: 1 }, policy: 'stop', target: 30, declaredTarget: 30 },
      {
        id: 'department-leader',
        label: parOfficials.respondentGroups[1]!.label,
        questionnaire: { id: 'par-officials', version: 1 },
        policy: 'stop',
        strata: [
          { value: 'noi-vu', label: DEPARTMENTS[0]!.label, target: 20 },
          { value: 'tu-phap', label: DEPARTMENTS[1]!.label, target: 20 },
          { value: 'tai-chinh', label: DEPARTMENTS[2]!.label, target: 20 },
        ],
      },
      { id: 'unit-leader', label: parOfficials.respondentGroups[2]!.label, questionnaire: { id: 'par-officials', version: 1 }, policy: 'stop', target: 100 },
      { id: 'district-leader', label: parOfficials.respondentGroups[3]!.label, questionnaire: { id: 'par-officials', version: 1 }, policy: 'continue', target: 9 },
    ],
  };
}

const noProblems = (): CampaignCheck => CampaignCheck.parse({ problems: [], totals: { groups: [], total: 0 }, discrepancies: [] });

function detail(campaign: Campaign = quangBinh(), revision = 3): CampaignDetail {
  return CampaignDetail.parse({
    campaign,
    revision,
    updatedAt: '2021-10-20T03:00:00.000Z',
    updatedBy: 'lan',
    // Sở Nội vụ has interviews: its row cannot be removed.
    counts: { delegate: { '': 5 }, 'department-leader': { 'noi-vu': 3 } },
    check: noProblems(),
  });
}

const list = (): CampaignList =>
  CampaignList.parse({
    campaigns: [
      {
        id: ID,
        title: quangBinh().title,
        start: '2021-11-01',
        end: '2021-11-30',
        status: 'running',
        revision: 3,
        updatedAt: '2021-10-20T03:00:00.000Z',
        updatedBy: 'lan',
        groups: 4,
        target: 199,
        accepted: 8,
      },
      {
        id: 'quang-binh-2020',
        title: tx('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2020', 'Quảng Bình 2020 PAR INDEX survey'),
        start: '2020-11-01',
        end: '2020-11-30',
        status: 'ended',
        revision: 1,
        updatedAt: '2020-10-20T03:00:00.000Z',
        groups: 4,
        target: 199,
        accepted: 201,
      },
    ],
    uncounted: [{ surveyId: 'papi-citizen', version: 1, respondentGroup: 'citizen', interviews: 3 }],
  });

const published = [
  PublishedVersion.parse({ id: 'par-officials', version: 1, title: parOfficials.title, questionCount: 40, source: 'file', publishedAt: '2021-10-01T01:00:00.000Z', retired: false }),
];

interface Request {
  method: string;
  path: string;
  body: unknown;
}
type Reply = { status: number; body?: unknown };
type Handler = (r: Request) => Reply | undefined;

const error = (status: number, code: string, message: string, details?: unknown[]): Reply => ({ status, body: { error: { code, message, ...(details ? { details } : {}) } } });

/** A fetch answering like the server; `handle` answers first (checks, saves, imports, copies), then the defaults. */
function campaignServer(options: { role?: 'admin' | 'coordinator' | undefined; handle?: Handler; page?: string } = {}) {
  const requests: Request[] = [];
  const answer = (r: Request): Reply | undefined => {
    const handled = options.handle?.(r);
    if (handled) return handled;
    if (r.path === '/api/coordinator/me')
      return { status: 200, body: { username: options.role === 'admin' ? 'admin' : 'binh', ...(options.role ? { role: options.role } : {}), expiresAt: '2099-01-01T00:00:00.000Z' } };
    if (r.method === 'GET' && r.path === BASE) return { status: 200, body: list() };
    if (r.method === 'GET' && r.path === `${BASE}/${ID}`) return { status: 200, body: detail() };
    if (r.method === 'GET' && r.path === '/api/coordinator/questionnaires') return { status: 200, body: { published, drafts: [] } };
    if (r.method === 'GET' && r.path === '/api/definitions/par-officials/1') return { status: 200, body: parOfficials };
    if (r.method === 'POST' && r.path.startsWith(`${BASE}/check`)) return { status: 200, body: noProblems() };
    return undefined;
  };
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url, 'http://localhost');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body;
    const request: Request = { method: init.method ?? 'GET', path: u.pathname + u.search, body };
    requests.push(request);
    const reply = answer(request) ?? error(404, 'not_found', 'Not found');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  history.replaceState(null, '', options.page ?? '/coordinator/campaigns');
  render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch })}>
      <Routed />
    </CoordinatorApiContext.Provider>,
  );
  return { requests };
}

/** The coordinators' pages at the address the router reads, as the app shows them. */
function Routed() {
  const route = useRoute();
  return route.name === 'coordinator' ? <CoordinatorApp page={route.page} campaignId={route.campaignId} /> : <p>elsewhere</p>;
}

const GROUP = {
  delegate: 'Nhóm 1: Đại biểu HĐND tỉnh',
  departments: 'Nhóm 2: Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh',
  units: 'Nhóm 3: Lãnh đạo đơn vị thuộc, trực thuộc sở',
};
const openEditor = (options: Parameters<typeof campaignServer>[0] = {}) => campaignServer({ role: 'admin', page: `/coordinator/campaigns/${ID}`, ...options });
const group = (name: string) => screen.findByRole('region', { name });
const stratumRow = (section: HTMLElement, value: string) => section.querySelector<HTMLElement>(`tr[data-stratum="${value}"]`)!;
const stratumValues = (section: HTMLElement) => [...section.querySelectorAll('tr[data-stratum]')].map((r) => r.getAttribute('data-stratum'));
const checks = (requests: Request[]) => requests.filter((r) => r.method === 'POST' && r.path.startsWith(`${BASE}/check`));
const discrepancyCard = () => screen.queryByRole('region', { name: 'Số liệu kế hoạch không khớp' });

async function setValue(input: HTMLElement, value: string) {
  await user.clear(input);
  await user.type(input, value);
}

describe('the list of campaigns', () => {
  it('shows each campaign and the interviews none counts, and copying one opens the copy’s editor', async () => {
    const copy = { ...quangBinh(), id: 'quang-binh-2022', title: tx('Khảo sát CCHC Quảng Bình 2022', 'Quảng Bình 2022 survey'), start: '2022-11-01', end: '2022-11-30' };
    const { requests } = campaignServer({
      role: 'admin',
      handle: (r) => {
        if (r.method === 'POST' && r.path === `${BASE}/${ID}/copy`) return { status: 201, body: detail(copy, 1) };
        if (r.method === 'GET' && r.path === `${BASE}/quang-binh-2022`) return { status: 200, body: detail(copy, 1) };
        return undefined;
      },
    });
    expect(await screen.findByRole('link', { name: 'Đợt khảo sát' })).toHaveAttribute('aria-current', 'page');
    const table = await within(await screen.findByRole('region', { name: 'Các đợt khảo sát' })).findByRole('table');
    const row = within(table).getByRole('row', { name: /Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '01/11/2021 – 30/11/2021',
      'Đang diễn ra',
      '4',
      '8/199',
      'Lần lưu thứ 3: lan, 20/10/2021 10:00',
      'SửaBáo cáoSao chép',
    ]);
    expect(within(row).getByRole('link', { name: 'Sửa đợt “Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021”' })).toHaveAttribute('href', `/coordinator/campaigns/${ID}`);
    expect(within(row).getByRole('link', { name: 'Báo cáo đợt “Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021”' })).toHaveAttribute('href', `/coordinator/campaigns/${ID}/report`);
    const uncounted = screen.getByRole('region', { name: 'Phiếu không thuộc đợt khảo sát nào' });
    expect(within(uncounted).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', 'citizen', '3']);
    expect(within(uncounted).getByRole('rowheader')).toHaveTextContent('papi-citizen');

    await user.click(within(row).getByRole('button', { name: 'Sao chép đợt “Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021”' }));
    const form = screen.getByRole('region', { name: 'Sao chép đợt “Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021”' });
    // Next year's values are offered: the year one up in the id and titles, the dates a year later.
    expect(within(form).getByLabelText('Mã đợt mới')).toHaveValue('quang-binh-2022');
    expect(within(form).getByLabelText('Ngày bắt đầu')).toHaveValue('2022-11-01');
    expect(within(form).getByLabelText('Ngày kết thúc')).toHaveValue('2022-11-30');
    // An id already taken is refused before anything is sent.
    await setValue(within(form).getByLabelText('Mã đợt mới'), ID);
    await user.click(within(form).getByRole('button', { name: 'Sao chép và mở để sửa' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Đã có đợt khảo sát mã “quang-binh-2021”: hãy chọn mã khác.');
    expect(within(form).getByLabelText('Mã đợt mới')).toHaveAttribute('aria-invalid', 'true');
    expect(requests.some((r) => r.path.endsWith('/copy'))).toBe(false);

    await setValue(within(form).getByLabelText('Mã đợt mới'), 'quang-binh-2022');
    await setValue(within(form).getByLabelText('Tên đợt (tiếng Việt)'), 'Khảo sát CCHC Quảng Bình 2022');
    await setValue(within(form).getByLabelText('Tên đợt (tiếng Anh)'), 'Quảng Bình 2022 survey');
    await user.click(within(form).getByRole('button', { name: 'Sao chép và mở để sửa' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Đợt khảo sát “Khảo sát CCHC Quảng Bình 2022”' })).toBeInTheDocument();
    expect(location.pathname).toBe('/coordinator/campaigns/quang-binh-2022');
    expect(requests.filter((r) => r.path.endsWith('/copy'))).toEqual([
      {
        method: 'POST',
        path: `${BASE}/${ID}/copy`,
        body: { id: 'quang-binh-2022', title: { vi: 'Khảo sát CCHC Quảng Bình 2022', en: 'Quảng Bình 2022 survey' }, start: '2022-11-01', end: '2022-11-30' },
      },
    ]);
    expect(screen.getByText(/Mã đợt: quang-binh-2022 · lần lưu thứ 1/)).toBeInTheDocument();
  });

  it('starts a new campaign from a copy of the one chosen as its template', async () => {
    const { requests } = campaignServer({
      role: 'admin',
      handle: (r) => (r.method === 'POST' && r.path.endsWith('/copy') ? error(409, 'conflict', 'A campaign "quang-binh-2021" exists already') : undefined),
    });
    // A campaign saved only from its file says so.
    const older = await screen.findByRole('row', { name: /Quảng Bình năm 2020/ });
    expect(older).toHaveTextContent('Lần lưu thứ 1: từ tệp cài sẵn trên máy chủ, 20/10/2020 10:00');
    expect(older).toHaveTextContent('Đã kết thúc');
    await user.click(screen.getByRole('button', { name: 'Tạo đợt khảo sát mới' }));
    const form = screen.getByRole('region', { name: 'Tạo đợt khảo sát mới' });
    expect(document.activeElement).toBe(within(form).getByRole('heading'));
    await user.selectOptions(within(form).getByLabelText('Sao chép từ đợt'), 'quang-binh-2020');
    // The template's values for next year: the year in its id taken, still free on the list.
    expect(within(form).getByLabelText('Mã đợt mới')).toHaveValue('quang-binh-2021');
    expect(within(form).getByLabelText('Tên đợt (tiếng Việt)')).toHaveValue('Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021');
    await setValue(within(form).getByLabelText('Mã đợt mới'), 'quang-tri-2021');
    await user.click(within(form).getByRole('button', { name: 'Sao chép và mở để sửa' }));
    // The server says the id is taken (someone created it meanwhile): said at the id, nothing opened.
    await waitFor(() => expect(within(form).getByLabelText('Mã đợt mới')).toHaveAttribute('aria-invalid', 'true'));
    expect(within(form).getByLabelText('Mã đợt mới')).toHaveAccessibleDescription(/Đã có đợt khảo sát mã “quang-tri-2021”/);
    expect(requests.filter((r) => r.path.endsWith('/copy')).map((r) => r.path)).toEqual([`${BASE}/quang-binh-2020/copy`]);
    expect(location.pathname).toBe('/coordinator/campaigns');
  });
});

describe('the editor', () => {
  it('recomputes the totals and the plan’s declared-vs-computed card on every change', async () => {
    openEditor();
    const departments = await group(GROUP.departments);
    const card = discrepancyCard()!;
    expect(card).toHaveTextContent('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    expect(within(card).getByText('+30')).toBeInTheDocument();
    expect(screen.getByTestId('campaign-total')).toHaveTextContent('199');
    expect(within(departments).getByText(/Chỉ tiêu của nhóm: 60 \(tổng của 3 tầng\)/)).toBeInTheDocument();

    // A stratum's target: the group's and the campaign's totals follow at once.
    await setValue(within(stratumRow(departments, 'tu-phap')).getByRole('textbox', { name: 'Chỉ tiêu của tầng 2 Sở Tư pháp' }), '25');
    expect(within(departments).getByText(/Chỉ tiêu của nhóm: 65 \(tổng của 3 tầng\)/)).toBeInTheDocument();
    expect(screen.getByTestId('campaign-total')).toHaveTextContent('204');
    expect(discrepancyCard()).toHaveTextContent('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 204');

    // A target not yet a number is said at once, next to its field, and counts nothing.
    const units = await group(GROUP.units);
    const unitTarget = within(units).getByRole('textbox', { name: 'Chỉ tiêu của nhóm' });
    await user.clear(unitTarget);
    expect(unitTarget).toHaveAttribute('aria-invalid', 'true');
    expect(unitTarget).toHaveAccessibleDescription('phải là số nguyên từ 1 trở lên');
    expect(screen.getByTestId('campaign-total')).toHaveTextContent('104');

    // Until the groups add up to what the plan states: the card goes away.
    await user.type(unitTarget, '65');
    expect(screen.getByTestId('campaign-total')).toHaveTextContent('169');
    expect(within(units).getByText(/Chỉ tiêu của nhóm: 65/)).toBeInTheDocument();
    expect(discrepancyCard()).toBeNull();
    expect(unitTarget).not.toHaveAttribute('aria-invalid');

    // A group's own declared figure that its strata do not reach is a discrepancy of its own.
    await setValue(within(departments).getByRole('textbox', { name: 'Số phiếu kế hoạch ghi cho nhóm (không bắt buộc)' }), '60');
    expect(discrepancyCard()).toHaveTextContent('Kế hoạch ghi 60 phiếu nhưng các nhóm cộng lại 65');
    expect(discrepancyCard()).toHaveTextContent('Phạm vi: Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh');
  });

  it('shows the server’s problems next to the stratum they locate, checking once after the typing stops', async () => {
    const problem = {
      path: 'groups[1].strata[1].value',
      message: 'duplicate stratum value "tu-phap" (first used at position 1)',
      messageVi: 'Mã tầng “tu-phap” bị trùng (đã dùng ở vị trí 1)',
    };
    const { requests } = openEditor({
      handle: (r) =>
        r.method === 'POST' && r.path.startsWith(`${BASE}/check`)
          ? { status: 200, body: CampaignCheck.parse({ problems: [problem], totals: { groups: [], total: 199 }, discrepancies: [] }) }
          : undefined,
    });
    const departments = await group(GROUP.departments);
    expect(screen.getByTestId('campaign-check-summary')).toHaveTextContent('Không thấy lỗi nào.');
    await user.type(within(stratumRow(departments, 'tu-phap')).getByRole('textbox', { name: 'Tên tiếng Anh của tầng 2 Sở Tư pháp' }), ' (new)');

    const value = within(stratumRow(departments, 'tu-phap')).getByRole('combobox', { name: 'Mã của tầng 2 Sở Tư pháp' });
    await waitFor(() => expect(value).toHaveAttribute('aria-invalid', 'true'));
    expect(value).toHaveAccessibleDescription(problem.messageVi);
    expect(stratumRow(departments, 'tu-phap')).toHaveTextContent(problem.messageVi);
    // The other rows are not marked.
    expect(within(stratumRow(departments, 'noi-vu')).getByRole('combobox')).not.toHaveAttribute('aria-invalid');
    expect(stratumRow(departments, 'tai-chinh')).not.toHaveTextContent(problem.messageVi);
    // Listed at the top too, in the user's words, with a link to the field.
    const check = screen.getByRole('region', { name: 'Kiểm tra' });
    expect(within(check).getByTestId('campaign-check-summary')).toHaveTextContent('Có 1 lỗi cần sửa trước khi lưu.');
    const link = within(check).getByRole('link', { name: 'Nhóm 2 (Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh) › tầng 2 (Sở Tư pháp) › mã' });
    expect(link).toHaveAttribute('href', `#${value.id}`);
    await user.click(link);
    expect(document.activeElement).toBe(value);

    // One check for the whole burst of typing, of the campaign as edited, beside the others but itself.
    const sent = checks(requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe(`${BASE}/check?replacing=${ID}`);
    expect((sent[0]!.body as Campaign).groups[1]!.strata![1]!.label.en).toBe('Department of Justice (new)');

    // In English, the server's English.
    await act(() => setLang('en'));
    expect(value).toHaveAccessibleDescription(problem.message);
    await act(() => setLang('vi'));
  });

  it('replaces the strata with a spreadsheet’s once confirmed, and lists a refused file’s problems without changing anything', async () => {
    let refuse = true;
    const { requests } = openEditor({
      handle: (r) => {
        if (r.method !== 'POST' || !r.path.startsWith(`${BASE}/strata`)) return undefined;
        if (refuse)
          return error(422, 'invalid_campaign', 'The strata file has 2 problem(s), each located in details.', [
            { path: 'Sheet1, row 3, chỉ tiêu', sheet: 'Sheet1', row: 3, column: 'chỉ tiêu', message: 'a target is a whole number from 1 up', messageVi: 'chỉ tiêu phải là số nguyên từ 1 trở lên' },
            { path: 'Sheet1, row 4, tên', sheet: 'Sheet1', row: 4, column: 'tên', message: 'the label is missing: "so-moi" is not in the list "departments"', messageVi: 'thiếu tên tầng: “so-moi” không có trong danh sách “departments”' },
          ]);
        return {
          status: 200,
          body: StrataImport.parse({
            sheet: 'Sheet1',
            strata: [
              { value: 'noi-vu', label: DEPARTMENTS[0]!.label, target: 3 },
              { value: 'xay-dung', label: DEPARTMENTS[3]!.label, target: 4 },
            ],
          }),
        };
      },
    });
    const departments = await group(GROUP.departments);
    const before = stratumValues(departments);
    expect(before).toEqual(['noi-vu', 'tu-phap', 'tai-chinh']);

    const bad = new File(['mã,tên,chỉ tiêu\n'], 'các sở.csv', { type: 'text/csv' });
    await user.upload(within(departments).getByLabelText('Nhập các tầng từ tệp (.xlsx, .xls hoặc .csv)'), bad);
    await user.click(within(departments).getByRole('button', { name: 'Đọc tệp' }));
    const problems = await within(departments).findByRole('table', { name: 'Các lỗi trong tệp “các sở.csv”' });
    expect(within(problems).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Trang tính', 'Dòng', 'Cột', 'Lỗi']);
    expect(within(problems).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['Sheet1', '3', 'chỉ tiêu', 'chỉ tiêu phải là số nguyên từ 1 trở lên'],
      ['Sheet1', '4', 'tên', 'thiếu tên tầng: “so-moi” không có trong danh sách “departments”'],
    ]);
    expect(within(departments).getByTestId('strata-import-summary')).toHaveTextContent('Tệp có 2 lỗi. Bảng tầng không thay đổi');
    expect(stratumValues(departments)).toEqual(before);
    expect(within(departments).getByText(/Chỉ tiêu của nhóm: 60/)).toBeInTheDocument();
    // The file's bytes went as the body, checked against this group of this questionnaire version.
    const [sent] = requests.filter((r) => r.path.startsWith(`${BASE}/strata`));
    expect(sent!.path).toBe(`${BASE}/strata?questionnaire=par-officials&version=1&group=department-leader`);
    expect(sent!.body).toBe(bad);

    refuse = false;
    await user.upload(within(departments).getByLabelText('Nhập các tầng từ tệp (.xlsx, .xls hoặc .csv)'), new File(['PK'], 'các sở.xlsx'));
    await user.click(within(departments).getByRole('button', { name: 'Đọc tệp' }));
    const confirm = await within(departments).findByRole('alertdialog');
    expect(confirm).toHaveTextContent('Tệp “các sở.xlsx” (trang tính Sheet1) có 2 tầng. Thay 3 tầng hiện có trong bảng bằng các tầng này?');
    // Nothing replaced before the answer.
    expect(stratumValues(departments)).toEqual(before);
    await user.click(within(confirm).getByRole('button', { name: 'Thay bằng các tầng trong tệp' }));

    expect(stratumValues(departments)).toEqual(['noi-vu', 'xay-dung']);
    expect(within(stratumRow(departments, 'xay-dung')).getByRole('textbox', { name: 'Tên tiếng Việt của tầng 2 Sở Xây dựng' })).toHaveValue('Sở Xây dựng');
    expect(within(stratumRow(departments, 'xay-dung')).getByRole('textbox', { name: 'Chỉ tiêu của tầng 2 Sở Xây dựng' })).toHaveValue('4');
    expect(within(departments).getByText(/Chỉ tiêu của nhóm: 7 \(tổng của 2 tầng\)/)).toBeInTheDocument();
    expect(within(departments).getByTestId('strata-import-summary')).toHaveTextContent('Đã thay bảng bằng 2 tầng từ tệp “các sở.xlsx”.');
    expect(within(departments).queryByRole('table', { name: /Các lỗi trong tệp/ })).toBeNull();
  });

  it('keeps a stratum with interviews, fills the rest of the list, and offers the list’s labels', async () => {
    openEditor();
    const departments = await group(GROUP.departments);
    // Sở Nội vụ has 3 interviews: its row cannot go, and says why.
    const keep = within(stratumRow(departments, 'noi-vu')).getByRole('button', { name: 'Xoá tầng 1 Sở Nội vụ' });
    expect(keep).toBeDisabled();
    expect(keep).toHaveAccessibleDescription('Đã có 3 phiếu: không xoá được');
    expect(within(stratumRow(departments, 'noi-vu')).getByTestId('stratum-counted')).toHaveTextContent('3');
    await user.click(within(stratumRow(departments, 'tai-chinh')).getByRole('button', { name: 'Xoá tầng 3 Sở Tài chính' }));
    expect(stratumValues(departments)).toEqual(['noi-vu', 'tu-phap']);

    await setValue(within(departments).getByLabelText('Chỉ tiêu cho mỗi tầng thêm từ danh sách'), '3');
    await user.click(within(departments).getByRole('button', { name: 'Thêm 2 mục còn thiếu từ danh sách của bảng hỏi' }));
    expect(stratumValues(departments)).toEqual(['noi-vu', 'tu-phap', 'tai-chinh', 'xay-dung']);
    expect(within(departments).getByText(/Chỉ tiêu của nhóm: 46 \(tổng của 4 tầng\)/)).toBeInTheDocument();

    // A new row: its code chosen from the list by label, its names filled from the list.
    await user.click(within(departments).getByRole('button', { name: 'Xoá tầng 4 Sở Xây dựng' }));
    await user.click(within(departments).getByRole('button', { name: 'Thêm một tầng' }));
    const code = within(departments).getByRole('combobox', { name: 'Mã của tầng 4' });
    expect(within(code).getByRole('option', { name: 'Sở Xây dựng (xay-dung)' })).toBeInTheDocument();
    await user.selectOptions(code, 'xay-dung');
    expect(within(departments).getByRole('textbox', { name: 'Tên tiếng Anh của tầng 4 Sở Xây dựng' })).toHaveValue('Department of Construction');
  });

  it('plans a department the questionnaire’s list lacks: a code of the campaign’s own, named in the row, saved with the campaign', async () => {
    const { requests } = openEditor({ handle: (r) => (r.method === 'PUT' ? { status: 200, body: detail((r.body as { campaign: Campaign }).campaign, 4) } : undefined) });
    const departments = await group(GROUP.departments);
    await user.click(within(departments).getByRole('button', { name: 'Thêm một tầng' }));
    const choice = within(departments).getByRole('combobox', { name: 'Mã của tầng 4' });
    await user.selectOptions(choice, within(choice).getByRole('option', { name: 'Mã mới, không có trong danh sách…' }));
    // Typed, with what a code may be said beside it.
    const code = within(departments).getByRole('textbox', { name: 'Mã của tầng 4' });
    expect(code).toHaveAccessibleDescription(/mã bắt đầu bằng chữ cái, chỉ gồm chữ cái không dấu/);
    await user.type(code, 'dan-toc-ton-giao');
    await user.type(within(departments).getByRole('textbox', { name: 'Tên tiếng Việt của tầng 4 dan-toc-ton-giao' }), 'Sở Dân tộc và Tôn giáo');
    await user.type(within(departments).getByRole('textbox', { name: 'Tên tiếng Anh của tầng 4 Sở Dân tộc và Tôn giáo' }), 'Department of Ethnic Minorities and Religion');
    await setValue(within(departments).getByRole('textbox', { name: 'Chỉ tiêu của tầng 4 Sở Dân tộc và Tôn giáo' }), '2');
    expect(stratumValues(departments)).toEqual(['noi-vu', 'tu-phap', 'tai-chinh', 'dan-toc-ton-giao']);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu \(lần lưu thứ 4\)/);
    const saved = requests.find((r) => r.method === 'PUT')!.body as { campaign: Campaign };
    expect(saved.campaign.groups[1]!.strata!.at(-1)).toEqual({
      value: 'dan-toc-ton-giao',
      label: tx('Sở Dân tộc và Tôn giáo', 'Department of Ethnic Minorities and Religion'),
      target: 2,
    });
    // Reopened, the row shows its own code as typed; the list is one click away.
    const own = within(stratumRow(departments, 'dan-toc-ton-giao')).getByRole('textbox', { name: 'Mã của tầng 4 Sở Dân tộc và Tôn giáo' });
    expect(own).toHaveValue('dan-toc-ton-giao');
    await user.click(within(stratumRow(departments, 'dan-toc-ton-giao')).getByRole('button', { name: 'Chọn mã trong danh sách' }));
    expect(within(departments).getByRole('combobox', { name: 'Mã của tầng 4 Sở Dân tộc và Tôn giáo' })).toHaveValue('');
  });

  it('saves with the revision it started from, and says when someone saved in between, keeping the edits until reloaded', async () => {
    let saves = 0;
    let reloaded = false;
    const { requests } = openEditor({
      handle: (r) => {
        if (r.method === 'GET' && r.path === `${BASE}/${ID}` && reloaded) {
          const latest = quangBinh();
          latest.groups[2] = { ...latest.groups[2]!, target: 80 };
          return { status: 200, body: { ...detail(latest, 5), updatedBy: 'minh' } };
        }
        if (r.method !== 'PUT') return undefined;
        saves += 1;
        if (saves === 1) return { status: 200, body: detail((r.body as { campaign: Campaign }).campaign, 4) };
        if (saves === 2)
          return error(422, 'invalid_campaign', 'The campaign has 1 problem(s)', [
            { path: 'groups[2].target', message: 'a target is a whole number up to 5000', messageVi: 'chỉ tiêu tối đa 5000' },
          ]);
        return error(409, 'conflict', 'The campaign was saved by minh since you opened it (revision 5, yours 4): reload it and make your change again.');
      },
    });
    const units = await group(GROUP.units);
    const save = screen.getByRole('button', { name: 'Lưu' });
    expect(save).toBeDisabled();
    const target = within(units).getByRole('textbox', { name: 'Chỉ tiêu của nhóm' });
    await setValue(target, '70');
    await user.click(save);

    expect(await screen.findByText('Đã lưu (lần lưu thứ 4). Các thiết bị nhận thay đổi ở lần đồng bộ tiếp theo.')).toBeInTheDocument();
    expect(screen.getByText(/lần lưu thứ 4/, { selector: '.campaign-meta' })).toBeInTheDocument();
    const [first] = requests.filter((r) => r.method === 'PUT');
    expect(first!.path).toBe(`${BASE}/${ID}`);
    const body = first!.body as { campaign: Campaign; revision: number };
    expect(body.revision).toBe(3);
    expect(body.campaign.groups[2]!.target).toBe(70);
    expect(body.campaign.declaredTotal).toEqual(quangBinh().declaredTotal);
    expect(body.campaign.groups[1]!.strata).toEqual(quangBinh().groups[1]!.strata);

    // Refused: each problem located at its field.
    await setValue(target, '9000');
    await user.click(save);
    expect(await screen.findByRole('alert')).toHaveTextContent('Chưa lưu được: có 1 lỗi');
    expect(target).toHaveAccessibleDescription('chỉ tiêu tối đa 5000');

    // Someone saved since revision 4: said, with the edits kept on the page until reloaded.
    await setValue(target, '71');
    await user.click(save);
    const conflict = await screen.findByRole('alert');
    expect(conflict).toHaveTextContent('Có người đã lưu đợt khảo sát này sau khi bạn mở nó');
    expect(requests.filter((r) => r.method === 'PUT').map((r) => (r.body as { revision: number }).revision)).toEqual([3, 4, 4]);
    expect(target).toHaveValue('71');
    reloaded = true;
    await user.click(within(conflict).getByRole('button', { name: 'Tải lại bản mới nhất' }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: GROUP.units })).getByRole('textbox', { name: 'Chỉ tiêu của nhóm' })).toHaveValue('80'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/lần lưu thứ 5/, { selector: '.campaign-meta' })).toHaveTextContent('lưu bởi minh');
  });

  it.each([
    ['a coordinator', 'coordinator' as const],
    ['an account of an older server that says no role', undefined],
  ])('is read-only for %s', async (_who, role) => {
    const { requests } = campaignServer({ role });
    const row = await screen.findByRole('row', { name: /Quảng Bình năm 2021/ });
    expect(screen.getByText('Chỉ quản trị viên được tạo, sửa và sao chép đợt khảo sát. Bạn có thể xem từng đợt.')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Sao chép/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Tạo đợt khảo sát mới' })).toBeNull();
    await user.click(within(row).getByRole('link', { name: 'Xem đợt “Điều tra xã hội học CCHC tỉnh Quảng Bình năm 2021”' }));

    const departments = await group(GROUP.departments);
    expect(screen.getByText('Chỉ quản trị viên được sửa đợt khảo sát. Trang này chỉ để xem: hãy nhờ quản trị viên thay đổi.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem báo cáo kết quả' })).toHaveAttribute('href', `/coordinator/campaigns/${ID}/report`);
    expect(screen.getByRole('textbox', { name: 'Tên đợt (tiếng Việt)' })).toBeDisabled();
    const target = within(stratumRow(departments, 'tu-phap')).getByRole('textbox', { name: 'Chỉ tiêu của tầng 2 Sở Tư pháp' });
    expect(target).toBeDisabled();
    expect(target).toHaveValue('20');
    expect(screen.queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(within(departments).queryByLabelText(/Nhập các tầng từ tệp/)).toBeNull();
    expect(within(departments).queryByRole('button', { name: /Xoá/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Thêm nhóm đối tượng' })).toBeNull();
    // What it shows is still the campaign's: its totals and the plan's discrepancy.
    expect(screen.getByTestId('campaign-total')).toHaveTextContent('199');
    expect(discrepancyCard()).toHaveTextContent('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('a questionnaire whose matrix rates the campaign’s strata', () => {
  it('says beside the strata that they are the rows that matrix rates', async () => {
    const rate = { type: 'matrix', id: 'rate', label: tx('Đánh giá chất lượng phục vụ của từng sở', 'Rate the service of each department'), scale: 'x', rowsFrom: { strata: true } };
    const withMatrix = { ...parOfficials, sections: [{ id: 's', title: tx('Phần 1', 'Part 1'), questions: [rate] }] };
    openEditor({ handle: (r) => (r.method === 'GET' && r.path === '/api/definitions/par-officials/1' ? { status: 200, body: withMatrix } : undefined) });
    const departments = await group(GROUP.departments);
    expect(
      await within(departments).findByText(
        'Các địa bàn / đơn vị dưới đây cũng là các hàng được đánh giá ở câu “Đánh giá chất lượng phục vụ của từng sở”: thêm, bỏ hay đổi tên một địa bàn / đơn vị là đổi các hàng máy tính bảng hiển thị sau lần đồng bộ tới.',
      ),
    ).toBeInTheDocument();
  });
});

describe('confidentiality and score targets', () => {
  it('sets the minimum cell size and a target on one component of one group, a decimal comma read as a point', async () => {
    let saved: Campaign | undefined;
    const { requests } = openEditor({
      handle: (r) => {
        if (r.method !== 'PUT') return undefined;
        saved = (r.body as { campaign: Campaign }).campaign;
        return { status: 200, body: detail(saved, 4) };
      },
    });
    const section = await screen.findByRole('region', { name: 'Bảo mật và mục tiêu kết quả' });
    expect(within(section).getByText('Chưa có mục tiêu nào.')).toBeInTheDocument();
    await setValue(within(section).getByRole('textbox', { name: 'Số người trả lời tối thiểu để hiển thị kết quả' }), '7');
    await user.click(within(section).getByRole('button', { name: 'Thêm mục tiêu' }));
    const target = within(section).getByRole('group', { name: 'Mục tiêu 1' });
    // The components come from the questionnaire's scoring block, fetched for the groups.
    await waitFor(() => expect(within(target).getByRole('option', { name: 'Công khai, minh bạch' })).toBeInTheDocument());
    await user.selectOptions(within(target).getByRole('combobox', { name: 'Chỉ số' }), 'transparency');
    await user.selectOptions(within(target).getByRole('combobox', { name: 'Nhóm đối tượng' }), 'department-leader');
    await user.selectOptions(within(target).getByRole('combobox', { name: 'So sánh' }), '>');
    const value = within(target).getByRole('textbox', { name: 'Mức' });
    await setValue(value, 'nhiều');
    expect(value).toHaveAccessibleDescription(/phải là một số/);
    await setValue(value, '1,5');
    await setValue(within(target).getByRole('textbox', { name: 'Diễn đạt trong kế hoạch (tiếng Việt)' }), 'Công khai, minh bạch đạt trên 1,5 điểm');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(saved?.minCellSize).toBe(7);
    expect(saved?.scoreTargets).toEqual([
      { questionnaire: 'par-officials', component: 'transparency', group: 'department-leader', op: '>', value: 1.5, label: { vi: 'Công khai, minh bạch đạt trên 1,5 điểm', en: '' } },
    ]);
  });
});
