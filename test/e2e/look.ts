/**
 * Looks at a page as a person would, at a phone's and a tablet's width, in Vietnamese and English:
 * a screenshot of each (test-results/screens/), and what the layout check finds. `allowed`: the
 * layout check's findings that are data shown as it is (a file's own sheet names).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { layoutProblems } from './layout';
import { ROOT } from './paths';

const SHOTS = join(ROOT, 'test-results', 'screens');

const pressed = (page: Page, lang: 'vi' | 'en') =>
  page.waitForFunction((l) => document.querySelector(`.app-head .lang-switch button[lang="${l}"]`)?.getAttribute('aria-pressed') === 'true', lang);

export async function look(page: Page, name: string, allowed: readonly string[] = []): Promise<string[]> {
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  for (const lang of ['vi', 'en'] as const) {
    const button = page.locator(`.app-head .lang-switch button[lang="${lang}"]`);
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await pressed(page, lang);
    for (const width of [390, 800]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1280 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const p of await layoutProblems(page, { lang })) if (!allowed.includes(p)) problems.push(`${name} ${lang} ${width}: ${p}`);
      await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await page.locator('.app-head .lang-switch button[lang="vi"]').click();
  await pressed(page, 'vi');
  return problems;
}
