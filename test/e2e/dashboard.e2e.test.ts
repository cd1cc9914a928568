/**
 * The coordinators' dashboard in Chromium against the real server. The coordinator logs
 * in with the account the server's first start created (the password it printed), interviews
 * arrive through the API from an enrolled device, and the dashboard shows them in their stratum
 * (a unit under its department, a group over quota), per enumerator and per day; the devices page lists the device and revokes it. axe-core checks
 * both pages.
 *
 * Two campaigns: the one running today (quang-tri-2026, by commune), shown by default, and the 2021
 * one (quang-binh-2021, by district), chosen on the dashboard. An interview counts towards the
 * campaign running on the day it was completed: the device sends interviews of today and of the
 * 2021 fieldwork, and each campaign shows its own.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Submission } from '../../src/contract';
import type { Campaign } from '../../src/survey';
import { completeAnswers, problemsOf, shippedDefinitions } from '../survey/answer-sets';
import { validSipasV2Submission } from '../server/fixtures';
import { officialsSubmission } from '../server/officials';
import { papiSubmission } from '../server/papi';
import { axeViolations, describeViolations, isSerious } from './axe';
import { diagnostics, openScenario, type Scenario, printedAccount } from './scenario';
import { pageFaults } from './harness';
import { enrolByApi, submitByApi } from './server-api';
import { ROOT } from './paths';
import { SIPAS_ID, SIPAS_VERSION, sipasSubmission } from './sipas';

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

/** The campaign running today (fieldwork 1 October – 31 December 2026): the dashboard's default. */
const CURRENT = JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'campaigns', 'quang-tri-2026.json'), 'utf8')) as Campaign;
/** The 2021 campaign, chosen on the dashboard; its interviews were completed during its fieldwork. */
const EARLIER = 'quang-binh-2021';
const IN_2021 = { startedAt: '2021-11-10T08:40:00.000+07:00', completedAt: '2021-11-10T09:00:00.000+07:00' };

/** An officials' interview of the questionnaire the current campaign assigns the group, every shown question answered. */
function officialNow(group: string, stratum: string): Submission {
  const { id, version } = CURRENT.groups.find((g) => g.id === group)!.questionnaire;
  const definition = shippedDefinitions().find((d) => d.definition.id === id && d.definition.version === version)!.definition;
  const complete = completeAnswers(definition);
  expect(problemsOf(definition, complete)).toEqual({});
  return {
    id: randomUUID(),
    surveyId: id,
    surveyVersion: version,
    respondentGroup: group,
    stratum,
    lang: 'vi',
    answers: Object.fromEntries(Object.entries(complete).filter(([, v]) => v !== undefined)) as Submission['answers'],
    // Set to today by `today`.
    startedAt: new Date().toISOString(),
    completedAt: new Date().toISOString(),
    sectionTimes: {},
  };
}

/** The figure (dd) of the overview tile labelled `label`. */
const figure = (page: Page, label: string) =>
  page.getByRole('region', { name: 'Tổng quan' }).getByText(label, { exact: true }).locator('xpath=following-sibling::dd').textContent();

async function checkAxe(page: Page, where: string): Promise<string[]> {
  const violations = await axeViolations(page);
  console.log(describeViolations(where, violations));
  return violations.filter(isSerious).map((v) => `${where}: [${v.impact}] ${v.id} (${v.nodes.map((n) => n.target).join(', ')})`);
}

