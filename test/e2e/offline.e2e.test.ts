/**
 * A week in the communes. Enrol the device online; cut the network and
 * restart the browser (a cold start, served by the service worker); fill the citizens'
 * questionnaire with a skipped section; close the tab mid-way; reopen offline and find the draft
 * exactly as left; complete it; reconnect: it syncs, and the server holds exactly that interview
 * with those answers.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { deviceOutbox, deviceRecord } from './device-db';
import { installAndEnrol } from './flows';
import { buildLabel, pageFaults } from './harness';
import { HomePage } from './pages';
import { openScenario, type Scenario } from './scenario';
import { SIPAS_ID, SIPAS_TITLE, SIPAS_VERSION, SKIPPED_SECTION, sectionTitle, sipasAnswers, storedAnswers } from './sipas';

/** What a question shows for an answer: the ticked values of a multiple choice, else the text. */
const onScreen = (value: unknown): string | string[] => (Array.isArray(value) ? value.map(String) : String(value));

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const DEVICE_NAME = 'Điều tra viên E2E';

describe('offline: cold start, draft across a closed tab, sync on reconnect', () => {
  it('keeps an interview through a cold offline start and a closed tab, then syncs exactly it', async () => {
    s = await openScenario('offline', inject('builds').v1);
    const { url } = s.server;

    // Online: the app installs its service worker; the coordinator's code enrols the device.
    await s.launch();
    let page = await s.page();
    await installAndEnrol(s, page, DEVICE_NAME);

    // Offline, from cold: the browser is restarted with no network at all.
    await s.launch({ offline: true });
    page = await s.page();
    const response = await page.goto(`${url}/`);
    expect(response?.fromServiceWorker()).toBe(true);
    const home = await new HomePage(page, url).ready();
    expect(await buildLabel(page)).toBe('b1');
    await home.sync.waitOffline();
    // The API is never answered from a cache.
    const api = await page.evaluate(() => fetch('/api/definitions').then((r) => `HTTP ${r.status}`, () => 'network error'));
    expect(api).toBe('network error');

    const { stratum, sections } = sipasAnswers();
    const start = await home.start(SIPAS_TITLE);
    let interview = await start.chooseStratum(stratum).then((p) => p.begin());
    const id = interview.id;

    // Sections A, B (feedbackGiven = "no"), C1, and the first two questions of C2.
    const [a, b, c1, c2, ...rest] = sections;
    for (const [sectionId, answers] of [a!, b!, c1!]) {
      expect(await interview.sectionTitle()).toBe(sectionTitle(sectionId));
      await interview.answerAll(answers);
      await interview.next();
    }
    const sectionList = await interview.sectionList();
    expect(sectionList).not.toContain(sectionTitle(SKIPPED_SECTION));
    expect(sectionList).toHaveLength(7);
    expect(await interview.sectionTitle()).toBe(sectionTitle('c2-procedure'));
    const [c2SectionId, c2Answers] = c2!;
    const given = c2Answers.slice(0, 2);
    await interview.answerAll(given);

    // What was given so far, as the device must keep it.
    const expectedDraft = storedAnswers([a!, b!, c1!, [c2SectionId, given]]);
    // The tab is closed once the last answer is in IndexedDB (strict durability: on disk).
    await expect.poll(async () => (await deviceRecord(page, id))?.answers, { timeout: 10_000 }).toEqual(expectedDraft);
    await page.close();

    // A new tab, still offline: the draft is exactly as left.
    page = await s.newPage();
    expect((await page.goto(`${url}/`))?.fromServiceWorker()).toBe(true);
    const again = await new HomePage(page, url).ready();
    await expect.poll(() => again.draftIds(), { timeout: 10_000 }).toEqual([id]);
    interview = await again.resume(id);
    expect(await interview.sectionTitle()).toBe(sectionTitle('c2-procedure'));
    expect(await interview.sectionCount()).toBe('Phần 4/7');
    for (const [qid, value] of given) expect(await interview.shown(qid)).toEqual(onScreen(value));
    for (const [qid] of c2Answers.slice(2)) expect(await interview.shown(qid)).toBeUndefined();
    const stored = await deviceRecord(page, id);
    expect(stored).toMatchObject({ status: 'draft', currentSectionId: 'c2-procedure', stratum, surveyId: SIPAS_ID });
    expect(stored?.answers).toEqual(expectedDraft);
    // Earlier sections on screen too.
    for (const [sectionId, answers] of [a!, b!]) {
      await interview.goTo(sectionTitle(sectionId));
      for (const [qid, value] of answers) expect(await interview.shown(qid), qid).toEqual(onScreen(value));
    }

    // Complete it, still offline.
    await interview.goTo(sectionTitle('c2-procedure'));
    await interview.answerAll(c2Answers.slice(2));
    for (const [sectionId, answers] of rest) {
      await interview.next();
      expect(await interview.sectionTitle()).toBe(sectionTitle(sectionId));
      await interview.answerAll(answers);
    }
    expect(await interview.sectionCount()).toBe('Phần 7/7');
    await interview.finish();
    const done = await new HomePage(page, url).ready();
    await done.savedNotice.waitFor();
    // The lists follow the store (a live query): they may show the change a moment after the notice.
    await expect.poll(() => done.completedIds(), { timeout: 10_000 }).toEqual([id]);
    await expect.poll(() => done.draftIds(), { timeout: 10_000 }).toEqual([]);
    await done.sync.waitPending(1);
    await done.sync.waitIdle();
    expect(s.server.submissions()).toEqual([]);

    // Back online: the app notices and uploads by itself.
    await s.context.setOffline(false);
    await done.sync.waitOnline();
    await done.sync.waitAllSent(30_000);
    expect(await deviceOutbox(page)).toEqual([]);
    const onServer = s.server.submissions();
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({
      id,
      surveyId: SIPAS_ID,
      surveyVersion: SIPAS_VERSION,
      respondentGroup: 'citizen',
      stratum,
      lang: 'vi',
    });
    expect(onServer[0]!.answers).toEqual(storedAnswers(sections));
    expect(Object.keys(onServer[0]!.answers).some((k) => k.startsWith('c5_'))).toBe(false);
    // No uncaught exception in any page on the way.
    expect(pageFaults(s.log)).toEqual([]);
  });
});
