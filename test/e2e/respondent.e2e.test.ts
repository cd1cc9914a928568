/**
 * A respondent fills the questionnaire from a link, in Chromium against the real server. A
 * coordinator creates a single-use link on the Links page (QR code shown); the respondent opens
 * it on a phone (no account, no enrolment) on a welcome saying who runs the survey, why, how long
 * it takes and what is kept, starts, answers part of the questionnaire, loses the connection,
 * reloads (offered to continue; the draft is restored from the device), finishes offline and
 * submits (the queued message stays); back online the answers go by themselves: exactly one
 * interview on the server, marked self-administered, and the link then opens on the
 * already-answered page.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { deviceOutbox, deviceRecords } from './device-db';
import { waitForServiceWorker, pageFaults } from './harness';
import { createCitizenLink, LINK_STRATUM } from './flows';
import { RespondentPage } from './pages';
import { openScenario, type Scenario, printedAccount } from './scenario';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** How the server stored each interview (read-only look into its SQLite file). */
function storedModes(dataDir: string): { id: string; mode: string; link_id: string | null; respondent_group: string; stratum: string | null }[] {
  const db = new Database(join(dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select id, mode, link_id, respondent_group, stratum from submissions').all() as ReturnType<typeof storedModes>;
  } finally {
    db.close();
  }
}

describe('a respondent’s link', () => {
  it('keeps the answers through a lost connection and a reload, queues the offline submit and stores exactly one self-administered interview', async () => {
    s = await openScenario('respondent', inject('builds').v1);
    const { url: origin } = s.server;
    const account = printedAccount(s.server.output());
    await s.launch();

    // The coordinator creates one single-use link for citizens of Phường Đồng Hới, in the current campaign (Quảng Trị 2026).
    const coordinator = await s.page();
    await createCitizenLink(coordinator, origin, account);
    const issued = coordinator.getByRole('region', { name: 'Đã tạo 1 đường dẫn' });
    const card = issued.locator('li.link-card');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.getByRole('img').locator('svg path').count()).toBe(1);
    const link = (await card.locator('.link-card-url').innerText()).trim();
    expect(link).toMatch(new RegExp(`^${origin}/r/[0-9a-z]{26}$`));
    const token = link.split('/').pop()!;
    const linkId = (await card.getAttribute('data-link'))!;
    const row = coordinator.locator(`tr[data-link="${linkId}"]`);
    await row.getByText('Chưa mở', { exact: true }).waitFor();

    // The respondent opens the link on a phone: a welcome first, in plain words, that fits the screen.
    const page = await s.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const respondent = await new RespondentPage(page).goto(link);
    await respondent.welcome().waitFor();
    expect(await respondent.context()).toBe(`Phiếu dành cho: Người dân, tổ chức tại ${LINK_STRATUM.label}`);
    const facts = await respondent.welcomeFacts();
    expect(Object.keys(facts)).toEqual(['Cơ quan tổ chức', 'Mục đích', 'Thời gian', 'Không ghi danh tính', 'Sử dụng kết quả']);
    // The campaign's organiser and purpose, from the province's plan, through the link's reply.
    expect(facts['Cơ quan tổ chức']).toMatch(/^Ủy ban nhân dân tỉnh Quảng Trị/);
    expect(facts['Mục đích']).toContain('Chỉ số cải cách hành chính');
    expect(facts['Thời gian']).toMatch(/^Khoảng \d+ câu hỏi, mất khoảng \d+ phút\./);
    expect(facts['Không ghi danh tính']).toContain(`(Người dân, tổ chức tại ${LINK_STRATUM.label})`);
    expect(await respondent.overflow()).toEqual([]);
    expect(await page.locator('.device-link').count()).toBe(0); // no enumerator chrome
    expect(await deviceRecords(page)).toEqual([]); // nothing started yet
    await waitForServiceWorker(page);

    // "Bắt đầu trả lời": the questionnaire, with the group and stratum already set.
    await respondent.start();
    expect(await respondent.context()).toContain(LINK_STRATUM.label);

    // Part of the questionnaire: the first section, and two questions of the second.
    await respondent.answerShown();
    await respondent.next();
    const secondSection = await respondent.sectionTitle();
    const partial = await respondent.answerShown(2);
    expect(partial).toHaveLength(2);
    const [draft] = await deviceRecords(page);
    expect(draft).toMatchObject({ status: 'draft', stratum: LINK_STRATUM.value });
    await expect.poll(async () => Object.keys((await deviceRecords(page))[0]?.answers ?? {}).filter((k) => partial.includes(k)).length, { timeout: 10_000 }).toBe(2);
    const before = (await deviceRecords(page))[0]!.answers;

    // The connection drops; the page is reloaded: the app and the draft come from the device, offered to continue.
    await s.context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await respondent.resume();
    expect(await respondent.sectionTitle()).toBe(secondSection);
    for (const id of partial) expect(await respondent.answered(id), id).toBe(true);
    expect((await deviceRecords(page)).map((r) => r.id)).toEqual([draft!.id]);
    expect((await deviceRecords(page))[0]!.answers).toEqual(before);

    // Finished and submitted offline: queued, with a message that stays.
    await respondent.finishAll();
    const queued = respondent.status('queued');
    await queued.getByText('Câu trả lời đã được lưu trên máy và sẽ tự gửi khi có kết nối.', { exact: true }).waitFor();
    await queued.getByText('Hiện máy chưa có kết nối mạng.', { exact: true }).waitFor();
    expect(await deviceOutbox(page)).toEqual([expect.objectContaining({ id: draft!.id, state: 'pending' })]);
    await page.waitForTimeout(1_000);
    expect(await queued.isVisible()).toBe(true);
    expect(s.server.submissions()).toEqual([]);

    // Back online: sent by itself.
    await s.context.setOffline(false);
    await respondent.heading('Cảm ơn Ông/Bà!').waitFor({ timeout: 30_000 });
    expect(await deviceOutbox(page)).toEqual([]);
    const stored = s.server.submissions();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: draft!.id, surveyId: 'sipas-citizen', surveyVersion: 3, respondentGroup: 'citizen', stratum: LINK_STRATUM.value, lang: 'vi' });
    expect(storedModes(s.server.dataDir)).toEqual([{ id: draft!.id, mode: 'self', link_id: linkId, respondent_group: 'citizen', stratum: LINK_STRATUM.value }]);

    // Opening the link again: already answered, nothing new stored; another device is told the link was used.
    await respondent.goto(link);
    await respondent.heading('Ông/Bà đã trả lời phiếu này').waitFor();
    expect(s.server.submissions()).toHaveLength(1);
    const elsewhere = await fetch(`${origin}/api/links/${token}`);
    expect(elsewhere.status).toBe(410);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('link_used');

    // The coordinator sees the link completed.
    await coordinator.reload();
    await coordinator.locator(`tr[data-link="${linkId}"]`).getByText('Đã trả lời', { exact: true }).waitFor();
    expect(pageFaults(s.log)).toEqual([]);
  });
});
