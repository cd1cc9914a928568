/**
 * axe-core on the home screen and on form pages (section A: choices, a
 * dropdown, text; section C1: the 5-point satisfaction scales). No violation of impact "serious"
 * or "critical" is allowed there; every violation found, of any impact, is printed. The start
 * page, section A with its validation errors shown and the device page are checked and printed too.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, isSerious, type Violation } from './axe';
import { DevicePage, HomePage } from './pages';
import { openScenario, type Scenario } from './scenario';
import { SIPAS_TITLE, sectionTitle, sipasAnswers } from './sipas';
import { pageFaults } from './harness';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('accessibility (axe-core)', () => {
  it('has no serious or critical violations on the home screen and the form pages', async () => {
    s = await openScenario('a11y', inject('builds').v1);
    await s.launch();
    const page = await s.page();
    const found: Record<string, Violation[]> = {};
    const check = async (where: string) => {
      const violations = await axeViolations(page);
      found[where] = violations;
      console.log(describeViolations(where, violations));
    };

    const home = await new HomePage(page, s.server.url).goto();
    await check('home screen');

    const start = await home.start(SIPAS_TITLE);
    await check('start page');

    const { stratum, sections } = sipasAnswers();
    const interview = await start.chooseStratum(stratum).then((p) => p.begin());
    expect(await interview.sectionTitle()).toBe(sectionTitle('a-respondent'));
    await check('form: section A');

    // "Tiếp theo" with nothing answered: every required question shows its error.
    await page.getByRole('button', { name: 'Tiếp theo →', exact: true }).click();
    await page.locator('[data-question] .error').first().waitFor();
    await check('form: section A with validation errors');

    for (const [id, answers] of sections.slice(0, 2)) {
      expect(await interview.sectionTitle()).toBe(sectionTitle(id));
      await interview.answerAll(answers);
      await interview.next();
    }
    expect(await interview.sectionTitle()).toBe(sectionTitle('c1-access'));
    await check('form: section C1 (satisfaction scales)');

    await new DevicePage(page, s.server.url).goto();
    await check('device page');

    const required = ['home screen', 'form: section A', 'form: section C1 (satisfaction scales)'];
    const serious = required.flatMap((where) => (found[where] ?? []).filter(isSerious).map((v) => `${where}: [${v.impact}] ${v.id} (${v.nodes.length} element(s))`));
    expect(serious).toEqual([]);
    // No uncaught exception in any page on the way.
    expect(pageFaults(s.log)).toEqual([]);
  });
});
