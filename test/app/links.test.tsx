/**
 * The coordinators' Links page: creating links for a group and stratum of the campaign, their QR
 * codes, the CSV made in the browser from the creation reply, the list with states, and revoking
 * a link after a confirmation. The server's replies go through the contract's schemas.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LinkCreated, LinkSummary, type IssuedLink } from '../../src/contract';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { linksCsv, shortCode } from '../../src/app/coordinator/links/links-csv';
import { setLang } from '../../src/app/i18n';
import { apiError, quangBinhSnapshot, serverFetch, type Served } from './coordinator-fixtures';

const user = userEvent.setup();
const tx = (vi: string, en: string) => ({ vi, en });

beforeEach(() => setLang('vi'));
afterEach(() => vi.restoreAllMocks());

const me = { status: 200, body: { username: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' } };

let serial = 0;
function summary(overrides: Partial<LinkSummary> = {}): LinkSummary {
  serial += 1;
  return LinkSummary.parse({
    id: `${String(serial).padStart(8, 'a')}-1111-4111-8111-111111111111`,
    campaignId: 'quang-binh-2021',
    survey: { id: 'par-officials', version: 1 },
    group: { id: 'department-leader', label: tx('Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh', 'Leaders of provincial departments') },
    stratum: { value: 'tu-phap', label: tx('Sở Tư pháp', 'Department of Justice') },
    kind: 'single',
    label: null,
    state: 'unopened',
    uses: 0,
    maxUses: 1,
    inProgress: 0,
    createdAt: '2021-11-12T03:00:00.000Z',
    openedAt: null,
    startedAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  });
}

const token = (n: number) => `${'k7qm2xpa9dh4ex0v3b8n6c1r'}${String(n).padStart(2, '0')}`;

/** A server with the Quảng Bình campaign that creates links as asked and lists them, newest first. */
function linkServer(snapshot = quangBinhSnapshot()) {
  let list: LinkSummary[] = [
    summary({ state: 'completed', uses: 1, openedAt: '2021-11-12T04:00:00.000Z', lastUsedAt: '2021-11-12T05:00:00.000Z' }),
    summary({ id: 'b2c3d4e5-0000-4000-8000-000000000002', kind: 'shared', maxUses: 10, state: 'in_progress', uses: 1, openedAt: '2021-11-12T04:00:00.000Z', lastUsedAt: '2021-11-12T05:00:00.000Z' }),
  ];
  const server = serverFetch((r: Served) => {
    if (r.path === '/api/coordinator/me') return me;
    if (r.path === '/api/quota') return { status: 200, body: snapshot };
    if (r.method === 'GET' && r.path === '/api/coordinator/links') return { status: 200, body: { links: list } };
    if (r.method === 'POST' && r.path === '/api/coordinator/links') {
      const req = r.body as { group: string; stratum?: string; kind: 'single' | 'shared'; count?: number; maxUses?: number; label?: string };
      const n = req.kind === 'single' ? (req.count ?? 1) : 1;
      const issued: IssuedLink[] = Array.from({ length: n }, (_, i) => {
        const link = summary({ kind: req.kind, maxUses: req.kind === 'single' ? 1 : req.maxUses!, label: req.label ?? null });
        return { link, token: token(i), path: `/r/${token(i)}` };
      });
      list = [...issued.map((i) => i.link), ...list];
      return { status: 201, body: LinkCreated.parse({ links: issued, tokensShownOnce: true, notice: tx('Liên kết chỉ hiển thị một lần.', 'Shown only once.') }) };
    }
    const revoke = /^\/api\/coordinator\/links\/([^/]+)\/revoke$/.exec(r.path);
    if (r.method === 'POST' && revoke) {
      const found = list.find((l) => l.id === revoke[1]);
      if (!found) return apiError(404, 'not_found', 'No such link');
      const revoked = { ...found, state: 'revoked' as const, revokedAt: '2021-11-12T06:00:00.000Z' };
      list = list.map((l) => (l.id === revoked.id ? revoked : l));
      return { status: 200, body: { link: revoked } };
    }
    return undefined;
  });
  render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch: server.fetch })}>
      <CoordinatorApp page="links" />
    </CoordinatorApiContext.Provider>,
  );
  return server;
}

