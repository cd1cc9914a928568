/**
 * The administrators' pages: accounts (create one, reset a password, each generated password
 * shown once; disable, enable and change a role only once confirmed; the server's refusals in
 * the page's language) and the audit trail (entries with their changes, the filters and the
 * paging as the query asks them, the CSV link with the same filters). The server's replies go
 * through the contract's schemas.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Account, AccountIssued, AuditEntry, AuditPage } from '../../src/contract';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { setLang } from '../../src/app/i18n';
import { accounts, apiError, auditEntries, meAs, serverFetch, type Handler, type Served } from './coordinator-fixtures';

const user = userEvent.setup();
beforeEach(() => setLang('vi'));

const BASE = '/api/coordinator';

function renderPage(page: 'accounts' | 'audit', handler: Handler) {
  const server = serverFetch((r) => (r.path === `${BASE}/me` ? meAs('admin') : handler(r)));
  render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
      <CoordinatorApp page={page} />
    </CoordinatorApiContext.Provider>,
  );
  return server;
}

const posts = (requests: Served[]) => requests.filter((r) => r.method === 'POST').map((r) => ({ path: r.path, body: r.body }));

describe('accounts', () => {
  /** A server keeping its accounts; `refuse` answers a POST instead when it returns a reply. */
  function accountServer(refuse: (r: Served) => { status: number; body?: unknown } | undefined = () => undefined) {
    let list = accounts();
    const handler: Handler = (r) => {
      if (r.method === 'GET' && r.path === `${BASE}/accounts`) return { status: 200, body: { accounts: list } };
      if (r.method !== 'POST') return undefined;
      const refused = refuse(r);
      if (refused) return refused;
      if (r.path === `${BASE}/accounts`) {
        const body = r.body as { username: string; role: 'admin' | 'coordinator'; password?: string };
        const account = Account.parse({ id: `acc-${body.username}`, username: body.username, role: body.role, disabled: false, createdAt: '2021-11-12T04:00:00.000Z' });
        list = [...list, account];
        return { status: 201, body: AccountIssued.parse(body.password === undefined ? { account, password: 'K7QM-4T9X-2HVB-8RCE' } : { account }) };
      }
      const m = /^\/api\/coordinator\/accounts\/([^/]+)\/(password|disable|enable|role)$/.exec(r.path);
      const found = m && list.find((a) => a.id === m[1]);
      if (!m || !found) return undefined;
      if (m[2] === 'password') return { status: 200, body: { account: found, password: 'Z3WD-6YPN-0FAK-5MJS' } };
      const changed = m[2] === 'role' ? { ...found, role: (r.body as { role: 'admin' | 'coordinator' }).role } : { ...found, disabled: m[2] === 'disable' };
      list = list.map((a) => (a === found ? changed : a));
      return { status: 200, body: { account: changed } };
    };
    return handler;
  }

  const list = () => screen.findByRole('region', { name: 'Danh sách tài khoản' });
  const rowOf = async (username: string) => within(await list()).findByRole('row', { name: new RegExp(`^${username}\\b`) });

  it('lists every account with its role, state, creation and last login, the one logged in marked', async () => {
    renderPage('accounts', accountServer());
    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản' })).toBeInTheDocument();
    const table = await within(await list()).findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Tên đăng nhập', 'Vai trò', 'Trạng thái', 'Tạo lúc', 'Đăng nhập lần cuối', 'Thao tác']);
    const admin = await rowOf('admin');
    expect(admin).toHaveTextContent('admin (bạn)');
    expect(admin).toHaveTextContent('Quản trị viên');
    expect(admin).toHaveTextContent('Đang dùng');
    expect(admin).toHaveTextContent('01/10/2021 08:00');
    expect(admin).toHaveTextContent('12/11/2021 08:30');
    const lan = await rowOf('lan');
    expect(lan).toHaveTextContent('Điều phối viên');
    expect(lan).toHaveTextContent('Chưa bao giờ');
    expect(within(lan).getByRole('button', { name: 'Cho lan làm quản trị viên' })).toBeInTheDocument();
    expect(await rowOf('minh')).toHaveTextContent('Đã khoá');
    expect(within(await rowOf('minh')).getByRole('button', { name: 'Mở khoá tài khoản minh' })).toBeInTheDocument();
  });

  it('creates an account and shows the password the server generated once, with the word to note it now', async () => {
    const { requests } = renderPage('accounts', accountServer());
    const form = await screen.findByRole('region', { name: 'Tạo tài khoản' });
    // Checked here first: a username with a space, a password too short. Nothing is sent.
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'Hoa Nguyen');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Tên đăng nhập gồm 1 đến 64 chữ cái, chữ số hoặc các dấu . _ @ - (không có dấu cách).');
    expect(within(form).getByLabelText('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(within(form).getByLabelText('Tên đăng nhập'));
    await user.type(within(form).getByLabelText('Tên đăng nhập'), ' Hoa ');
    await user.type(within(form).getByLabelText('Mật khẩu (không bắt buộc)'), 'ngan');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Mật khẩu cần ít nhất 8 ký tự.');
    expect(posts(requests)).toEqual([]);

    // No password: the server makes one.
    await user.clear(within(form).getByLabelText('Mật khẩu (không bắt buộc)'));
    await user.selectOptions(within(form).getByLabelText('Vai trò'), 'Quản trị viên');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const issued = await screen.findByTestId('issued-password');
    expect(posts(requests)).toEqual([{ path: `${BASE}/accounts`, body: { username: 'hoa', role: 'admin' } }]);
    expect(within(issued).getByRole('heading')).toHaveTextContent('Mật khẩu của tài khoản “hoa”');
    expect(within(issued).getByText('K7QM-4T9X-2HVB-8RCE')).toHaveClass('code');
    expect(issued).toHaveTextContent('Hãy ghi lại mật khẩu này ngay và trao tận tay người dùng: mật khẩu chỉ hiện một lần này, sau đó không xem lại được.');
    expect(document.activeElement).toBe(within(issued).getByRole('heading'));
    expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Đã tạo tài khoản “hoa” (quản trị viên).');
    // Shown in one place only, and the list (read again) has the account but never its password.
    expect(screen.getAllByText('K7QM-4T9X-2HVB-8RCE')).toHaveLength(1);
    expect(await rowOf('hoa')).toHaveTextContent('Quản trị viên');
    expect(await list()).not.toHaveTextContent('K7QM');
    expect(within(form).getByLabelText('Tên đăng nhập')).toHaveValue('');

    // Once noted, it is gone for good.
    await user.click(within(issued).getByRole('button', { name: 'Tôi đã ghi lại, ẩn mật khẩu' }));
    expect(screen.queryByTestId('issued-password')).toBeNull();
    expect(screen.queryByText('K7QM-4T9X-2HVB-8RCE')).toBeNull();

    // A password given: the server returns none, and none is shown.
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'tuan');
    await user.type(within(form).getByLabelText('Mật khẩu (không bắt buộc)'), 'mat-khau-dai');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    await waitFor(() => expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Đã tạo tài khoản “tuan” (điều phối viên).'));
    expect(posts(requests).at(-1)).toEqual({ path: `${BASE}/accounts`, body: { username: 'tuan', role: 'coordinator', password: 'mat-khau-dai' } });
    expect(screen.queryByTestId('issued-password')).toBeNull();
  });

  it('resets a password only once confirmed, and shows the new one once', async () => {
    const { requests } = renderPage('accounts', accountServer());
    const lan = await rowOf('lan');
    await user.click(within(lan).getByRole('button', { name: 'Đặt lại mật khẩu của lan' }));
    const confirm = within(lan).getByRole('alertdialog', { name: 'Đặt lại mật khẩu của lan' });
    expect(confirm).toHaveTextContent('mật khẩu cũ không dùng được nữa và người này bị đăng xuất khỏi mọi thiết bị');
    await user.click(within(confirm).getByRole('button', { name: 'Huỷ' }));
    expect(posts(requests)).toEqual([]);

    await user.click(within(lan).getByRole('button', { name: 'Đặt lại mật khẩu của lan' }));
    await user.click(within(within(lan).getByRole('alertdialog')).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    const issued = await screen.findByTestId('issued-password');
    expect(posts(requests)).toEqual([{ path: `${BASE}/accounts/acc-lan/password`, body: {} }]);
    expect(issued).toHaveTextContent('Mật khẩu của tài khoản “lan”');
    expect(screen.getAllByText('Z3WD-6YPN-0FAK-5MJS')).toHaveLength(1);
    expect(issued).toHaveTextContent('mật khẩu chỉ hiện một lần này');
    expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Đã đặt lại mật khẩu của “lan”.');
    await user.click(within(issued).getByRole('button', { name: 'Tôi đã ghi lại, ẩn mật khẩu' }));
    expect(screen.queryByText('Z3WD-6YPN-0FAK-5MJS')).toBeNull();
  });

  it('disables and enables an account, and changes a role, each only once confirmed', async () => {
    const { requests } = renderPage('accounts', accountServer());
    let lan = await rowOf('lan');
    await user.click(within(lan).getByRole('button', { name: 'Khoá tài khoản lan' }));
    const confirm = within(lan).getByRole('alertdialog', { name: 'Khoá tài khoản lan' });
    expect(confirm).toHaveTextContent('Khoá tài khoản “lan”? Người này bị đăng xuất ngay và không đăng nhập được nữa');
    await user.click(within(confirm).getByRole('button', { name: 'Huỷ' }));
    expect(posts(requests)).toEqual([]);
    await user.click(within(lan).getByRole('button', { name: 'Khoá tài khoản lan' }));
    await user.click(within(within(lan).getByRole('alertdialog')).getByRole('button', { name: 'Khoá tài khoản' }));
    await waitFor(() => expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Đã khoá tài khoản “lan”.'));
    expect(posts(requests)).toEqual([{ path: `${BASE}/accounts/acc-lan/disable`, body: {} }]);
    lan = await rowOf('lan');
    await waitFor(() => expect(lan).toHaveTextContent('Đã khoá'));

    const minh = await rowOf('minh');
    await user.click(within(minh).getByRole('button', { name: 'Mở khoá tài khoản minh' }));
    await user.click(within(within(minh).getByRole('alertdialog')).getByRole('button', { name: 'Mở khoá tài khoản' }));
    await waitFor(() => expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Đã mở khoá tài khoản “minh”.'));
    expect(posts(requests).at(-1)).toEqual({ path: `${BASE}/accounts/acc-minh/enable`, body: {} });

    await user.click(within(minh).getByRole('button', { name: 'Cho minh làm quản trị viên' }));
    expect(within(minh).getByRole('alertdialog')).toHaveTextContent('Quản trị viên quản lý được tài khoản, xuất bản bảng hỏi và xem nhật ký.');
    await user.click(within(within(minh).getByRole('alertdialog')).getByRole('button', { name: 'Đổi vai trò' }));
    await waitFor(() => expect(screen.getByTestId('accounts-notice')).toHaveTextContent('Tài khoản “minh” giờ là quản trị viên.'));
    expect(posts(requests).at(-1)).toEqual({ path: `${BASE}/accounts/acc-minh/role`, body: { role: 'admin' } });
    await waitFor(() => expect(within(minh).getByRole('button', { name: 'Chuyển minh thành điều phối viên' })).toBeInTheDocument());
  });

  it("says the server's refusals in the page's language: the last administrator, one's own account, a name taken, a bad name", async () => {
    const { requests } = renderPage(
      'accounts',
      accountServer((r) => {
        if (r.path.endsWith('/acc-admin/disable')) return apiError(409, 'conflict', 'You cannot disable your own account: ask another administrator.');
        if (r.path.endsWith('/acc-admin/role')) return apiError(409, 'conflict', '"admin" is the last enabled administrator: make another account an administrator first.');
        if (r.path === `${BASE}/accounts` && (r.body as { username: string }).username === 'lan') return apiError(409, 'conflict', 'An account "lan" exists already.');
        if (r.path === `${BASE}/accounts`) return apiError(400, 'invalid_request', 'A username is 1 to 64 letters, digits or . _ @ - (no spaces).');
        return undefined;
      }),
    );
    const admin = await rowOf('admin');
    await user.click(within(admin).getByRole('button', { name: 'Chuyển admin thành điều phối viên' }));
    // Demoting oneself is said to cost one's own rights.
    expect(within(admin).getByRole('alertdialog')).toHaveTextContent('Chuyển chính bạn thành điều phối viên? Bạn mất quyền quản trị ngay');
    await user.click(within(within(admin).getByRole('alertdialog')).getByRole('button', { name: 'Đổi vai trò' }));
    expect(await within(admin).findByRole('alert')).toHaveTextContent(
      'Không thực hiện được: “admin” là quản trị viên cuối cùng đang hoạt động. Hãy cho một tài khoản khác làm quản trị viên trước.',
    );
    await user.click(within(admin).getByRole('button', { name: 'Huỷ' }));

    await user.click(within(admin).getByRole('button', { name: 'Khoá tài khoản admin' }));
    await user.click(within(within(admin).getByRole('alertdialog')).getByRole('button', { name: 'Khoá tài khoản' }));
    const own = await within(admin).findByRole('alert');
    expect(own).toHaveTextContent('Không thực hiện được: bạn không thể tự khoá tài khoản của chính mình. Hãy nhờ một quản trị viên khác.');
    expect(own).not.toHaveTextContent(/administrator|own account/);
    // In English, the English words.
    await act(() => setLang('en'));
    await user.click(within(admin).getByRole('button', { name: 'Disable the account' }));
    expect(await within(admin).findByRole('alert')).toHaveTextContent('Not done: you cannot disable your own account. Ask another administrator.');
    await act(() => setLang('vi'));
    await user.click(within(admin).getByRole('button', { name: 'Huỷ' }));

    const form = screen.getByRole('region', { name: 'Tạo tài khoản' });
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'lan');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Không tạo được: đã có tài khoản “lan”. Hãy chọn tên đăng nhập khác.');
    await user.clear(within(form).getByLabelText('Tên đăng nhập'));
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'ngọc');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent('Máy chủ không nhận tên đăng nhập hoặc mật khẩu'));
    expect(within(form).getByRole('alert')).toHaveTextContent('mật khẩu cần ít nhất 8 ký tự');
    expect(posts(requests).map((p) => p.path)).toEqual([
      `${BASE}/accounts/acc-admin/role`,
      `${BASE}/accounts/acc-admin/disable`,
      `${BASE}/accounts/acc-admin/disable`,
      `${BASE}/accounts`,
      `${BASE}/accounts`,
    ]);
    expect(screen.queryByTestId('issued-password')).toBeNull();
  });
});

