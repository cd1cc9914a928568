/**
 * A province sets up this year's campaign itself, in Chromium against the real server.
 * The server starts with only the 2021 Quảng Bình plan. An administrator creates the 2026 campaign
 * from it as a template, moves the citizens to the questionnaire version stratified by commune,
 * imports the communes and their targets from a spreadsheet, removes the district leaders (no
 * districts since 2025) and saves. A tablet enrolled before syncs once, goes offline, and starts an
 * interview in one of the imported communes, listed first as planned, on the campaign's version,
 * and one in a stratum of the campaign's own that the questionnaire's list lacks (typed in the
 * editor with its names), by the campaign's name.
 * The campaign, accounts and audit pages are looked at on a phone and a tablet, in both languages.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { deviceRecords, type DeviceRecord } from './device-db';
import { installAndEnrol } from './flows';
import { pageFaults } from './harness';
import { look } from './look';
import { HomePage } from './pages';
import { ROOT } from './paths';
import { openScenario, printedAccount, type Scenario } from './scenario';

let s: Scenario | undefined;
let definitions: string | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
  if (definitions) rmSync(definitions, { recursive: true, force: true });
  definitions = undefined;
});

const TITLE = 'Khảo sát CCHC tỉnh Quảng Trị năm 2026';
/** A stratum the campaign plans that is not a commune of the questionnaire's list. */
const CENTRE = { value: 'trung-tam-phvhc-tinh', vi: 'Trung tâm Phục vụ hành chính công tỉnh', en: 'Provincial Public Administration Service Centre' };
const SIPAS = 'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước';
/** Communes of the merged province, as the Department's spreadsheet lists them. */
const COMMUNES: [string, string, number][] = [
  ['phuong-dong-hoi', 'Phường Đồng Hới', 40],
  ['phuong-dong-ha', 'Phường Đông Hà', 40],
  ['xa-hoa-trach', 'Xã Hòa Trạch', 25],
  ['xa-tuyen-hoa', 'Xã Tuyên Hóa', 20],
];

