/**
 * Every screen of every role, in Chromium at a phone's 390 px, a tablet's 800 px and a desktop's
 * 1280 px, in Vietnamese and English: no sideways page scroll, no control or text outside its box,
 * header labels on one line, no English or internal ids on Vietnamese pages (`layout.ts`). Every
 * section of every shipped questionnaire is walked with answers (`walk.ts`), so every question's
 * inputs are looked at. A screenshot of each look is written to test-results/screens/ for a person
 * to look at.
 *
 * The data behind the coordinators' pages comes through the product: the tablet completes one
 * interview of each questionnaire and sends it, the device is enrolled again (same enumerator),
 * respondent links are created on the Links page and one is answered.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { pageFaults } from './harness';
import { layoutProblems } from './layout';
import { HomePage, type InterviewPage } from './pages';
import { SIPAS_TITLE, sipasSubmission } from './sipas';
import { ROOT } from './paths';
import { openScenario, printedAccount, type Scenario } from './scenario';
import { createCitizenLink, installAndEnrol } from './flows';
import { answerShown, revealingChoices, type Condition } from './walk';
import { enrolByApi, submitByApi } from './server-api';

const WIDTHS = [390, 800, 1280] as const;
const LANGS = ['vi', 'en'] as const;
const SHOTS = join(ROOT, 'test-results', 'screens');
const PAPI_TITLE = (JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'papi-citizen.json'), 'utf8')) as { title: { vi: string } }).title.vi;

/** The shipped questionnaires' ids: never shown to a person. */
const DEFINITIONS = readdirSync(join(ROOT, 'survey-definitions'))
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(join(ROOT, 'survey-definitions', f), 'utf8')) as { id: string; version: number; title: { vi: string }; sections: { questions: { id: string; visibleIf?: Condition }[] }[] });
const SURVEY_IDS = [...new Set(DEFINITIONS.map((d) => d.id))];
/** "title id" of every question the walk showed. */
const seen = new Set<string>();

let s: Scenario | undefined;
afterEach(async () => {
  if (found.length > 0) console.error(`layout problems:\n  ${found.join('\n  ')}`);
  found.length = 0;
  if (headerHeights.length > 0) {
    const tops = headerHeights.map((h) => h.top);
    const lowest = headerHeights.find((h) => h.top === Math.max(...tops))!;
    const heads = headerHeights.map((h) => h.head);
    console.log(
      `on a 390 px phone the headers end at ${Math.min(...heads)}–${Math.max(...heads)} px; the first question (after the section's title and introduction) starts at ${Math.min(...tops)}–${lowest.top} px (lowest: ${lowest.name})`,
    );
  }
  headerHeights.length = 0;
  await s?.close();
  s = undefined;
});

const found: string[] = [];
/** Where the first question starts on a phone, per page looked at (printed: a figure, not a verdict). */
const headerHeights: { name: string; top: number; head: number }[] = [];

async function setLang(page: Page, lang: 'vi' | 'en'): Promise<void> {
  const button = page.locator(`.lang-switch button[lang="${lang}"]`).first();
  if ((await button.count()) > 0) {
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await page.waitForFunction((l) => document.querySelector(`.lang-switch button[lang="${l}"]`)?.getAttribute('aria-pressed') === 'true', lang);
  } else {
    await page.evaluate((l) => localStorage.setItem('governance-survey.lang', l), lang);
  }
}

/** Looks at the page at each width and language; writes screenshots; collects the problems. */
async function look(page: Page, name: string, options: { langs?: readonly ('vi' | 'en')[] } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const lang of options.langs ?? LANGS) {
    await setLang(page, lang);
    // What folds away is looked at open.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : width === 800 ? 1280 : 900 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const problems = await layoutProblems(page, { lang, forbidden: SURVEY_IDS });
      // How far down a phone's screen the headers push an interview's first question: printed.
      if (width === 390) {
        const at = await page.evaluate(() => {
          const q = document.querySelector('form.section-page [data-question]');
          const form = document.querySelector('form.section-page');
          const y = (el: Element) => Math.round(el.getBoundingClientRect().top + window.scrollY);
          return q && form ? { top: y(q), head: y(form) } : null;
        });
        if (at) headerHeights.push({ name: `${name} ${lang}`, ...at });
      }
      for (const p of problems) found.push(`${name} ${lang} ${width}: ${p}`);
      // From the top, as the page opens: taken scrolled (after answering), a full-page shot draws
      // the sticky progress bar where it stood in the scrolled window, over a question.
      await page.evaluate(() => new Promise((r) => (window.scrollTo(0, 0), requestAnimationFrame(() => requestAnimationFrame(r)))));
      await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await setLang(page, 'vi');
}

/** Answers every section of the questionnaire started (looking at each when `name` is given) and completes it. */
async function walkInterview(page: Page, interview: InterviewPage, name?: string, key = '', reveal?: ReadonlyMap<string, string>): Promise<void> {
  for (let section = 0; section < 60; section++) {
    for (const id of await answerShown(page, 'first', reveal)) seen.add(`${key} ${id}`);
    if (name) await look(page, `${name}-${section}`);
    const next = page.getByRole('button', { name: 'Tiếp theo →', exact: true });
    if ((await next.count()) === 0) break;
    const before = await interview.sectionTitle();
    await next.click();
    await page.waitForFunction((t) => document.querySelector('form.section-page h2')?.textContent?.trim() !== t, before, { timeout: 5_000 }).catch(async () => {
      const errors = await page.locator('form.section-page .error').allInnerTexts();
      throw new Error(`section “${before}” does not go on: ${errors.join(' | ')}`);
    });
  }
  await interview.finish();
}