describe('one’s own role', () => {
  it('takes an administrator who made themselves a coordinator off the administrators’ pages at once', async () => {
    let role: 'admin' | 'coordinator' = 'admin';
    const server = serverFetch((r) => {
      if (r.path === `${BASE}/me`) return meAs(role);
      if (r.method === 'GET' && r.path === `${BASE}/accounts`) return role === 'admin' ? { status: 200, body: { accounts: accounts() } } : apiError(403, 'forbidden', 'Only an administrator can see the accounts.');
      if (r.method === 'POST' && r.path === `${BASE}/accounts/acc-admin/role`) {
        role = 'coordinator';
        return { status: 200, body: { account: { ...accounts()[0]!, role } } };
      }
      return undefined;
    });
    render(
      <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
        <CoordinatorApp page="accounts" />
      </CoordinatorApiContext.Provider>,
    );
    const admin = await within(await screen.findByRole('region', { name: 'Danh sách tài khoản' })).findByRole('row', { name: /^admin\b/ });
    await user.click(within(admin).getByRole('button', { name: 'Chuyển admin thành điều phối viên' }));
    await user.click(within(within(admin).getByRole('alertdialog')).getByRole('button', { name: 'Đổi vai trò' }));
    expect(await screen.findByTestId('admin-only')).toHaveTextContent('Chỉ quản trị viên mới quản lý được tài khoản.');
    expect(within(screen.getByRole('navigation', { name: 'Trang điều phối' })).queryByRole('link', { name: 'Tài khoản' })).toBeNull();
    expect(server.requests.filter((r) => r.path === `${BASE}/me`)).toHaveLength(2);
  });
});

