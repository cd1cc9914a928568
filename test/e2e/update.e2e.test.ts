/**
 * A new version is deployed while an interview is open. The app offers the
 * update without interrupting (nothing reloads until the user accepts); the user accepts; the
 * page reloads under the new service worker; the interview continues on the same section with
 * every answer, including one given while the offer was showing and one given just before accepting.
 * And a tablet left open through several deployments: a version whose install failed is looked
 * for again without any event, and a later version is offered even after "later" to an earlier one.
 */
import { cpSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, isSerious } from './axe';
import { deviceRecord } from './device-db';
import { startSipas } from './flows';
import { buildLabel, waitForServiceWorker, pageFaults } from './harness';
import { HomePage } from './pages';
import { openScenario, type Scenario } from './scenario';
import { sectionTitle, sipasAnswers, storedAnswers } from './sipas';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const OFFER = 'Đã có phiên bản mới của ứng dụng.';

/**
 * Records what happens to the service worker registration from now on (update found, the new
 * worker's states), so a missing offer can be told apart: no new worker, or one that failed.
 */
async function recordRegistration(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const log: string[] = [];
    (window as unknown as { e2eSwLog: string[] }).e2eSwLog = log;
    const started = performance.now();
    const at = () => `${Math.round(performance.now() - started)} ms`;
    const reg = await navigator.serviceWorker.getRegistration();
    reg?.addEventListener('updatefound', () => {
      const worker = reg.installing;
      log.push(`${at()} updatefound`);
      worker?.addEventListener('statechange', () => log.push(`${at()} ${worker.state}`));
    });
  });
}