/** Starts the questionnaire titled `title` from home, in the first stratum offered. */
async function begin(home: HomePage, title: string, name?: string): Promise<InterviewPage> {
  const start = await home.start(title);
  if (name) await look(start.page, name);
  const strata = start.page.locator('select#stratum');
  if ((await strata.count()) > 0) await strata.selectOption({ index: 1 });
  return start.begin();
}

describe('every screen on a phone, a tablet and a desktop, in both languages', () => {
  it('the enumerator’s: enrolment, home, every start page and every section of every questionnaire', { timeout: 30 * 60_000 }, async () => {
    s = await openScenario('screens-tablet', inject('builds').v1);
    await s.launch();
    const page = await s.page();
    const origin = s.server.url;

    await page.goto(`${origin}/device`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await look(page, 'device-enrol');
    await installAndEnrol(s, page, 'Nguyễn Thị Điều Tra');
    await look(page, 'device-enrolled');
    const home = await new HomePage(page, origin).goto();
    await look(page, 'home');
    const titles = await page.locator('li.card h3').allInnerTexts();
    // The newest version of each questionnaire offered: the walk gives the answers that show its
    // hidden questions, so every question is looked at.
    const offered = new Map(DEFINITIONS.filter((d) => titles.includes(d.title.vi)).sort((a, b) => a.version - b.version).map((d) => [d.title.vi, d]));
    for (const [n, title] of titles.entries()) {
      const definition = offered.get(title);
      await walkInterview(page, await begin(home, title, `start-${n}`), `interview-${n}`, title, definition && revealingChoices(definition));
      await home.ready();
    }
    const questions = [...offered].flatMap(([title, d]) => d.sections.flatMap((sec) => sec.questions.map((q) => `${title} ${q.id}`)));
    expect(questions.filter((q) => !seen.has(q))).toEqual([]);
    await look(page, 'home-completed');
    await home.sync.syncNow();
    await home.sync.waitAllSent(30_000);
    await look(page, 'home-sent');
    expect(s.server.submissions()).toHaveLength(titles.length);

    expect(found).toEqual([]);
    expect(pageFaults(s.log)).toEqual([]);
  });

  it('the coordinator’s and the respondent’s', { timeout: 20 * 60_000 }, async () => {
    s = await openScenario('screens-office', inject('builds').v1);
    const account = printedAccount(s.server.output());
    await s.launch();
    const origin = s.server.url;
    const coordinator = await s.page();
    await coordinator.goto(`${origin}/coordinator`);
    await coordinator.getByLabel('Tên đăng nhập').waitFor();
    await look(coordinator, 'coordinator-login');

    // Data through the product: a tablet sends a PAPI interview (outside any campaign) and a
    // citizens' one; the same enumerator's tablet is enrolled again and sends one more.
    const tablet = await s.newPage();
    await installAndEnrol(s, tablet, 'Nguyễn Thị Điều Tra');
    const home = await new HomePage(tablet, origin).goto();
    for (const title of [PAPI_TITLE, SIPAS_TITLE]) {
      await walkInterview(tablet, await begin(home, title));
      await home.ready();
    }
    await home.sync.syncNow();
    await home.sync.waitAllSent(30_000);
    const again = await enrolByApi(s, 'Nguyễn Thị Điều Tra');
    await submitByApi(s, again.token, [sipasSubmission()]);

    await createCitizenLink(coordinator, origin, account);
    const card = coordinator.locator('li.link-card').first();
    await card.waitFor();
    const single = (await card.locator('.link-card-url').innerText()).trim();
    await look(coordinator, 'coordinator-links-issued');

    // The respondent opens the single-use link on a phone: welcome, every section, thanks.
    const phone = await s.newPage();
    await phone.goto(single);
    await phone.locator('main').first().waitFor();
    await look(phone, 'respond-welcome');
    const start = phone.getByRole('button', { name: 'Bắt đầu trả lời', exact: true });
    if ((await start.count()) > 0) await start.click();
    await phone.locator('form.section-page h2').waitFor();
    for (let section = 0; section < 60; section++) {
      await answerShown(phone, 'last');
      await look(phone, `respond-${section}`);
      const next = phone.getByRole('button', { name: 'Tiếp theo →', exact: true });
      if ((await next.count()) === 0) break;
      const before = await phone.locator('form.section-page h2').innerText();
      await next.click();
      await phone.waitForFunction((t) => document.querySelector('form.section-page h2')?.textContent !== t, before);
    }
    await phone.locator('form.section-page button[type="submit"]').last().click();
    await phone.locator('main.respond-status[data-state="sent"]').waitFor({ timeout: 30_000 });
    await look(phone, 'respond-sent');

    await coordinator.reload();
    await coordinator.locator('tr[data-link]').first().waitFor();
    await look(coordinator, 'coordinator-links');
    await coordinator.goto(`${origin}/coordinator`);
    await coordinator.getByRole('heading', { name: 'Tiến độ khảo sát' }).waitFor();
    await look(coordinator, 'coordinator-dashboard');
    // The campaign's report, reached from the dashboard: tables, bars, targets, withheld cells.
    await coordinator.getByRole('link', { name: 'Xem báo cáo của đợt khảo sát' }).click();
    await coordinator.locator('section[data-questionnaire]').first().waitFor();
    await look(coordinator, 'coordinator-report');
    await coordinator.goto(`${origin}/coordinator/devices`);
    await coordinator.getByRole('heading', { name: 'Thiết bị của điều tra viên' }).waitFor();
    await look(coordinator, 'coordinator-devices');

    expect(found).toEqual([]);
    expect(pageFaults(s.log)).toEqual([]);
  });
});