describe('audit trail', () => {
  const older = (): AuditEntry[] => [
    AuditEntry.parse({ id: 39, at: '2021-11-09T02:00:00.000Z', actor: 'admin', action: 'account.role_changed', target: 'account:minh', changes: [{ path: 'role', before: 'coordinator', after: 'admin' }] }),
  ];

  /** Pages of two: the newest entries, then (before=40) the older one; every query recorded. */
  function auditServer() {
    const handler: Handler = (r) => {
      const u = new URL(r.path, 'http://localhost');
      if (r.method !== 'GET' || u.pathname !== `${BASE}/audit`) return undefined;
      const page = u.searchParams.get('before') === '40' ? { entries: older() } : { entries: auditEntries(), next: 40 };
      return { status: 200, body: AuditPage.parse(page) };
    };
    return handler;
  }

  const queries = (requests: Served[]) =>
    requests
      .filter((r) => r.path.startsWith(`${BASE}/audit`))
      .map((r) => Object.fromEntries(new URL(r.path, 'http://localhost').searchParams));

  it('shows each entry: its time in Vietnam, who, the action in words, what it was done to, and an edit’s changes', async () => {
    renderPage('audit', auditServer());
    const table = await screen.findByRole('table', { name: 'Các mục nhật ký, mới nhất trước' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Thời gian', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Thay đổi']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-entry'))).toEqual(['42', '41', '40']);

    const [edit, created, revoked] = rows as [HTMLElement, HTMLElement, HTMLElement];
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(edit).getByRole('rowheader')).toHaveTextContent('12/11/2021 10:15');
    expect(cells(edit).slice(0, 3)).toEqual(['admin', 'Sửa đợt khảo sát', 'Đợt khảo sát quang-tri-2026Chi tiết: {"revision":3}']);
    const changes = within(edit).getAllByRole('listitem').map((li) => li.textContent);
    expect(changes).toEqual([
      'groups[citizen].target: 100 → 120',
      'title: {"vi":"Đợt 1","en":"Round 1"} → {"vi":"Đợt một","en":"Round one"}',
      'groups[citizen].strata[gio-linh]: (không có) → {"value":"gio-linh","target":5}',
    ]);
    // 17:30 UTC is half past midnight the next day in Vietnam.
    expect(within(created).getByRole('rowheader')).toHaveTextContent('12/11/2021 00:30');
    expect(cells(created)).toEqual(['admin', 'Tạo tài khoản', 'Tài khoản lanChi tiết: {"role":"coordinator"}', '']);
    expect(cells(revoked)).toEqual(['Lệnh trên máy chủ', 'Thu hồi thiết bị', 'Thiết bị dev-b', '']);

    await act(() => setLang('en'));
    expect(cells(edit).slice(1, 3)).toEqual(['Campaign edited', 'Campaign quang-tri-2026Details: {"revision":3}']);
    expect(cells(revoked)[0]).toBe('Server command');
    expect(within(edit).getAllByRole('listitem')[2]).toHaveTextContent('groups[citizen].strata[gio-linh]: (none) → {"value":"gio-linh","target":5}');
    await act(() => setLang('vi'));
  });

  it('asks the server with the filters (Vietnam days), pages back with "before", and links the CSV with the same filters', async () => {
    const { requests } = renderPage('audit', auditServer());
    await screen.findByRole('table');
    expect(queries(requests)).toEqual([{}]);
    const filters = screen.getByRole('search', { name: 'Lọc nhật ký' });
    const csv = within(filters).getByRole('link', { name: 'Tải tệp CSV mọi mục khớp bộ lọc' });
    expect(csv).toHaveAttribute('href', `${BASE}/audit.csv`);

    // The actions are grouped by their kind, each kind also as a whole.
    const action = within(filters).getByLabelText('Thao tác');
    const groups = [...action.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Bảng hỏi', 'Đợt khảo sát', 'Đường dẫn khảo sát', 'Thiết bị', 'Tài khoản', 'Tải dữ liệu']);
    expect([...action.querySelectorAll('optgroup[label="Đợt khảo sát"] option')].map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['campaign', 'Mọi thao tác với đợt khảo sát'],
      ['campaign.created', 'Tạo đợt khảo sát'],
      ['campaign.edited', 'Sửa đợt khảo sát'],
      ['campaign.copied', 'Sao chép đợt khảo sát'],
    ]);
    expect(action.querySelectorAll('option')).toHaveLength(1 + 6 + 19);

    // A "from" after the "to" is said, and nothing asked.
    await user.type(within(filters).getByLabelText('Từ ngày'), '2021-11-13');
    await user.type(within(filters).getByLabelText('Đến ngày'), '2021-11-12');
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    expect(within(filters).getByRole('alert')).toHaveTextContent('“Từ ngày” phải trước hoặc trùng “Đến ngày”.');
    expect(queries(requests)).toHaveLength(1);

    await user.selectOptions(action, 'Mọi thao tác với đợt khảo sát');
    await user.type(within(filters).getByLabelText('Người thực hiện'), ' admin ');
    await user.clear(within(filters).getByLabelText('Từ ngày'));
    await user.type(within(filters).getByLabelText('Từ ngày'), '2021-11-12');
    await user.clear(within(filters).getByLabelText('Đến ngày'));
    await user.type(within(filters).getByLabelText('Đến ngày'), '2021-11-13');
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    // The days are Vietnam's: from midnight of the 12th (17:00 UTC the day before) to the last instant of the 13th.
    const filter = { action: 'campaign', actor: 'admin', from: '2021-11-11T17:00:00.000Z', to: '2021-11-13T16:59:59.999Z' };
    await waitFor(() => expect(queries(requests).at(-1)).toEqual(filter));
    await screen.findByRole('table');
    expect(Object.fromEntries(new URL(csv.getAttribute('href')!, 'http://localhost').searchParams)).toEqual(filter);
    expect(new URL(csv.getAttribute('href')!, 'http://localhost').pathname).toBe(`${BASE}/audit.csv`);

    // Older entries: the same filters, before the last entry shown; appended under the others.
    expect(screen.getByText(/Đang hiện 3 mục\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Xem các mục cũ hơn' }));
    await waitFor(() => expect(queries(requests).at(-1)).toEqual({ ...filter, before: '40' }));
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row').slice(1).map((r) => r.getAttribute('data-entry'))).toEqual(['42', '41', '40', '39']));
    expect(within(table).getByRole('row', { name: /09\/11\/2021/ })).toHaveTextContent('role: "coordinator" → "admin"');
    expect(screen.getByText(/Đang hiện 4 mục\. Đã đến mục cũ nhất\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Xem các mục cũ hơn' })).toBeNull();
    // The CSV has every matching entry: no paging in its link.
    expect(csv.getAttribute('href')).not.toContain('before');

    // One action alone; clearing the filters asks for everything again.
    await user.selectOptions(action, 'account.role_changed');
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(queries(requests).at(-1)).toEqual({ ...filter, action: 'account.role_changed' }));
    await user.click(within(filters).getByRole('button', { name: 'Bỏ lọc' }));
    await waitFor(() => expect(queries(requests).at(-1)).toEqual({}));
    expect(within(filters).getByLabelText('Người thực hiện')).toHaveValue('');
    await waitFor(() => expect(csv).toHaveAttribute('href', `${BASE}/audit.csv`));
  });

  it('says when nothing matches, and when the server refuses', async () => {
    let reply: Handler = () => ({ status: 200, body: { entries: [] } });
    renderPage('audit', (r) => (r.path.startsWith(`${BASE}/audit`) ? reply(r) : undefined));
    expect(await screen.findByText('Nhật ký chưa có mục nào.')).toBeInTheDocument();
    reply = () => apiError(403, 'forbidden', 'Only an administrator can read the audit trail.');
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được nhật ký: Không có quyền thực hiện việc này. (forbidden)');
  });
});
