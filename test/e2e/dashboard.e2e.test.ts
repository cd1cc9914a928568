/**
 * Issue 5: the coordinators' dashboard in Chromium against the real server. The coordinator logs
 * in with the account the server's first start created (the password it printed), interviews
 * arrive through the API from an enrolled device, and the dashboard shows them in their stratum
 * (a unit under its department, a group over quota), per enumerator and per day; the devices page lists the device and revokes it. axe-core checks
 * both pages.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Submission } from '../../src/contract';
import { validSipasV2Submission } from '../server/fixtures';
import { officialsSubmission } from '../server/officials';
import { papiSubmission } from '../server/papi';
import { axeViolations, describeViolations, isSerious } from './axe';
import { diagnostics, openScenario, type Scenario, printedAccount } from './scenario';
import { pageFaults } from './harness';
import { enrolByApi, submitByApi } from './server-api';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/**
 * Completed in the last minutes, and never before today's midnight in Vietnam (UTC+7), so they
 * count today whatever time the test runs.
 */
function today<T extends Submission>(item: T, i: number): T {
  const now = Date.now();
  const hour = 3_600_000;
  const midnight = Math.floor((now + 7 * hour) / (24 * hour)) * 24 * hour - 7 * hour;
  const completed = Math.min(now, Math.max(now - i * 60_000, midnight + (i + 1) * 1000));
  return { ...item, startedAt: new Date(completed - 20 * 60_000).toISOString(), completedAt: new Date(completed).toISOString() };
}

async function checkAxe(page: Page, where: string): Promise<string[]> {
  const violations = await axeViolations(page);
  console.log(describeViolations(where, violations));
  return violations.filter(isSerious).map((v) => `${where}: [${v.impact}] ${v.id} (${v.nodes.map((n) => n.target).join(', ')})`);
}

