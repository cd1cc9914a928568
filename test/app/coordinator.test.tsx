/**
 * The coordinators' pages: the dashboard rendering a snapshot (progress per stratum, the 169/199
 * report, over quota), login errors, session expiry, self-refresh, enrolment codes and revoking a
 * device after a confirmation. The server's replies come through the contract's schemas.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp, { type CoordinatorPage } from '../../src/app/coordinator/CoordinatorApp';
import { DashboardView } from '../../src/app/coordinator/Dashboard';
import { setLang } from '../../src/app/i18n';
import { as } from './coordinator-account';
import { apiError, dashboard, devices, meAs, serverFetch, type Handler } from './coordinator-fixtures';

const user = userEvent.setup();

beforeEach(() => setLang('vi'));

const me = { status: 200, body: { username: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' } };

function renderApp(handler: Handler, page: CoordinatorPage = 'dashboard') {
  const server = serverFetch(handler);
  const view = render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
      <CoordinatorApp page={page} />
    </CoordinatorApiContext.Provider>,
  );
  return { ...server, view };
}

describe('dashboard', () => {
  it('shows progress per stratum, units under their department, policies, over quota and the 169/199 discrepancy', () => {
    render(<DashboardView data={dashboard()} />);

    const report = screen.getByRole('region', { name: 'Số liệu kế hoạch không khớp' });
    expect(report).toHaveTextContent('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    expect(within(report).getByText('Kế hoạch ghi').nextElementSibling).toHaveTextContent('169');
    expect(within(report).getByText('Tính từ các nhóm').nextElementSibling).toHaveTextContent('199');
    expect(within(report).getByText('+30')).toBeInTheDocument();

    const departments = screen.getByRole('article', { name: 'Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh' });
    expect(departments).toHaveTextContent('Chỉ tiêu 6 · đã nhận 4 · vượt 0');
    expect(departments).toHaveTextContent('Khi đủ chỉ tiêu: dừng nhận phiếu mới trên thiết bị');
    const justice = within(departments).getByRole('progressbar', { name: 'Sở Tư pháp: đã nhận 1 trên chỉ tiêu 3' });
    expect(justice).toHaveAttribute('value', '1');
    expect(justice).toHaveAttribute('max', '3');
    const justiceRow = within(departments).getByRole('row', { name: /Sở Tư pháp/ });
    expect(justiceRow).toHaveTextContent('1/3 (33%)');
    expect(justiceRow).toHaveTextContent('Còn thiếu 2');
    expect(within(departments).getByRole('row', { name: /Sở Nội vụ/ })).toHaveTextContent('Đủ');

    const delegates = screen.getByRole('article', { name: 'Đại biểu HĐND tỉnh' });
    expect(delegates).toHaveTextContent('32/30 (107%)');
    expect(delegates).toHaveTextContent('Vượt 2');
    expect(delegates).toHaveTextContent('vẫn nhận thêm (ghi là vượt chỉ tiêu)');
    expect(within(delegates).getByRole('progressbar')).toHaveAttribute('value', '30'); // the bar stops at the target

    // Units are grouped under their department, each department collapsible with its own totals.
    const units = screen.getByRole('article', { name: 'Lãnh đạo đơn vị thuộc, trực thuộc sở' });
    const blocks = units.querySelectorAll('details.quota-parent');
    expect(Array.from(blocks, (d) => d.querySelector('summary .quota-parent-name')?.textContent)).toEqual(['Sở Nội vụ', 'Sở Tư pháp']);
    expect(blocks[0]!.querySelector('summary')).toHaveTextContent('2/2 (100%)');
    expect(blocks[0]!.querySelector('summary')).toHaveTextContent('Vượt 1');
    const board = within(blocks[0] as HTMLElement).getByRole('row', { name: /Ban Thi đua – Khen thưởng/ });
    expect(board).toHaveTextContent('2/1 (200%)');
    expect(board).toHaveTextContent('Vượt 1');

    const totals = screen.getByRole('region', { name: 'Tổng quan' });
    expect(within(totals).getByText('Phiếu của đợt khảo sát này').closest('dt')?.nextElementSibling).toHaveTextContent('8');
    expect(within(totals).getByText('Phiếu hôm nay').closest('dt')?.nextElementSibling).toHaveTextContent('2');
    expect(within(totals).getByText('Vượt chỉ tiêu').closest('dt')?.nextElementSibling).toHaveTextContent('3');
  });

  it('draws interviews per day with a table alternative, lists enumerators and links every export', () => {
    render(<DashboardView data={dashboard()} />, as('admin'));
    const perDay = screen.getByRole('region', { name: 'Số phiếu theo ngày' });
    expect(within(perDay).getByRole('img')).toHaveAccessibleName('Biểu đồ số phiếu theo ngày: 3 ngày, nhiều nhất 5 phiếu');
    expect(perDay.querySelectorAll('svg rect.bar')).toHaveLength(3); // 2, 3 and 4 November: the empty day is drawn too
    const rows = within(perDay).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['02/11/20213', '03/11/20210', '04/11/20215']);

    const enumerators = screen.getByRole('region', { name: 'Số phiếu theo điều tra viên' });
    expect(within(enumerators).getByRole('row', { name: /Nguyễn Văn A/ })).toHaveTextContent('7');
    expect(within(enumerators).getByRole('row', { name: /Lê Văn C/ })).toHaveTextContent('Chưa bao giờ');

    const exports = screen.getByRole('region', { name: 'Xuất dữ liệu' });
    expect(within(exports).getAllByRole('link', { name: /^CSV \(mã\) — .* phiên bản 1$/ })).toHaveLength(3);
    const sipas = within(exports).getByRole('row', { name: /sự hài lòng/i });
    expect(within(sipas).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/api/coordinator/exports/sipas-citizen/1.csv',
      '/api/coordinator/exports/sipas-citizen/1.csv?labels=vi',
      '/api/coordinator/exports/sipas-citizen/1.xlsx',
      '/api/coordinator/exports/sipas-citizen/1.json',
      '/api/coordinator/exports/sipas-citizen/1.sps',
      '/api/coordinator/exports/sipas-citizen/1.do',
    ]);
    expect(within(exports).getAllByRole('row')).toHaveLength(4); // header, par-officials, sipas-citizen, papi-citizen
  });

  it('says so when the server has no campaign', () => {
    render(<DashboardView data={dashboard(null)} />);
    expect(screen.getByText(/Máy chủ chưa có đợt khảo sát nào/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Chỉ tiêu theo nhóm đối tượng' })).toBeNull();
  });

  it('refreshes itself when the page becomes visible again, showing the time of the last update', async () => {
    let served = 0;
    const { requests } = renderApp(({ path }) => (path === '/api/coordinator/me' ? me : path === '/api/coordinator/dashboard' ? (served++, { status: 200, body: dashboard() }) : undefined));
    await screen.findByRole('heading', { name: 'Tiến độ khảo sát' });
    await screen.findByText(/^Cập nhật lúc \d\d:\d\d$/);
    expect(served).toBe(1);
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await waitFor(() => expect(served).toBe(2));
    expect(requests.filter((r) => r.path === '/api/coordinator/dashboard')).toHaveLength(2);
  });

  it('keeps the last figures with an error when a refresh fails, and goes back to the login form when the session expired', async () => {
    let reply: Handler = () => ({ status: 200, body: dashboard() });
    renderApp((r) => (r.path === '/api/coordinator/me' ? me : r.path === '/api/coordinator/dashboard' ? reply(r) : undefined));
    await screen.findByRole('region', { name: 'Tổng quan' });
    reply = () => apiError(500, 'internal', 'Database unavailable');
    await user.click(screen.getByRole('button', { name: 'Cập nhật ngay' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Không cập nhật được (Máy chủ đang gặp lỗi: sẽ thử lại sau. (internal)). Số liệu dưới đây là của lần trước.');
    expect(screen.getByRole('region', { name: 'Tổng quan' })).toBeInTheDocument();
    reply = () => apiError(401, 'unauthorized', 'Log in as a coordinator');
    await user.click(screen.getByRole('button', { name: 'Cập nhật ngay' }));
    expect(await screen.findByRole('heading', { name: 'Đăng nhập điều phối viên' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  });
});

describe('login', () => {
  it('explains wrong credentials and rate limiting, then shows the dashboard once logged in', async () => {
    const logins: unknown[] = [];
    const answers = [
      apiError(401, 'invalid_credentials', 'Wrong username or password'),
      apiError(429, 'rate_limited', 'Too many attempts'),
      { status: 200, body: { username: 'admin', role: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' } },
    ];
    renderApp(({ method, path, body }) => {
      if (path === '/api/coordinator/me') return apiError(401, 'unauthorized', 'Log in');
      if (method === 'POST' && path === '/api/coordinator/login') return logins.push(body), answers.shift();
      if (path === '/api/coordinator/dashboard') return { status: 200, body: dashboard() };
      return undefined;
    });
    await screen.findByRole('heading', { name: 'Đăng nhập điều phối viên' });
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Vui lòng nhập tên đăng nhập và mật khẩu.');
    expect(logins).toHaveLength(0);

    await user.type(screen.getByLabelText('Tên đăng nhập'), 'admin');
    await user.type(screen.getByLabelText('Mật khẩu'), 'sai-mat-khau');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sai tên đăng nhập hoặc mật khẩu.');
    expect(screen.getByLabelText('Mật khẩu')).toHaveValue(''); // typed again, never kept
    expect(screen.getByLabelText('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Mật khẩu'), 'sai-nua');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Đăng nhập sai quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.');

    await user.type(screen.getByLabelText('Mật khẩu'), 'dung-mat-khau');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { name: 'Tiến độ khảo sát' })).toBeInTheDocument();
    expect(logins).toEqual([
      { username: 'admin', password: 'sai-mat-khau' },
      { username: 'admin', password: 'sai-nua' },
      { username: 'admin', password: 'dung-mat-khau' },
    ]);
    expect(screen.getByText('Đăng nhập: admin')).toBeInTheDocument();
    // The login reply's role: an administrator's pages are offered.
    expect(within(screen.getByRole('navigation', { name: 'Trang điều phối' })).getByRole('link', { name: 'Tài khoản' })).toBeInTheDocument();
  });

  it('logs out', async () => {
    const { requests } = renderApp(({ method, path }) =>
      path === '/api/coordinator/me' ? me : path === '/api/coordinator/dashboard' ? { status: 200, body: dashboard() } : method === 'POST' && path === '/api/coordinator/logout' ? { status: 204 } : undefined,
    );
    await user.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('heading', { name: 'Đăng nhập điều phối viên' })).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.path === '/api/coordinator/logout')).toBe(true);
  });
});

describe('roles', () => {
  const nav = () => screen.findByRole('navigation', { name: 'Trang điều phối' });
  const links = async () => within(await nav()).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);
  const dashboardToo: Handler = (r) => (r.path === '/api/coordinator/dashboard' ? { status: 200, body: dashboard() } : undefined);

  it('offers an administrator the Accounts and Audit trail pages', async () => {
    renderApp((r) => (r.path === '/api/coordinator/me' ? meAs('admin') : dashboardToo(r)));
    expect(await links()).toEqual([
      ['Tiến độ', '/coordinator'],
      ['Thiết bị', '/coordinator/devices'],
      ['Đường dẫn khảo sát', '/coordinator/links'],
      ['Bảng hỏi', '/coordinator/questionnaires'],
      ['Đợt khảo sát', '/coordinator/campaigns'],
      ['Tài khoản', '/coordinator/accounts'],
      ['Nhật ký', '/coordinator/audit'],
    ]);
  });

  it.each([
    ['a coordinator', meAs('coordinator')],
    ['an account of a server without roles', { status: 200, body: { username: 'lan', expiresAt: '2099-01-01T00:00:00.000Z' } }],
  ])('offers %s neither page', async (_who, me) => {
    renderApp((r) => (r.path === '/api/coordinator/me' ? me : dashboardToo(r)));
    expect((await links()).map(([name]) => name)).toEqual(['Tiến độ', 'Thiết bị', 'Đường dẫn khảo sát', 'Bảng hỏi', 'Đợt khảo sát']);
  });

  it('offers a coordinator the scores’ downloads only, and an administrator the data too', async () => {
    const withScores = () => ({ status: 200, body: { ...dashboard(), questionnaires: dashboard().questionnaires!.map((q) => ({ ...q, scoring: true })) } });
    const first = renderApp((r) => (r.path === '/api/coordinator/me' ? meAs('coordinator') : r.path === '/api/coordinator/dashboard' ? withScores() : undefined));
    const exports = await screen.findByRole('region', { name: 'Xuất dữ liệu' });
    expect(within(exports).getByTestId('exports-admin-only')).toBeInTheDocument();
    expect(within(exports).getAllByRole('link').every((a) => a.getAttribute('href')!.includes('.scores.'))).toBe(true);
    first.view.unmount();
    renderApp((r) => (r.path === '/api/coordinator/me' ? meAs('admin') : r.path === '/api/coordinator/dashboard' ? withScores() : undefined));
    const all = await screen.findByRole('region', { name: 'Xuất dữ liệu' });
    expect(within(all).getAllByRole('link', { name: /^Stata \(\.do\) — / })).toHaveLength(3);
    expect(within(all).getAllByRole('link', { name: /^CSV \(mã\) — / })).toHaveLength(3);
  });

  it.each([
    ['accounts', 'Tài khoản', 'Chỉ quản trị viên mới quản lý được tài khoản.'],
    ['audit', 'Nhật ký thao tác', 'Chỉ quản trị viên mới xem được nhật ký thao tác.'],
  ] as const)('tells a coordinator at /coordinator/%s that only administrators can, asking nothing of the server', async (page, heading, message) => {
    const { requests } = renderApp((r) => (r.path === '/api/coordinator/me' ? meAs('coordinator') : undefined), page);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(screen.getByTestId('admin-only')).toHaveTextContent(message);
    // The page's lazily loaded chunk would ask at once: give it the time to.
    await act(() => new Promise((done) => setTimeout(done, 50)));
    expect(requests.map((r) => r.path)).toEqual(['/api/coordinator/me']);
    expect(within(await nav()).queryByRole('link', { name: heading })).toBeNull();
  });
});

describe('no server', () => {
  it('says the server cannot be reached and tries again on request', async () => {
    let reachable = false;
    const server = serverFetch((r) => (r.path === '/api/coordinator/me' ? me : r.path === '/api/coordinator/dashboard' ? { status: 200, body: dashboard() } : undefined));
    const fetch: typeof server.fetch = (url, init) => (reachable ? server.fetch(url, init) : Promise.reject(new TypeError('Failed to fetch')));
    render(
      <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch })}>
        <CoordinatorApp page="dashboard" />
      </CoordinatorApiContext.Provider>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được dữ liệu: Không kết nối được máy chủ.');
    reachable = true;
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { name: 'Tiến độ khảo sát' })).toBeInTheDocument();
  });
});

describe('devices', () => {
  function deviceServer() {
    let list = devices();
    const revoked: string[] = [];
    const handler: Handler = ({ method, path, body }) => {
      if (path === '/api/coordinator/me') return me;
      if (method === 'GET' && path === '/api/coordinator/devices') return { status: 200, body: { devices: list } };
      const revoke = /^\/api\/coordinator\/devices\/([^/]+)\/revoke$/.exec(path);
      if (method === 'POST' && revoke) {
        revoked.push(revoke[1]!);
        list = list.map((d) => (d.id === revoke[1] ? { ...d, revokedAt: '2021-11-12T04:00:00.000Z' } : d));
        return { status: 200, body: { device: list.find((d) => d.id === revoke[1]) } };
      }
      if (method === 'POST' && path === '/api/coordinator/enrolment-codes')
        return { status: 201, body: { code: '1XDA-494X-HM', name: (body as { name: string }).name, expiresAt: '2021-11-19T04:00:00.000Z' } };
      return undefined;
    };
    return { handler, revoked };
  }

  it('lists the devices and revokes one only after a confirmation', async () => {
    const { handler, revoked } = deviceServer();
    renderApp(handler, 'devices');
    const table = await screen.findByRole('table');
    const a = within(table).getByRole('row', { name: /Nguyễn Văn A/ });
    expect(a).toHaveTextContent('Galaxy Tab A8');
    expect(a).toHaveTextContent('Đang hoạt động');
    const b = within(table).getByRole('row', { name: /Trần Thị B/ });
    expect(b).toHaveTextContent(/Đã thu hồi lúc/);
    expect(within(b).queryByRole('button')).toBeNull();

    await user.click(within(a).getByRole('button', { name: 'Thu hồi thiết bị Nguyễn Văn A' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Thu hồi thiết bị Nguyễn Văn A' });
    expect(dialog).toHaveTextContent('Thu hồi thiết bị “Nguyễn Văn A”? Thiết bị sẽ không gửi được phiếu nữa');
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(revoked).toEqual([]);

    await user.click(within(a).getByRole('button', { name: 'Thu hồi thiết bị Nguyễn Văn A' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Thu hồi thiết bị' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Đã thu hồi thiết bị “Nguyễn Văn A”.');
    expect(revoked).toEqual(['dev-a']);
    await waitFor(() => expect(within(screen.getByRole('row', { name: /Nguyễn Văn A/ })).queryByRole('button')).toBeNull());
    expect(screen.getByRole('row', { name: /Nguyễn Văn A/ })).toHaveTextContent(/Đã thu hồi lúc/);
  });

  it('issues an enrolment code and shows it big, with its expiry, to read to the enumerator', async () => {
    const { handler } = deviceServer();
    const { requests } = renderApp(handler, 'devices');
    await user.click(await screen.findByRole('button', { name: 'Cấp mã' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Vui lòng nhập tên điều tra viên.');
    await user.type(screen.getByLabelText('Tên điều tra viên'), '  Phạm Thị D ');
    await user.click(screen.getByRole('button', { name: 'Cấp mã' }));
    const issued = await screen.findByTestId('issued-code');
    expect(issued).toHaveTextContent('Mã đăng ký cho Phạm Thị D');
    expect(within(issued).getByText('1XDA-494X-HM')).toHaveClass('code');
    expect(issued).toHaveTextContent(/Hết hạn lúc .*19\/11/);
    expect(requests.find((r) => r.path === '/api/coordinator/enrolment-codes')?.body).toEqual({ name: 'Phạm Thị D' });
    expect(screen.getByLabelText('Tên điều tra viên')).toHaveValue('');
  });
});
