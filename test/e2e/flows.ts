/** Steps several scenarios share, through the UI only. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForServiceWorker } from './harness';
import { DevicePage, HomePage, type InterviewPage } from './pages';
import type { Scenario } from './scenario';
import { SIPAS_TITLE, sectionTitle, sipasAnswers } from './sipas';

/**
 * Online, on a fresh profile: opens the app, enrols the device with a code from the coordinator's
 * CLI, and waits until the service worker has precached the app and controls the page.
 */
export async function installAndEnrol(s: Scenario, page: Page, deviceName: string): Promise<void> {
  await new HomePage(page, s.server.url).goto();
  const code = await s.server.issueCode(deviceName);
  const device = await new DevicePage(page, s.server.url).goto();
  await device.enrol(code, deviceName);
  await waitForServiceWorker(page);
}

/** Starts the n-th citizens' interview from the home screen. */
export async function startSipas(home: HomePage, n = 0): Promise<InterviewPage> {
  const start = await home.start(SIPAS_TITLE);
  await start.chooseStratum(sipasAnswers(n).stratum);
  return start.begin();
}

/** Fills every section of the n-th citizens' interview and completes it; back on the home screen. */
export async function completeSipas(home: HomePage, n = 0): Promise<string> {
  const interview = await startSipas(home, n);
  const { sections } = sipasAnswers(n);
  for (const [i, [sectionId, answers]] of sections.entries()) {
    expect(await interview.sectionTitle()).toBe(sectionTitle(sectionId));
    await interview.answerAll(answers);
    if (i < sections.length - 1) await interview.next();
  }
  await interview.finish();
  await home.ready();
  return interview.id;
}

/** The stratum of the links scenarios create: a ward in the current campaign's plan (quang-tri-2026). */
export const LINK_STRATUM = { value: 'phuong-dong-hoi', label: 'Phường Đồng Hới' } as const;

/**
 * On the coordinators' Links page (it creates links in the current campaign: Quảng Trị 2026): logs
 * in with `account` and creates one single-use link for citizens of Phường Đồng Hới (the page then
 * shows it once, with its QR code).
 */
export async function createCitizenLink(coordinator: Page, origin: string, account: { username: string; password: string }): Promise<void> {
  await coordinator.goto(`${origin}/coordinator/links`);
  await coordinator.getByLabel('Tên đăng nhập').fill(account.username);
  await coordinator.getByLabel('Mật khẩu').fill(account.password);
  await coordinator.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await coordinator.getByRole('heading', { level: 1, name: 'Đường dẫn cho người tự trả lời' }).waitFor();
  const form = coordinator.getByRole('region', { name: 'Tạo đường dẫn' });
  await form.getByLabel('Nhóm đối tượng').selectOption('citizen');
  await form.getByText(/^Đợt khảo sát: .*Quảng Trị năm 2026$/).waitFor();
  await form.getByLabel('Địa bàn / đơn vị').selectOption(LINK_STRATUM.value);
  await form.getByRole('button', { name: 'Tạo đường dẫn' }).click();
}