describe('coordinators’ dashboard', () => {
  it('shows interviews that arrive in their stratum, per enumerator and per day, for the current campaign and a chosen earlier one; the devices page revokes', async () => {
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

    // Shown first: the campaign running today, whose plan adds up (81 = 22 + 59); its citizens are surveyed with the version the tablets start.
    expect(CURRENT.groups.find((g) => g.id === 'citizen')?.questionnaire).toEqual({ id: SIPAS_ID, version: SIPAS_VERSION });
    const chooser = page.getByLabel('Đợt khảo sát', { exact: true });
    expect(await chooser.inputValue()).toBe(CURRENT.id);
    await page.getByText(`Đợt khảo sát: ${CURRENT.title.vi}`).waitFor();
    expect(await page.getByText(/\(đang diễn ra\)/).count()).toBe(1);
    const report = page.getByRole('region', { name: 'Số liệu kế hoạch không khớp' });
    expect(await report.count()).toBe(0);
    const totals = page.getByRole('region', { name: 'Tổng quan' });
    expect(await totals.locator('dd').first().textContent()).toBe('0');
    const serious = await checkAxe(page, 'coordinator dashboard');

    // An enumerator's tablet sends interviews of today: citizens' (three in Xã Bố Trạch, one in
    // Phường Đồng Hới), three leaders of the Department of Home Affairs (one over its target of 2),
    // a unit leader's (a unit of that department) and a PAPI interview, a questionnaire no campaign
    // surveys. And, sent late, interviews of the 2021 fieldwork: citizens' (three in Bố Trạch, one in
    // Đồng Hới), 31 delegates' (one over the target of 30) and a unit leader's.
    const device = await enrolByApi(s, 'Nguyễn Thị Điều Tra');
    const now = [
      ...['xa-bo-trach', 'xa-bo-trach', 'xa-bo-trach', 'phuong-dong-hoi'].map((stratum, n) => sipasSubmission(n, stratum)),
      ...Array.from({ length: 3 }, () => officialNow('department-leader', 'noi-vu')),
      officialNow('unit-leader', 'thi-dua-khen-thuong'),
      papiSubmission(),
    ].map(today);
    const citizens2021 = ['bo-trach', 'bo-trach', 'bo-trach', 'dong-hoi'].map((stratum) => validSipasV2Submission({ stratum, ...IN_2021 }));
    const earlier = [...citizens2021, ...Array.from({ length: 31 }, () => officialsSubmission('delegate', undefined, IN_2021)), officialsSubmission('unit-leader', 'thi-dua-khen-thuong', IN_2021)];
    expect(await submitByApi(s, device.token, [...now, ...earlier])).toBe(200);
    expect(s.server.submissions()).toHaveLength(45);

    // The current campaign: today's 8 interviews in their communes and departments.
    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    await expect.poll(() => totals.locator('dd').first().textContent(), { timeout: 10_000 }).toBe('8');
    const citizens = page.getByRole('article', { name: 'Người dân, tổ chức' });
    expect(await citizens.getByRole('row', { name: /Xã Bố Trạch/ }).textContent()).toContain('3/30 (10%)');
    expect(await citizens.getByRole('row', { name: /Phường Đồng Hới/ }).textContent()).toContain('1/40 (3%)');
    expect(await citizens.getByRole('row', { name: /Xã Lệ Thủy/ }).textContent()).toContain('0/40 (0%)');
    expect(await citizens.getByRole('progressbar', { name: 'Xã Bố Trạch: đã nhận 3 trên chỉ tiêu 30' }).getAttribute('value')).toBe('3');
    const departments = page.getByRole('article', { name: /^Lãnh đạo cơ quan chuyên môn/ });
    const homeAffairsLeaders = departments.getByRole('row', { name: /Sở Nội vụ/ });
    expect(await homeAffairsLeaders.textContent()).toContain('3/2 (150%)');
    expect(await homeAffairsLeaders.locator('.badge.over').textContent()).toBe('Vượt 1');
    let units = page.getByRole('article', { name: /^Lãnh đạo đơn vị/ });
    let homeAffairs = units.locator('details.quota-parent', { has: page.locator('summary', { hasText: 'Sở Nội vụ' }) });
    expect(await homeAffairs.locator('summary').textContent()).toContain('1/6 (17%)');
    await homeAffairs.locator('summary').click();
    expect(await homeAffairs.getByRole('row', { name: /Thi đua/ }).textContent()).toContain('Đủ');
    expect(await figure(page, 'Phiếu hôm nay')).toBe('8');
    expect(await figure(page, 'Vượt chỉ tiêu')).toBe('1');
    // The PAPI interview is counted apart from the campaign's, named by its questionnaire; the 2021 ones too.
    expect(await figure(page, 'Phiếu ngoài mọi đợt khảo sát')).toBe('1');
    expect(await totals.getByRole('listitem').filter({ hasText: 'Phiếu ngoài mọi đợt khảo sát' }).textContent()).toContain('(theo cách tiếp cận PAPI): 1');
    expect(await figure(page, 'Phiếu của các đợt khảo sát khác')).toBe('36');
    const enumerators = page.getByRole('region', { name: 'Số phiếu theo điều tra viên' });
    const enumerator = enumerators.getByRole('row', { name: /Nguyễn Thị Điều Tra/ });
    expect((await enumerator.locator('td').allTextContents()).slice(0, 3)).toEqual(['8', '1', '1']); // the campaign's, PAPI, one device
    expect(await page.getByRole('region', { name: 'Số phiếu theo ngày' }).locator('svg rect.bar').count()).toBe(1);
    expect(await page.getByText(/^Cập nhật lúc \d\d:\d\d$/).count()).toBe(1);

    // The export links download with the session cookie; the citizens' first is the version the campaign assigns.
    const exports = page.getByRole('region', { name: 'Xuất dữ liệu' });
    const csvOf = async (href: string) => (await page.evaluate(async (h) => (await fetch(h)).text(), href)).trim().split('\n');
    let csvHref = await exports.getByRole('row', { name: /sự hài lòng/i }).getByRole('link').first().getAttribute('href');
    expect(csvHref).toBe(`/api/coordinator/exports/sipas-citizen/${SIPAS_VERSION}.csv`);
    expect(await csvOf(csvHref!)).toHaveLength(5); // a header and today's four interviews
    const papiHref = await exports.getByRole('row', { name: /PAPI/ }).getByRole('link').first().getAttribute('href');
    expect(papiHref).toBe('/api/coordinator/exports/papi-citizen/1.csv');
    expect(await csvOf(papiHref!)).toHaveLength(2);

    // The 2021 campaign, chosen: its plan's figures disagree, and the interviews of its fieldwork show in its districts.
    await chooser.selectOption(EARLIER);
    await report.waitFor();
    expect(await report.textContent()).toContain('Kế hoạch ghi 169 phiếu nhưng các nhóm cộng lại 199');
    expect(await page.getByText(/\(đã kết thúc\)/).count()).toBe(1);
    await expect.poll(() => totals.locator('dd').first().textContent(), { timeout: 10_000 }).toBe('36');
    const citizens2021View = page.getByRole('article', { name: 'Người dân, tổ chức' });
    expect(await citizens2021View.getByRole('row', { name: /Huyện Bố Trạch/ }).textContent()).toContain('3/81 (4%)');
    expect(await citizens2021View.getByRole('row', { name: /Thành phố Đồng Hới/ }).textContent()).toContain('1/60 (2%)');
    expect(await citizens2021View.getByRole('row', { name: /Huyện Lệ Thủy/ }).textContent()).toContain('0/63 (0%)');
    expect(await citizens2021View.getByRole('progressbar', { name: 'Huyện Bố Trạch: đã nhận 3 trên chỉ tiêu 81' }).getAttribute('value')).toBe('3');
    const delegates = page.getByRole('article', { name: 'Đại biểu HĐND tỉnh' });
    expect(await delegates.textContent()).toContain('31/30 (103%)');
    expect(await delegates.locator('.badge.over').first().textContent()).toBe('Vượt 1');
    units = page.getByRole('article', { name: /^Lãnh đạo đơn vị/ });
    homeAffairs = units.locator('details.quota-parent', { has: page.locator('summary', { hasText: 'Sở Nội vụ' }) });
    expect(await homeAffairs.locator('summary').textContent()).toContain('1/5 (20%)');
    // The department opened above may stay open across the change of campaign: opened if it is not.
    if (!(await homeAffairs.evaluate((d) => (d as HTMLDetailsElement).open))) await homeAffairs.locator('summary').click();
    expect(await homeAffairs.getByRole('row', { name: /Thi đua/ }).textContent()).toContain('Đủ');
    expect(await figure(page, 'Phiếu hôm nay')).toBe('0'); // completed in November 2021
    expect(await figure(page, 'Vượt chỉ tiêu')).toBe('1');
    expect(await figure(page, 'Phiếu ngoài mọi đợt khảo sát')).toBe('1');
    expect(await figure(page, 'Phiếu của các đợt khảo sát khác')).toBe('8');
    expect((await enumerator.locator('td').allTextContents()).slice(0, 3)).toEqual(['36', '1', '1']);
    expect(await page.getByRole('region', { name: 'Số phiếu theo ngày' }).locator('svg rect.bar').count()).toBe(1);
    csvHref = await exports.getByRole('row', { name: /sự hài lòng/i }).getByRole('link').first().getAttribute('href');
    expect(csvHref).toBe('/api/coordinator/exports/sipas-citizen/2.csv'); // the version this campaign assigns
    expect(await csvOf(csvHref!)).toHaveLength(5); // a header and the four interviews of 2021
    serious.push(...(await checkAxe(page, 'coordinator dashboard, 2021 campaign')));

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