describe('coordinators’ dashboard', () => {
  it('shows interviews that arrive in their stratum, per enumerator and per day; the devices page revokes', async () => {
    s = await openScenario('dashboard', inject('builds').v1);
    onTestFailed(() => console.error(diagnostics(s)));
    const account = printedAccount(s.server.output());
    await s.launch();
    const page = await s.page();

    await page.goto(`${s.server.url}/coordinator`);
    await page.getByRole('heading', { name: 'Đăng nhập điều phối viên' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill(account.username);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
    await page.getByLabel('Mật khẩu').fill(account.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Tiến độ khảo sát' }).waitFor();

    const report = page.getByRole('region', { name: 'Số liệu kế hoạch không khớp' });
    expect(await report.textContent()).toContain('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    const totals = page.getByRole('region', { name: 'Tổng quan' });
    expect(await totals.locator('dd').first().textContent()).toBe('0');
    const serious = await checkAxe(page, 'coordinator dashboard');

    // An enumerator's tablet sends citizens' interviews (three in Bố Trạch, one in Đồng Hới), 31
    // delegates' (one over the target of 30), a unit leader's (a unit of the Department of Home Affairs)
    // and a PAPI interview, a questionnaire no campaign surveys.
    const device = await enrolByApi(s, 'Nguyễn Thị Điều Tra');
    const citizensSent = ['bo-trach', 'bo-trach', 'bo-trach', 'dong-hoi'].map((stratum) => validSipasV2Submission({ stratum }));
    const delegatesSent = Array.from({ length: 31 }, () => officialsSubmission('delegate'));
    const items = [...citizensSent, ...delegatesSent, officialsSubmission('unit-leader', 'thi-dua-khen-thuong'), papiSubmission()].map(today);
    expect(await submitByApi(s, device.token, items)).toBe(200);
    expect(s.server.submissions()).toHaveLength(37);

    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    await expect.poll(() => totals.locator('dd').first().textContent(), { timeout: 10_000 }).toBe('36');
    const citizens = page.getByRole('article', { name: 'Người dân, tổ chức' });
    expect(await citizens.getByRole('row', { name: /Huyện Bố Trạch/ }).textContent()).toContain('3/81 (4%)');
    expect(await citizens.getByRole('row', { name: /Thành phố Đồng Hới/ }).textContent()).toContain('1/60 (2%)');
    expect(await citizens.getByRole('row', { name: /Huyện Lệ Thủy/ }).textContent()).toContain('0/63 (0%)');
    expect(await citizens.getByRole('progressbar', { name: 'Huyện Bố Trạch: đã nhận 3 trên chỉ tiêu 81' }).getAttribute('value')).toBe('3');
    const delegates = page.getByRole('article', { name: 'Đại biểu HĐND tỉnh' });
    expect(await delegates.textContent()).toContain('31/30 (103%)');
    expect(await delegates.locator('.badge.over').first().textContent()).toBe('Vượt 1');
    const units = page.getByRole('article', { name: /^Lãnh đạo đơn vị/ });
    const homeAffairs = units.locator('details.quota-parent', { has: page.locator('summary', { hasText: 'Sở Nội vụ' }) });
    expect(await homeAffairs.locator('summary').textContent()).toContain('1/5 (20%)');
    await homeAffairs.locator('summary').click();
    expect(await homeAffairs.getByRole('row', { name: /Thi đua/ }).textContent()).toContain('Đủ');
    expect(await totals.getByText('Phiếu hôm nay').locator('xpath=following-sibling::dd').textContent()).toBe('36');
    expect(await totals.getByText('Vượt chỉ tiêu').locator('xpath=following-sibling::dd').textContent()).toBe('1');
    // The PAPI interview is counted apart from the campaign's, named by its questionnaire.
    expect(await totals.getByText('Phiếu ngoài mọi đợt khảo sát', { exact: true }).locator('xpath=following-sibling::dd').textContent()).toBe('1');
    expect(await totals.getByRole('listitem').filter({ hasText: 'Phiếu ngoài mọi đợt khảo sát' }).textContent()).toContain('(theo cách tiếp cận PAPI): 1');
    const enumerators = page.getByRole('region', { name: 'Số phiếu theo điều tra viên' });
    const enumerator = enumerators.getByRole('row', { name: /Nguyễn Thị Điều Tra/ });
    expect((await enumerator.locator('td').allTextContents()).slice(0, 3)).toEqual(['36', '1', '1']); // the campaign's, PAPI, one device
    expect(await page.getByRole('region', { name: 'Số phiếu theo ngày' }).locator('svg rect.bar').count()).toBe(1);
    expect(await page.getByText(/^Cập nhật lúc \d\d:\d\d$/).count()).toBe(1);

    // The export links download with the session cookie.
    const exports = page.getByRole('region', { name: 'Xuất dữ liệu' });
    const csvHref = await exports.getByRole('row', { name: /sự hài lòng/i }).getByRole('link').first().getAttribute('href');
    expect(csvHref).toBe('/api/coordinator/exports/sipas-citizen/2.csv'); // the version the campaign assigns
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), csvHref!);
    expect(csv.trim().split('\n')).toHaveLength(5); // a header and the four interviews
    const papiHref = await exports.getByRole('row', { name: /PAPI/ }).getByRole('link').first().getAttribute('href');
    expect(papiHref).toBe('/api/coordinator/exports/papi-citizen/1.csv');
    const papiCsv = await page.evaluate(async (href) => (await fetch(href)).text(), papiHref!);
    expect(papiCsv.trim().split('\n')).toHaveLength(2);

    // Devices: the enumerator's tablet is listed; revoking it (after confirming) stops its token.
    await page.getByRole('navigation', { name: 'Trang điều phối' }).getByRole('link', { name: 'Thiết bị' }).click();
    await page.getByRole('heading', { name: 'Thiết bị của điều tra viên' }).waitFor();
    const row = page.getByRole('row', { name: /Nguyễn Thị Điều Tra/ });
    expect(await row.textContent()).toContain('Máy tính bảng thử');
    serious.push(...(await checkAxe(page, 'coordinator devices')));
    await row.getByRole('button', { name: 'Thu hồi thiết bị Nguyễn Thị Điều Tra' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Thu hồi thiết bị', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thu hồi thiết bị “Nguyễn Thị Điều Tra”.' }).waitFor();
    await row.getByText(/Đã thu hồi lúc/).waitFor();
    const refused = await fetch(`${s.server.url}/api/quota`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(refused.status).toBe(401);

    expect(pageFaults(s.log)).toEqual([]);
    expect(serious).toEqual([]);
  });
});
