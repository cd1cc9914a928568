/**
 * A questionnaire made in a spreadsheet, from upload to a tablet, in Chromium against
 * the real server. A tablet is enrolled while the questionnaire does not exist yet. The coordinator
 * uploads the example XLSForm with a mistake (a condition naming a question that is not there) and
 * sees it located by sheet, row and column; uploads it fixed; previews it (the province → commune
 * cascade); publishes it. The tablet syncs, goes offline, starts the new questionnaire with no
 * network, answers it (the commune list follows the province; the age constraint holds), and once
 * back online the interview is stored on the server under the new questionnaire.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { installAndEnrol } from './flows';
import { pageFaults } from './harness';
import { look } from './look';
import { HomePage } from './pages';
import { ROOT } from './paths';
import { openScenario, printedAccount, type Scenario } from './scenario';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const EXAMPLE = join(ROOT, 'examples/xlsform/khao-sat-mau.xlsx');
const TITLE = 'Khảo sát mẫu: sự hài lòng của người dân với dịch vụ hành chính công cấp xã';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The example with the `relevant` of question `name` replaced; its row number as the spreadsheet shows it. */
function exampleWith(name: string, relevant: string): { bytes: Buffer; row: number } {
  const book = XLSX.read(readFileSync(EXAMPLE), { type: 'buffer' });
  const survey = book.Sheets.survey!;
  const rows = XLSX.utils.sheet_to_json<string[]>(survey, { header: 1, defval: '' });
  const column = rows[0]!.indexOf('relevant');
  const index = rows.findIndex((r) => r[1] === name);
  if (column < 0 || index < 0) throw new Error(`no ${name} or relevant column in the example`);
  XLSX.utils.sheet_add_aoa(survey, [[relevant]], { origin: { r: index, c: column } });
  return { bytes: XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer, row: index + 1 };
}

/** The file's own sheet names ("survey") are shown as they are, on either page. */
const SHEET_NAMES = ['English on a Vietnamese page: survey'];

async function upload(page: Page, bytes: Buffer): Promise<void> {
  await page.getByLabel('Tệp bảng hỏi (.xlsx, .xls hoặc .json)').setInputFiles({ name: 'khao-sat-mau.xlsx', mimeType: XLSX_TYPE, buffer: bytes });
  await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
}

/** The values a question's dropdown offers (its empty choice aside). */
const offered = (page: Page, question: string) =>
  page.locator(`[data-question="${question}"] select option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter((v) => v !== ''));

describe('a questionnaire made in a spreadsheet', () => {
  it('is refused with its mistake located, fixed, previewed, published, and started offline on a tablet that synced', async () => {
    s = await openScenario('questionnaires', inject('builds').v1);
    const { url: origin } = s.server;
    const account = printedAccount(s.server.output());
    await s.launch();

    // A tablet in the field since before the questionnaire existed.
    const tablet = await s.page();
    await installAndEnrol(s, tablet, 'Điều tra viên Lai Châu');

    const coordinator = await s.newPage();
    await coordinator.goto(`${origin}/coordinator/questionnaires`);
    await coordinator.getByLabel('Tên đăng nhập').fill(account.username);
    await coordinator.getByLabel('Mật khẩu').fill(account.password);
    await coordinator.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Bảng hỏi' }).waitFor();

    // A typo in a condition: refused, located, nothing saved.
    const broken = exampleWith('khong_danh_gia', "${da_lam_thu_tucc} = 'khong'");
    await upload(coordinator, broken.bytes);
    await coordinator.getByRole('heading', { name: 'Tệp “khao-sat-mau.xlsx” chưa được nhận' }).waitFor();
    const problem = coordinator.getByRole('row').filter({ hasText: 'da_lam_thu_tucc' });
    const cells = (await problem.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(cells.slice(0, 3)).toEqual(['survey', String(broken.row), 'relevant']);
    expect(cells[3]).toContain('biểu mẫu không có câu hỏi nào tên');
    expect(await coordinator.getByText('Chưa có bản nháp nào.').count()).toBe(1);
    const problems = await look(coordinator, 'coordinator-questionnaires-refused', SHEET_NAMES);

    // Fixed: the example as shipped becomes a draft.
    await upload(coordinator, readFileSync(EXAMPLE));
    await coordinator.getByRole('heading', { name: `Đã lưu bản nháp “${TITLE}”` }).waitFor();

    // The preview is the tablets' form: the communes follow the province; nothing is stored.
    await coordinator.getByRole('button', { name: `Xem thử “${TITLE}” phiên bản 1` }).click();
    const preview = coordinator.locator('.questionnaire-preview');
    await preview.locator('[data-question="tinh"]').waitFor();
    await preview.locator('[data-question="tinh"] label').filter({ hasText: 'Tỉnh Quảng Trị' }).click();
    await expect.poll(() => offered(coordinator, 'xa')).toContain('xa_vinh_linh');
    expect(await offered(coordinator, 'xa')).not.toContain('phuong_doan_ket');
    problems.push(...(await look(coordinator, 'coordinator-questionnaires-preview', SHEET_NAMES)));
    expect(problems).toEqual([]);

    await coordinator.getByRole('button', { name: `Xuất bản “${TITLE}” phiên bản 1` }).click();
    await coordinator.getByRole('button', { name: 'Xuất bản phiên bản này', exact: true }).click();
    await coordinator.getByText(`Đã xuất bản “${TITLE}” phiên bản 1.`).waitFor();

    // The tablet syncs once, then works with no network.
    const home = await new HomePage(tablet, origin).goto();
    await home.sync.syncNow();
    await home.sync.waitIdle();
    await tablet.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    await s.context.setOffline(true);
    await tablet.reload();
    await home.ready();
    await home.sync.waitOffline();

    const interview = await (await home.start(TITLE)).begin();
    expect(await interview.sectionTitle()).toBe('Thông tin chung');
    await interview.answer('tinh', 'lai_chau');
    await expect.poll(() => offered(tablet, 'xa')).toContain('phuong_doan_ket');
    expect(await offered(tablet, 'xa')).not.toContain('xa_vinh_linh');
    await interview.answerAll([
      ['xa', 'phuong_doan_ket'],
      ['tuoi', 17],
      ['gioi_tinh', 'nu'],
    ]);
    await tablet.getByRole('button', { name: 'Tiếp theo →', exact: true }).click();
    await interview.question('tuoi').getByText('Tuổi phải từ 18 đến 100.').waitFor();
    await interview.answer('tuoi', 45);
    expect(await interview.next()).toBe('Thủ tục hành chính đã thực hiện');
    await interview.answer('da_lam_thu_tuc', 'khong');
    await interview.finish();
    await home.ready();
    await home.sync.waitPending(1);

    await s.context.setOffline(false);
    await home.sync.waitAllSent(30_000);
    const stored = s.server.submissions();
    expect(stored.map((r) => [r.surveyId, r.surveyVersion])).toEqual([['khao-sat-mau', 1]]);
    expect(stored[0]!.answers).toMatchObject({ tinh: 'lai_chau', xa: 'phuong_doan_ket', tuoi: 45, gioi_tinh: 'nu', da_lam_thu_tuc: 'khong' });
    expect(pageFaults(s.log)).toEqual([]);
  });
});
