// @vitest-environment node
/**
 * Roles, accounts and the audit trail, through HTTP on both databases: an administrator creates,
 * resets, disables and re-roles accounts (never leaving no administrator); a coordinator is refused
 * (403) everything that is an administrator's; every change a person makes is one audit entry with
 * who, when and what, read filtered and paged, and exported as CSV. Strata lists import from a
 * spreadsheet or CSV with every bad row located.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccountIssued, AccountList, AuditPage, StrataImport } from '../../src/contract';
import type { AuditEntry } from '../../src/contract';
import { writeWorkbook } from '../../src/server/questionnaires/read-upload';
import { exportXlsform } from '../../src/survey/xlsform/export';
import { loginAsCoordinator, PASSWORD, sessionCookie } from './coordinator-session';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import type { Reply } from './http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS_DIR } from './harness';
import type { Definition } from '../../src/survey';

describeEachDatabase('accounts, roles and the audit trail', (database) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    admin = await loginAsCoordinator(server);
  });
  afterAll(() => server.close());

  const as = (cookie: string) => ({ headers: { cookie } });
  const login = (username: string, password: string) => post(server, '/api/coordinator/login', { username, password });
  const entries = async (query = ''): Promise<AuditEntry[]> => {
    const r = await get(server, `/api/coordinator/audit?${query}`, { cookie: admin });
    expect(r.status, r.text).toBe(200);
    return AuditPage.parse(r.body).entries;
  };
  const accountId = async (username: string) => AccountList.parse((await get(server, '/api/coordinator/accounts', { cookie: admin })).body).accounts.find((a) => a.username === username)!.id;

  let lan: string;
  let lanCookie: string;

  it('an administrator creates a coordinator account; its generated password is returned once and works', async () => {
    const created = await post(server, '/api/coordinator/accounts', { username: 'Lan.Nguyen', role: 'coordinator' }, as(admin));
    expect(created.status, created.text).toBe(201);
    const issued = AccountIssued.parse(created.body);
    expect(issued.account).toMatchObject({ username: 'lan.nguyen', role: 'coordinator', disabled: false });
    expect(issued.password).toMatch(/^.{12,}$/);
    lan = issued.account.id;
    const r = await login('lan.nguyen', issued.password!);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'lan.nguyen', role: 'coordinator' });
    lanCookie = sessionCookie(r);
    // The list shows it, with its last login.
    const list = AccountList.parse((await get(server, '/api/coordinator/accounts', { cookie: admin })).body);
    expect(list.accounts.find((a) => a.id === lan)?.lastLoginAt).toBeDefined();
    expect(list.accounts.find((a) => a.username === 'dieuphoi')).toMatchObject({ role: 'admin' });
    // Bad input is refused, located; a taken name is a conflict.
    const short = await post(server, '/api/coordinator/accounts', { username: 'ngan', role: 'coordinator', password: 'short' }, as(admin));
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/at least 8 characters/);
    expect(errorCode(await post(server, '/api/coordinator/accounts', { username: 'has space', role: 'coordinator' }, as(admin)))).toBe('invalid_request');
    const taken = await post(server, '/api/coordinator/accounts', { username: 'LAN.NGUYEN', role: 'admin' }, as(admin));
    expect(errorCode(taken)).toBe('conflict');
    expect((taken.body as { error: { details: unknown[] } }).error.details).toEqual([{ path: 'username', message: 'An account "lan.nguyen" exists already.', messageVi: 'Đã có tài khoản “lan.nguyen”: hãy chọn tên khác.' }]);
    expect(errorCode(await post(server, '/api/coordinator/accounts', { username: 'x', role: 'owner' }, as(admin)))).toBe('invalid_request');
  });

  it("refuses a coordinator everything that is an administrator's, with 403", async () => {
    const refusals: [string, Reply][] = [
      ['accounts', await get(server, '/api/coordinator/accounts', { cookie: lanCookie })],
      ['create account', await post(server, '/api/coordinator/accounts', { username: 'hoa', role: 'admin' }, as(lanCookie))],
      ['reset', await post(server, `/api/coordinator/accounts/${lan}/password`, {}, as(lanCookie))],
      ['role', await post(server, `/api/coordinator/accounts/${lan}/role`, { role: 'admin' }, as(lanCookie))],
      ['audit', await get(server, '/api/coordinator/audit', { cookie: lanCookie })],
      ['audit csv', await get(server, '/api/coordinator/audit.csv', { cookie: lanCookie })],
      ['publish', await post(server, '/api/coordinator/questionnaires/drafts/nope/publish', {}, as(lanCookie))],
      ['retire', await post(server, '/api/coordinator/questionnaires/sipas-citizen/1/retire', {}, as(lanCookie))],
      ['create campaign', await post(server, '/api/coordinator/campaigns', {}, as(lanCookie))],
      ['interview-level export', await get(server, '/api/coordinator/exports/sipas-citizen/2.csv', { cookie: lanCookie })],
      ['SPSS syntax', await get(server, '/api/coordinator/exports/sipas-citizen/2.sps', { cookie: lanCookie })],
    ];
    for (const [what, r] of refusals) {
      expect(r.status, what).toBe(403);
      expect(errorCode(r), what).toBe('forbidden');
    }
    // Interview-level data: why, in both languages.
    const data = refusals.find(([what]) => what === 'interview-level export')![1];
    expect((data.body as { error: { details: unknown[] } }).error.details).toEqual([expect.objectContaining({ path: 'role', messageVi: expect.stringMatching(/^Chỉ quản trị viên mới được tải dữ liệu từng phiếu/) })]);
    // What a coordinator does: watch, links, devices, the scores' exports.
    expect((await get(server, '/api/coordinator/dashboard', { cookie: lanCookie })).status).toBe(200);
    expect((await post(server, '/api/coordinator/enrolment-codes', { name: 'Phạm Văn Hùng' }, as(lanCookie))).status).toBe(201);
    expect((await get(server, '/api/coordinator/exports/sipas-citizen/2.scores.csv', { cookie: lanCookie })).status).toBe(200);
  });

  it('resets a password (ending the sessions), disables and enables an account, and changes a role', async () => {
    const reset = AccountIssued.parse((await post(server, `/api/coordinator/accounts/${lan}/password`, { password: 'mật khẩu mới đây' }, as(admin))).body);
    expect(reset.password).toBeUndefined();
    expect((await get(server, '/api/coordinator/me', { cookie: lanCookie })).status).toBe(401);
    expect((await login('lan.nguyen', 'mật khẩu mới đây')).status).toBe(200);

    const session = sessionCookie(await login('lan.nguyen', 'mật khẩu mới đây'));
    const disabled = await post(server, `/api/coordinator/accounts/${lan}/disable`, {}, as(admin));
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body).toMatchObject({ account: { disabled: true } });
    expect((await get(server, '/api/coordinator/me', { cookie: session })).status).toBe(401);
    const refused = await login('lan.nguyen', 'mật khẩu mới đây');
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/disabled/);
    // A wrong password on a disabled account says only that the password is wrong.
    expect((await login('lan.nguyen', 'sai mật khẩu rồi')).status).toBe(401);
    expect((await post(server, `/api/coordinator/accounts/${lan}/enable`, {}, as(admin))).status).toBe(200);
    expect((await login('lan.nguyen', 'mật khẩu mới đây')).status).toBe(200);

    const promoted = await post(server, `/api/coordinator/accounts/${lan}/role`, { role: 'admin' }, as(admin));
    expect(promoted.body).toMatchObject({ account: { role: 'admin' } });
    const again = sessionCookie(await login('lan.nguyen', 'mật khẩu mới đây'));
    expect((await get(server, '/api/coordinator/accounts', { cookie: again })).status).toBe(200);
    expect((await post(server, `/api/coordinator/accounts/${lan}/role`, { role: 'coordinator' }, as(admin))).status).toBe(200);
  });

  it('never leaves the server without an enabled administrator', async () => {
    const me = await accountId('dieuphoi');
    const own = await post(server, `/api/coordinator/accounts/${me}/disable`, {}, as(admin));
    expect(own.status).toBe(409);
    expect(own.text).toMatch(/your own account/);
    expect((own.body as { error: { details: unknown[] } }).error.details).toEqual([expect.objectContaining({ path: 'id', messageVi: expect.stringMatching(/tài khoản của chính mình/) })]);
    const demote = await post(server, `/api/coordinator/accounts/${me}/role`, { role: 'coordinator' }, as(admin));
    expect(demote.status).toBe(409);
    expect(demote.text).toMatch(/last enabled administrator/);
    expect((demote.body as { error: { details: unknown[] } }).error.details).toEqual([expect.objectContaining({ path: 'role', messageVi: expect.stringMatching(/quản trị viên duy nhất/) })]);
    expect((await get(server, '/api/coordinator/accounts', { cookie: admin })).status).toBe(200);
    expect((await post(server, '/api/coordinator/accounts/no-such-id/disable', {}, as(admin))).status).toBe(404);
  });

  it('records every change a person makes, with who, when and what; filters, pages and exports it', async () => {
    // Changes of other kinds: a questionnaire uploaded, published and retired; a link created and
    // revoked; a device enrolled and revoked; an export downloaded.
    const { $schema: _s, ...sipas } = JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'sipas-citizen-v2.json'), 'utf8')) as Definition & { $schema?: string };
    const file = writeWorkbook(exportXlsform({ ...sipas, id: 'sipas-rieng', version: 1 }));
    const uploaded = await fetch(`${server.url}/api/coordinator/questionnaires`, { method: 'POST', headers: { cookie: admin, 'x-file-name': 'rieng.xlsx' }, body: new Uint8Array(file) });
    expect(uploaded.status).toBe(201);
    const draftId = ((await uploaded.json()) as { draftId: string }).draftId;
    expect((await post(server, `/api/coordinator/questionnaires/drafts/${draftId}/publish`, {}, as(admin))).status).toBe(201);
    expect((await post(server, '/api/coordinator/questionnaires/sipas-rieng/1/retire', {}, as(admin))).status).toBe(200);
    expect((await post(server, '/api/coordinator/questionnaires/sipas-rieng/1/reinstate', {}, as(admin))).status).toBe(200);
    const upload2 = await fetch(`${server.url}/api/coordinator/questionnaires`, { method: 'POST', headers: { cookie: admin, 'x-file-name': 'rieng-2.xlsx' }, body: new Uint8Array(file) });
    const secondDraft = ((await upload2.json()) as { draftId: string }).draftId;
    expect((await fetch(`${server.url}/api/coordinator/questionnaires/drafts/${secondDraft}`, { method: 'DELETE', headers: { cookie: admin } })).status).toBe(204);
    const links = await post(server, '/api/coordinator/links', { campaign: 'quang-binh-2021', group: 'citizen', stratum: 'dong-hoi', kind: 'single', count: 1 }, as(admin));
    expect(links.status, links.text).toBe(201);
    const linkId = (links.body as { links: { link: { id: string } }[] }).links[0]!.link.id;
    expect((await post(server, `/api/coordinator/links/${linkId}/revoke`, {}, as(admin))).status).toBe(200);
    const code = (await post(server, '/api/coordinator/enrolment-codes', { name: 'Đỗ Thị Mai' }, as(admin))).body as { code: string };
    const device = (await post(server, '/api/devices/enrol', { code: code.code, deviceLabel: 'Máy tính bảng 7' })).body as { deviceId: string };
    expect((await post(server, `/api/coordinator/devices/${device.deviceId}/revoke`, {}, as(admin))).status).toBe(200);
    expect((await get(server, '/api/coordinator/exports/sipas-citizen/2.xlsx', { cookie: admin })).status).toBe(200);

    const all = await entries('limit=500');
    const actions = new Set(all.map((e) => e.action));
    for (const action of [
      'account.created',
      'account.password_reset',
      'account.disabled',
      'account.enabled',
      'account.role_changed',
      'questionnaire.uploaded',
      'questionnaire.published',
      'questionnaire.retired',
      'questionnaire.reinstated',
      'questionnaire.draft_deleted',
      'link.created',
      'link.revoked',
      'device.code_created',
      'device.enrolled',
      'device.revoked',
      'export.downloaded',
    ] as const)
      expect(actions, action).toContain(action);
    expect(all.find((e) => e.action === 'device.enrolled')).toMatchObject({ actor: 'Đỗ Thị Mai', target: `device:${device.deviceId}`, detail: { label: 'Máy tính bảng 7' } });
    expect(all.find((e) => e.action === 'questionnaire.published')).toMatchObject({ actor: 'dieuphoi', target: 'questionnaire:sipas-rieng@1' });
    expect(all.find((e) => e.action === 'export.downloaded' && e.target === 'questionnaire:sipas-citizen@2' && e.actor === 'dieuphoi')?.detail).toMatchObject({ format: 'xlsx' });
    expect(all.filter((e) => e.action === 'account.role_changed').map((e) => [e.target, e.changes])).toEqual([
      ['account:lan.nguyen', [{ path: 'role', before: 'admin', after: 'coordinator' }]],
      ['account:lan.nguyen', [{ path: 'role', before: 'coordinator', after: 'admin' }]],
    ]);
    expect(all.find((e) => e.action === 'link.created')?.detail).toMatchObject({ campaign: 'quang-binh-2021', group: 'citizen', stratum: 'dong-hoi' });
    // Newest first; who and when.
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(Date.parse(all[0]!.at)).toBeGreaterThan(Date.now() - 600_000);

    // Filters: a kind of action, one action, an actor, a period.
    expect((await entries('action=account')).every((e) => e.action.startsWith('account.'))).toBe(true);
    expect((await entries('action=link.revoked')).map((e) => e.target)).toEqual([`link:${linkId}`]);
    expect((await entries('actor=lan.nguyen')).length).toBeGreaterThan(0);
    expect((await entries('actor=lan.nguyen')).every((e) => e.actor === 'lan.nguyen')).toBe(true);
    expect(await entries('to=2000-01-01')).toEqual([]);
    expect((await entries(`from=${new Date().toISOString().slice(0, 10)}`)).length).toBe(Math.min(all.length, 100));
    // A day is a day in Vietnam; a timestamp may carry its offset.
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '+00:00');
    expect(await entries(`from=${encodeURIComponent(inAnHour)}`)).toEqual([]);
    const vietnamToday = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await entries(`from=${vietnamToday}&to=${vietnamToday}`)).length).toBe(Math.min(all.length, 100));
    for (const bad of ['action=drop.table', 'from=yesterday', 'from=2026-13-45', 'limit=0', 'before=abc'])
      expect((await get(server, `/api/coordinator/audit?${bad}`, { cookie: admin })).status, bad).toBe(400);

    // Paged: `next` is where the following page starts.
    const first = AuditPage.parse((await get(server, '/api/coordinator/audit?limit=3', { cookie: admin })).body);
    expect(first.entries).toHaveLength(3);
    const second = AuditPage.parse((await get(server, `/api/coordinator/audit?limit=3&before=${first.next}`, { cookie: admin })).body);
    expect(second.entries.map((e) => e.id)).toEqual(ids.slice(3, 6));

    // CSV, with the same filters.
    const csv = await fetch(`${server.url}/api/coordinator/audit.csv?action=account`, { headers: { cookie: admin } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,changes,detail');
    expect(lines.length - 1).toBe((await entries('action=account&limit=500')).length);
    expect(lines.slice(1).every((l) => l.includes(',account.'))).toBe(true);
    // The download itself is in the trail.
    expect((await entries('action=export.downloaded'))[0]).toMatchObject({ actor: 'dieuphoi', target: 'audit', detail: { format: 'csv', filter: { action: 'account' } } });
  });

  it('imports strata from a spreadsheet or CSV, and locates every bad row', async () => {
    const q = 'questionnaire=papi-citizen&version=1&group=citizen';
    const sendFile = (bytes: Uint8Array<ArrayBuffer> | string, query = q) =>
      fetch(`${server.url}/api/coordinator/campaigns/strata?${query}`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/octet-stream' }, body: bytes }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as unknown,
      }));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Mã', 'Tên::Tiếng Việt (vi)', 'label::English (en)', 'Chỉ tiêu'],
        ['dong-hoi', 'TP Đồng Hới', 'Đồng Hới City', 40],
        ['le-thuy', '', '', 25],
      ]),
      'Xã',
    );
    const ok = await sendFile(new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(StrataImport.parse(ok.body)).toEqual({
      sheet: 'Xã',
      strata: [
        { value: 'dong-hoi', label: { vi: 'TP Đồng Hới', en: 'Đồng Hới City' }, target: 40 },
        // No label in the file: the questionnaire list's.
        { value: 'le-thuy', label: { vi: 'Huyện Lệ Thủy', en: 'Lệ Thủy District' }, target: 25 },
      ],
    });
    // A commune the questionnaire's list lacks (new since the merger) is the campaign's own, by its label in the file.
    const csv = await sendFile('value;label;target\r\nba-don;Thị xã Ba Đồn;30\r\nphuong-dong-son;Phường Đồng Sơn;12\r\n');
    expect(StrataImport.parse(csv.body).strata).toEqual([
      { value: 'ba-don', label: { vi: 'Thị xã Ba Đồn', en: 'Thị xã Ba Đồn' }, target: 30 },
      { value: 'phuong-dong-son', label: { vi: 'Phường Đồng Sơn', en: 'Phường Đồng Sơn' }, target: 12 },
    ]);

    const bad = await sendFile('value,label,target\ndong-hoi,Đồng Hới,10\n,Không mã,3\ndong-hoi,Lặp,2\nxã mới,Xã mới,4\nba-don,Ba Đồn,nhiều\nphuong-moi,,5\n');
    expect(bad.status).toBe(422);
    const details = (bad.body as { error: { code: string; details: { sheet: string; row: number; column: string; message: string; messageVi: string }[] } }).error;
    expect(details.code).toBe('invalid_campaign');
    expect(details.details.map((d) => [d.row, d.column])).toEqual([
      [3, 'value'],
      [4, 'value'],
      [5, 'value'],
      [6, 'target'],
      [7, 'label'],
    ]);
    expect(details.details[2]!.messageVi).toMatch(/^“xã mới” không có trong danh sách “districts” .*không dùng được làm mã cho tầng ngoài danh sách/);
    expect(details.details[2]!.message).toMatch(/^"xã mới" is not in the list "districts" .*not a code a stratum outside the list can have/);
    expect(details.details[1]!.message).toMatch(/repeats row 2/);
    // A stratum outside the list has no list's label to fall back on: the file must name it.
    expect(details.details[4]!.messageVi).toMatch(/^thiếu tên tầng: “phuong-moi” không có trong danh sách “districts”/);
    expect(details.details[4]!.message).toMatch(/^the label is missing: "phuong-moi" is not in the list "districts"/);
    // Damaged or unrelated files are refused, located, never a 5xx.
    for (const junk of [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), new Uint8Array([0, 1, 2, 3, 0xff, 0xfe]), ''])
      expect((await sendFile(junk)).status).toBe(422);
    expect((await sendFile('Mã tỉnh,Tên\n1,2\n')).body).toMatchObject({ error: { details: [{ row: 1 }] } });
    expect((await sendFile('value\nx\n', 'questionnaire=papi-citizen&version=7&group=citizen')).status).toBe(404);
  });
});

it('has no audit entries for reads', async () => {
  const server = await startTestServer();
  try {
    const cookie = await loginAsCoordinator(server, 'quantri', PASSWORD);
    await get(server, '/api/coordinator/dashboard', { cookie });
    await get(server, '/api/coordinator/campaigns', { cookie });
    await get(server, '/api/coordinator/accounts', { cookie });
    const page = AuditPage.parse((await get(server, '/api/coordinator/audit', { cookie })).body);
    expect(page.entries).toEqual([]);
  } finally {
    await server.close();
  }
});