describe('creating links', () => {
  it('creates single-use links for a group and stratum and shows each with a QR code and its short code', async () => {
    const { requests } = linkServer();
    await screen.findByRole('heading', { level: 1, name: 'Đường dẫn cho người tự trả lời' });
    expect(screen.getByRole('navigation', { name: 'Trang điều phối' })).toContainElement(screen.getByRole('link', { name: 'Đường dẫn khảo sát' }));
    const form = screen.getByRole('region', { name: 'Tạo đường dẫn' });
    await user.selectOptions(await within(form).findByLabelText('Nhóm đối tượng'), 'department-leader');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Vui lòng chọn địa bàn / đơn vị.');

    await user.selectOptions(within(form).getByLabelText('Địa bàn / đơn vị'), 'tu-phap');
    await user.clear(within(form).getByLabelText('Số đường dẫn'));
    await user.type(within(form).getByLabelText('Số đường dẫn'), '0');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Số đường dẫn phải là số nguyên từ 1 đến 500.');
    await user.clear(within(form).getByLabelText('Số đường dẫn'));
    await user.type(within(form).getByLabelText('Số đường dẫn'), '3');
    await user.type(within(form).getByLabelText(/Ghi chú/), 'Phòng Tổ chức');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));

    const issued = await screen.findByRole('region', { name: 'Đã tạo 3 đường dẫn' });
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/coordinator/links').map((r) => r.body)).toEqual([
      { campaign: 'quang-binh-2021', group: 'department-leader', stratum: 'tu-phap', kind: 'single', count: 3, label: 'Phòng Tổ chức' },
    ]);
    expect(within(issued).getByRole('status')).toHaveTextContent('Liên kết chỉ hiển thị một lần.');
    const cards = issued.querySelectorAll('li.link-card');
    expect(cards).toHaveLength(3);
    const first = cards[0] as HTMLElement;
    const code = shortCode(first.dataset.link!);
    const qr = within(first).getByRole('img', { name: `Mã QR của đường dẫn ${code}` });
    expect(qr.querySelector('svg path')).not.toBeNull();
    expect(first).toHaveTextContent('Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh');
    expect(first).toHaveTextContent('Sở Tư pháp');
    expect(first).toHaveTextContent(`Mã ${code}`);
    expect(first).toHaveTextContent(`${location.origin}/r/${token(0)}`);
    // The list has the new links too, by the same short code.
    await waitFor(() => expect(screen.getAllByRole('row', { name: new RegExp(code) })).toHaveLength(1));
  });

  it('offers the strata the campaign plans, not one it no longer plans that interviews arrived for', async () => {
    const snapshot = quangBinhSnapshot();
    const leaders = snapshot.groups.find((g) => g.id === 'department-leader')!;
    const dropped = { value: 'so-ke-hoach', label: tx('Sở Kế hoạch (không còn trong kế hoạch)', 'Planning (no longer planned)'), target: 0, accepted: 2, over: 2, full: true };
    leaders.strata.push(dropped);
    linkServer(snapshot);
    const form = await screen.findByRole('region', { name: 'Tạo đường dẫn' });
    await user.selectOptions(await within(form).findByLabelText('Nhóm đối tượng'), 'department-leader');
    const offered = within(within(form).getByLabelText('Địa bàn / đơn vị')).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(offered).toContain('tu-phap');
    expect(offered).not.toContain(dropped.value);
    expect(offered).toHaveLength(1 + leaders.strata.length - 1);
  });

  it('creates a shared link with its most questionnaires', async () => {
    const { requests } = linkServer();
    const form = await screen.findByRole('region', { name: 'Tạo đường dẫn' });
    await user.selectOptions(await within(form).findByLabelText('Nhóm đối tượng'), 'delegate');
    expect(within(form).queryByLabelText('Địa bàn / đơn vị')).toBeNull(); // delegates have no strata
    await user.click(within(form).getByRole('radio', { name: 'Một đường dẫn dùng chung, giới hạn số phiếu' }));
    await user.clear(within(form).getByLabelText('Số phiếu tối đa'));
    await user.type(within(form).getByLabelText('Số phiếu tối đa'), '30');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));
    const issued = await screen.findByRole('region', { name: 'Đã tạo 1 đường dẫn' });
    expect(issued).toHaveTextContent('Tối đa 30 phiếu');
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/coordinator/links')?.body).toEqual({
      campaign: 'quang-binh-2021',
      group: 'delegate',
      kind: 'shared',
      maxUses: 30,
    });
  });

  it('downloads the new links as CSV made from the creation reply, and prints the sheet', async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:links'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { requests } = linkServer();
    const form = await screen.findByRole('region', { name: 'Tạo đường dẫn' });
    await user.selectOptions(await within(form).findByLabelText('Nhóm đối tượng'), 'department-leader');
    await user.selectOptions(within(form).getByLabelText('Địa bàn / đơn vị'), 'tu-phap');
    await user.clear(within(form).getByLabelText('Số đường dẫn'));
    await user.type(within(form).getByLabelText('Số đường dẫn'), '2');
    await user.type(within(form).getByLabelText(/Ghi chú/), '=Phòng "A", tầng 2');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));
    const issued = await screen.findByRole('region', { name: 'Đã tạo 2 đường dẫn' });
    const before = requests.length;

    await user.click(within(issued).getByRole('button', { name: 'Tải CSV' }));
    expect(names).toEqual([expect.stringMatching(/^links-department-leader-tu-phap-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const text = await blobs[0]!.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('url,code,group,group_label,stratum,stratum_label,kind,max_uses,label');
    const ids = Array.from(issued.querySelectorAll<HTMLElement>('li.link-card'), (c) => c.dataset.link!);
    expect(lines.slice(1)).toEqual([
      `${location.origin}/r/${token(0)},${shortCode(ids[0]!)},department-leader,Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh,tu-phap,Sở Tư pháp,single,1,"'=Phòng ""A"", tầng 2"`,
      `${location.origin}/r/${token(1)},${shortCode(ids[1]!)},department-leader,Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh,tu-phap,Sở Tư pháp,single,1,"'=Phòng ""A"", tầng 2"`,
      '',
    ]);
    // A byte-order mark first, so spreadsheets read the Vietnamese as UTF-8 (Blob.text() drops it).
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(requests.length).toBe(before); // made in the browser: the tokens are never fetched again

    await user.click(within(issued).getByRole('button', { name: 'In tờ mã QR' }));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe('the list of links', () => {
  it('shows each link’s state and uses, and revokes one after a confirmation', async () => {
    const { requests } = linkServer();
    const list = await screen.findByRole('region', { name: 'Các đường dẫn đã tạo' });
    // A single-use link answered: done, nothing left to revoke.
    const done = await within(list).findByRole('row', { name: /Đã trả lời/ });
    expect(done).toHaveTextContent('1/1');
    expect(done).toHaveTextContent('Dùng một lần');
    expect(done.querySelector('button')).toBeNull();
    // A shared link used once of ten is taking answers, not "being answered".
    const row = within(list).getByRole('row', { name: /Đang nhận phiếu/ });
    expect(row).toHaveTextContent('1/10');
    expect(row).toHaveTextContent('Dùng chung');
    expect(row).not.toHaveTextContent('Đang trả lời');
    const code = within(row).getByRole('rowheader').textContent!;
    expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);

    await user.click(within(row).getByRole('button', { name: `Thu hồi đường dẫn ${code}` }));
    const dialog = within(row).getByRole('alertdialog');
    expect(dialog).toHaveTextContent(`Thu hồi đường dẫn ${code}? Đường dẫn sẽ không mở được nữa`);
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(requests.some((r) => r.path.endsWith('/revoke'))).toBe(false);

    await user.click(within(row).getByRole('button', { name: `Thu hồi đường dẫn ${code}` }));
    await user.click(within(row).getByRole('button', { name: 'Thu hồi đường dẫn' }));
    expect(await screen.findByText(`Đã thu hồi đường dẫn ${code}.`)).toBeInTheDocument();
    await waitFor(() => expect(within(list).getByRole('row', { name: new RegExp(code) })).toHaveTextContent('Đã thu hồi'));
    expect(within(list).getByRole('row', { name: new RegExp(code) }).querySelector('button')).toBeNull();
    expect(requests.filter((r) => r.path.endsWith('/revoke'))).toHaveLength(1);
  });

  it('tells the respondent on the printed sheet what to do with the code', async () => {
    linkServer();
    const form = await screen.findByRole('region', { name: 'Tạo đường dẫn' });
    await user.selectOptions(await within(form).findByLabelText('Nhóm đối tượng'), 'department-leader');
    await user.selectOptions(within(form).getByLabelText('Địa bàn / đơn vị'), 'tu-phap');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn' }));
    const issued = await screen.findByRole('region', { name: 'Đã tạo 1 đường dẫn' });
    const card = issued.querySelector('li.link-card')!;
    expect(card).toHaveTextContent('Mời Ông/Bà quét mã QR bằng máy ảnh của điện thoại');
    expect(card).toHaveTextContent('Mã này chỉ dùng được một lần');
  });
});

describe('linksCsv', () => {
  it('quotes what needs quoting and names a group without strata with empty stratum columns', () => {
    const link = summary({ stratum: null, kind: 'shared', maxUses: 20, label: 'Tổ 1, phường 2' });
    const csv = linksCsv('https://khaosat.example.vn/', [{ link, token: token(5), path: `/r/${token(5)}` }]);
    expect(csv.split('\r\n')[1]).toBe(`https://khaosat.example.vn/r/${token(5)},${shortCode(link.id)},department-leader,Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh,,,shared,20,"Tổ 1, phường 2"`);
  });
});