/** Waits for the update offer; if it does not come, says what the service worker registration went through. */
async function waitForOffer(page: Page, banner: Locator): Promise<void> {
  try {
    await banner.waitFor({ timeout: 30_000 });
  } catch (e) {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      const sw = (w: ServiceWorker | null | undefined) => (w ? `${w.state}` : 'none');
      const now = () => `active ${sw(r?.active)}, installing ${sw(r?.installing)}, waiting ${sw(r?.waiting)}, onLine ${navigator.onLine}`;
      const seen = (window as unknown as { e2eSwLog?: string[] }).e2eSwLog ?? [];
      const before = `${now()}; seen: ${seen.join(', ') || 'nothing'}`;
      const again = await r?.update().then(
        () => 'resolved',
        (err: unknown) => `rejected (${String(err)})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return `${before}; a second check ${again}, 5 s later: ${now()}`;
    });
    throw new Error(`the update offer did not appear within 30 s (registration: ${state})`, { cause: e });
  }
}

/** A scenario serving b1, its page on the home screen with b1's service worker in control. */
async function openOnFirstVersion(name: string): Promise<{ scenario: Scenario; page: Page; home: HomePage }> {
  s = await openScenario(name, inject('builds').v1);
  await s.launch();
  const page = await s.page();
  const home = await new HomePage(page, s.server.url).goto();
  await waitForServiceWorker(page);
  expect(await buildLabel(page)).toBe('b1');
  return { scenario: s, page, home };
}

describe('update: a new build deployed during an interview', () => {
  it('offers the update, reloads only on consent, and the interview continues with nothing lost', async () => {
    const builds = inject('builds');
    const { scenario: sc, page, home } = await openOnFirstVersion('update');

    // An interview is open on section B with some answers given.
    const interview = await startSipas(home);
    const { sections } = sipasAnswers();
    const [a, b] = sections;
    await interview.answerAll(a![1]);
    await interview.next();
    expect(await interview.sectionTitle()).toBe(sectionTitle('b-procedure'));
    const beforeOffer = b![1].slice(0, 3);
    await interview.answerAll(beforeOffer);
    await page.evaluate(() => ((window as unknown as { e2eSameDocument: boolean }).e2eSameDocument = true));

    // Deploy version b2, copied with its files' times set to those of b1 (as an archive or an
    // image that keeps times would): sw.js has the same size in every build, so a server that
    // judged "not modified" by size and time would never let the browser see b2. The app looks
    // for a new version by itself on `online` (and every 30 minutes, and when it becomes visible):
    // the window is told it is online again.
    const deployed = join(sc.scratch, 'b2-same-times');
    cpSync(builds.v2, deployed, { recursive: true });
    for (const file of ['sw.js', 'index.html']) {
      const old = statSync(join(builds.v1, file));
      expect(statSync(join(deployed, file)).size, file).toBe(old.size);
      utimesSync(join(deployed, file), old.atime, old.mtime);
    }
    await sc.server.restart(deployed);
    await recordRegistration(page);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const banner = page.getByRole('status').filter({ hasText: OFFER });
    await waitForOffer(page, banner);
    const violations = await axeViolations(page);
    console.log(describeViolations('form with the update offer', violations));
    expect(violations.filter(isSerious)).toEqual([]);

    // The offer does not interrupt: the interview goes on in the same document.
    const whileOffered = b![1].slice(3, 4);
    await interview.answerAll(whileOffered);
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument)).toBe(true);
    expect(await buildLabel(page)).toBe('b1');

    // One more answer, and at once "Cập nhật ngay": the draft is saved first, then the new worker
    // takes over and the page reloads.
    const rightBefore = b![1].slice(4, 5);
    await interview.answerAll(rightBefore);
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await banner.getByRole('button', { name: 'Cập nhật ngay', exact: true }).click();
    await reloaded;
    await interview.ready();
    expect(await buildLabel(page)).toBe('b2');
    expect(await page.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument)).toBeUndefined();
    await waitForServiceWorker(page);
    await banner.waitFor({ state: 'detached' });

    // Same interview, same section, every answer.
    expect(new URL(page.url()).pathname).toBe(`/interview/${interview.id}`);
    expect(await interview.sectionTitle()).toBe(sectionTitle('b-procedure'));
    const given = [...beforeOffer, ...whileOffered, ...rightBefore];
    for (const [qid, value] of given) expect(await interview.shown(qid), qid).toBe(String(value));
    const expected = storedAnswers([a!, ['b-procedure', given]]);
    expect((await deviceRecord(page, interview.id))?.answers).toEqual(expected);
    await interview.goTo(sectionTitle('a-respondent'));
    for (const [qid, value] of a![1]) expect(await interview.shown(qid), qid).toBe(String(value));

    // The new worker is the one serving the app: offline, a reload still shows b2.
    await sc.context.setOffline(true);
    expect((await page.reload())?.fromServiceWorker()).toBe(true);
    await interview.ready();
    expect(await buildLabel(page)).toBe('b2');
    expect(await interview.sectionTitle()).toBe(sectionTitle('a-respondent'));
    expect((await deviceRecord(page, interview.id))?.answers).toEqual(expected);
    // No uncaught exception in any page on the way.
    expect(pageFaults(sc.log)).toEqual([]);
  });
});

describe('update: a tablet left open through several deployments', () => {
  it('retries a new version whose install failed, and offers each later version even after "later"', async () => {
    const builds = inject('builds');
    const { scenario: sc, page, home } = await openOnFirstVersion('update-twice');
    await recordRegistration(page);
    const banner = page.getByRole('status').filter({ hasText: OFFER });

    // A deployment caught half uploaded: its service worker lists a file the server does not
    // have yet, so the new version cannot install. Nothing is offered.
    const broken = join(sc.scratch, 'b2-half-uploaded');
    cpSync(builds.v2, broken, { recursive: true });
    const sw = join(broken, 'sw.js');
    const entry = '"url":"index.html"}';
    expect(readFileSync(sw, 'utf8')).toContain(entry);
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(entry, `${entry},{"revision":null,"url":"assets/not-uploaded-yet-0a1b2c3d.js"}`));
    await sc.server.restart(broken);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => (window as unknown as { e2eSwLog: string[] }).e2eSwLog.some((l) => l.endsWith('redundant')), null, { timeout: 30_000 });
    expect(await banner.count()).toBe(0);

    // The deployment is put right. The app checks again by itself (15 s after the failure) and
    // offers the new version, with no event from the test.
    await sc.server.restart(builds.v2);
    await waitForOffer(page, banner);
    await banner.getByRole('button', { name: 'Để sau', exact: true }).click();
    await banner.waitFor({ state: 'detached' });

    // Another deployment while b2 waits: it is offered again.
    await sc.server.restart(builds.v3);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForOffer(page, banner);
    expect(await buildLabel(page)).toBe('b1');
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await banner.getByRole('button', { name: 'Cập nhật ngay', exact: true }).click();
    await reloaded;
    await home.ready();
    expect(await buildLabel(page)).toBe('b3');
    expect(pageFaults(sc.log)).toEqual([]);
  });
});