function communesWorkbook(): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Mã', 'Tên', 'Chỉ tiêu'], ...COMMUNES]), 'Xã phường');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('a campaign set up from the browser', () => {
  it('is created from last plan, given its communes from a spreadsheet and a stratum of its own, and reaches a tablet that starts interviews in both offline', async () => {
    // The server's defaults without the shipped 2026 campaign: the Department makes its own.
    definitions = mkdtempSync(join(tmpdir(), 'definitions-'));
    cpSync(join(ROOT, 'survey-definitions'), definitions, { recursive: true });
    rmSync(join(definitions, 'campaigns', 'quang-tri-2026.json'));
    s = await openScenario('campaigns', inject('builds').v1, { definitionsDir: definitions });
    const { url: origin } = s.server;
    const account = printedAccount(s.server.output());
    await s.launch();

    const tablet = await s.page();
    await installAndEnrol(s, tablet, 'Điều tra viên Quảng Trị');

    const coordinator = await s.newPage();
    await coordinator.goto(`${origin}/coordinator/campaigns`);
    await coordinator.getByLabel('Tên đăng nhập').fill(account.username);
    await coordinator.getByLabel('Mật khẩu').fill(account.password);
    await coordinator.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Đợt khảo sát' }).waitFor();
    const problems = await look(coordinator, 'coordinator-campaigns-list');

    // This year's campaign from last plan.
    await coordinator.getByRole('button', { name: 'Tạo đợt khảo sát mới', exact: true }).click();
    const form = coordinator.getByRole('region', { name: 'Tạo đợt khảo sát mới' });
    await form.getByLabel('Sao chép từ đợt').selectOption('quang-binh-2021');
    await form.getByLabel('Mã đợt mới').fill('quang-tri-2026');
    await form.getByLabel('Tên đợt (tiếng Việt)').fill(TITLE);
    await form.getByLabel('Tên đợt (tiếng Anh)').fill('Quảng Trị 2026: PAR INDEX and SIPAS');
    await form.getByLabel('Ngày bắt đầu').fill('2026-11-01');
    await form.getByLabel('Ngày kết thúc').fill('2026-12-31');
    await form.getByRole('button', { name: 'Sao chép và mở để sửa' }).click();
    await coordinator.getByRole('heading', { level: 1, name: `Đợt khảo sát “${TITLE}”` }).waitFor();

    // Citizens by commune: the questionnaire's version 3, and the communes from the spreadsheet.
    const citizens = coordinator.getByRole('region', { name: 'Nhóm 5: Người dân, tổ chức (SIPAS)' });
    await citizens.getByLabel('Phiên bản bảng hỏi').selectOption('3');
    await citizens.getByLabel('Nhập các tầng từ tệp (.xlsx, .xls hoặc .csv)').setInputFiles({
      name: 'xa-phuong-quang-tri.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: communesWorkbook(),
    });
    await citizens.getByRole('button', { name: 'Đọc tệp' }).click();
    await citizens.getByRole('button', { name: 'Thay bằng các tầng trong tệp' }).click();
    await citizens.getByText('Đã thay bảng bằng 4 tầng từ tệp “xa-phuong-quang-tri.xlsx”.', { exact: false }).waitFor();
    await expect.poll(() => citizens.locator('tr[data-stratum]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-stratum')))).toEqual(COMMUNES.map(([v]) => v));
    await citizens.getByText('Chỉ tiêu của nhóm: 125 (tổng của 4 tầng)').waitFor();
    // A stratum of the campaign's own, which the questionnaire's list of communes lacks: citizens
    // served at the provincial one-stop centre. No new questionnaire version for it.
    await citizens.getByRole('button', { name: 'Thêm một tầng', exact: true }).click();
    const own = citizens.locator('tr[data-stratum]').last();
    await own.locator('select').first().selectOption({ label: 'Mã mới, không có trong danh sách…' });
    await own.locator('input[type="text"]').first().fill(CENTRE.value);
    await own.getByLabel(/^Tên tiếng Việt của tầng/).fill(CENTRE.vi);
    await own.getByLabel(/^Tên tiếng Anh của tầng/).fill(CENTRE.en);
    await own.getByLabel(/^Chỉ tiêu của tầng/).fill('15');
    await citizens.getByText('Chỉ tiêu của nhóm: 140 (tổng của 5 tầng)').waitFor();

    // No district leaders since the districts were abolished.
    const districts = coordinator.getByRole('region', { name: 'Nhóm 4: Lãnh đạo UBND cấp huyện' });
    await districts.getByRole('button', { name: 'Xoá nhóm “Lãnh đạo UBND cấp huyện”' }).click();
    await coordinator.getByRole('button', { name: 'Xoá nhóm này' }).click();
    await districts.waitFor({ state: 'detached' });

    await coordinator.getByRole('button', { name: 'Lưu', exact: true }).click();
    await coordinator.getByText('Đã lưu (lần lưu thứ 2). Các thiết bị nhận thay đổi ở lần đồng bộ tiếp theo.').waitFor();
    problems.push(...(await look(coordinator, 'coordinator-campaign-editor')));
    // The administrator's other pages: accounts, and the trail of what was just done.
    await coordinator.getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor();
    await coordinator.locator('tr[data-account]').filter({ hasText: account.username }).waitFor();
    problems.push(...(await look(coordinator, 'coordinator-accounts')));
    await coordinator.getByRole('link', { name: 'Nhật ký', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' }).waitFor();
    await coordinator.getByText('quang-tri-2026', { exact: false }).first().waitFor();
    // Codes and the changes' values are data, shown as they are.
    problems.push(...(await look(coordinator, 'coordinator-audit')));
    expect(problems).toEqual([]);

    // The tablet syncs once, then works with no network.
    const home = await new HomePage(tablet, origin).goto();
    await home.sync.syncNow();
    await home.sync.waitIdle();
    await s.context.setOffline(true);
    await tablet.reload();
    await home.ready();
    await home.sync.waitOffline();

    const start = await home.start(SIPAS);
    const planned = tablet.locator('select#stratum optgroup[label="Trong kế hoạch của đợt khảo sát"] option');
    await expect
      .poll(() => planned.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).sort()))
      .toEqual([...COMMUNES.map(([v]) => v), CENTRE.value].sort());
    await start.chooseStratum('xa-hoa-trach');
    await tablet.getByText('Chỉ tiêu “Xã Hòa Trạch”: 0/25.', { exact: false }).waitFor();
    const interview = await start.begin();
    // The stratum question is filled from the commune chosen, read-only.
    await expect.poll(() => interview.question('district').innerText()).toContain('Xã Hòa Trạch');
    // The campaign's own stratum, offline too, by the campaign's name.
    const second = await new HomePage(tablet, origin).goto();
    const centre = await second.start(SIPAS);
    await centre.chooseStratum(CENTRE.value);
    await tablet.getByText(`Chỉ tiêu “${CENTRE.vi}”: 0/15.`, { exact: false }).waitFor();
    const atCentre = await centre.begin();
    await expect.poll(() => atCentre.question('district').innerText()).toContain(CENTRE.vi);
    const drafts = (await deviceRecords(tablet)) as (DeviceRecord & { surveyVersion: number })[];
    expect(drafts.map((d) => [d.surveyVersion, d.stratum]).sort()).toEqual([
      [3, CENTRE.value],
      [3, 'xa-hoa-trach'],
    ]);
    expect(pageFaults(s.log)).toEqual([]);
  });
});
