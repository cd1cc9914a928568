/**
 * The browser scenario on the large questionnaire: open an interview, click answers, save them.
 * All timings are taken inside the page (probes.ts); the benchmark produces real input events
 * (CDP mouse and keyboard) and reads the samples back. Only creating the draft uses Playwright's
 * locators: every measured document is a fresh navigation that Playwright injects nothing into.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { optionsOf, rowsOf, tr, visibility } from '../src/survey';
import type { Answers, Definition, Question, Section } from '../src/survey/types';
import { call, clickAt, type Driver } from './page';
import type { ClickSample, StoredRecord } from './probes';

/** The app's IndexedDB database and store (src/store/db.ts). */
const DB_NAME = 'governance-survey';
const STORE = 'records';
const SAVED = '.save-status.saved';
const TIMEOUT = 30_000;

const byId = (id: string) => `[data-question="${id}"]`;

export function sectionById(def: Definition, id: string): Section {
  const section = def.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section "${id}"`);
  return section;
}

/** The section's last question without a condition, which the page waits for: it is always shown. */
function lastQuestion(section: Section): Question {
  const last = section.questions.findLast((q) => !q.visibleIf);
  if (!last) throw new Error(`section "${section.id}" has no question that is always shown`);
  return last;
}

/** The section's first question without a condition: the top of the section, always shown. */
function firstQuestion(section: Section): Question {
  const first = section.questions.find((q) => !q.visibleIf);
  if (!first) throw new Error(`section "${section.id}" has no question that is always shown`);
  return first;
}

/** The first section shown before any answer, where a new interview opens. */
export function firstShownSection(def: Definition): Section {
  const shown = visibility(def, {}).sections;
  const first = def.sections.find((s) => shown.has(s.id));
  if (!first) throw new Error(`${def.id} shows no section before any answer`);
  return first;
}

/** Home → "Bắt đầu" on the questionnaire's card → start page (stratum) → "Bắt đầu phỏng vấn". */
export async function createDraft(page: Page, baseUrl: string, def: Definition): Promise<string> {
  await page.goto(`${baseUrl}/`);
  const card = page.locator('li.card').filter({ has: page.getByRole('heading', { name: tr(def.title, 'vi'), exact: true }) });
  await card.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
  const begin = page.getByRole('button', { name: 'Bắt đầu phỏng vấn', exact: true });
  await begin.waitFor();
  const stratum = page.locator('#stratum');
  if ((await stratum.count()) > 0) {
    const values = await stratum.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    if (values[0] === undefined) throw new Error('the stratum list is empty');
    await stratum.selectOption(values[0]);
  }
  await begin.click();
  await page.waitForURL(/\/interview\/[^/]+$/);
  await page.locator(byId(lastQuestion(firstShownSection(def)).id)).waitFor();
  await page.locator(SAVED).waitFor();
  return page.url();
}

export const recordIdOf = (url: string): string => decodeURIComponent(new URL(url).pathname.split('/').pop()!);

/** The stored record, read straight from IndexedDB. */
export const readRecord = (d: Driver, id: string): Promise<StoredRecord> => call(d, 'readRecord', DB_NAME, STORE, id);

/** Clicks the first match of `selector` and waits for the click's sample (the frame after it rendered). */
async function clickSampled(d: Driver, selector: string): Promise<ClickSample> {
  const n = await call(d, 'clickCount');
  const expected = await clickAt(d, selector);
  const sample = await call(d, 'clickDone', n, TIMEOUT);
  if (expected.includes('=') && sample.target !== expected) throw new Error(`the click meant for ${expected} landed on ${sample.target}`);
  return sample;
}

const clickToPaint = (c: ClickSample) => c.paintAt! - c.ts;

/**
 * Milliseconds from a click on an answer (its event timestamp) until that answer is durably in
 * IndexedDB, as the page tells the interviewer: the `.save-status` element turns back to
 * "Đã lưu trên thiết bị" after showing "Đang lưu…" (the store's write, with
 * chromeTransactionDurability 'strict', has resolved and React has rendered the status). The
 * time is the MutationObserver's in probes.ts, not when this function notices.
 *
 * Should the status not have shown "saving" by the time the click's frame was rendered (a write
 * too quick to render), the time is instead the first moment a read of the record in IndexedDB
 * returns the clicked value: readonly transactions queue behind the app's readwrite one, so that
 * is when the write committed (plus one read).
 */
async function timeWrite(d: Driver, recordId: string, click: ClickSample): Promise<{ ms: number; via: 'status' | 'indexeddb' }> {
  const savedAt = await call(d, 'savedAfter', click.handlerAt, TIMEOUT);
  if (savedAt !== null) return { ms: savedAt - click.ts, via: 'status' };
  const [name, value] = click.target.split('=');
  const [questionId, row] = (name ?? '').split('.');
  if (!questionId || value === undefined) throw new Error(`the click on ${click.target} is not an answer`);
  const at = await call(d, 'storedAt', DB_NAME, STORE, recordId, questionId, row ?? null, value, TIMEOUT);
  return { ms: at - click.ts, via: 'indexeddb' };
}

export interface OpenTiming {
  /** Navigation start → the section's last question is in the DOM. */
  domMs: number;
  /** Click on the first radio → the frame showing it rendered. */
  clickMs: number;
  /** domMs + clickMs. */
  interactiveMs: number;
  breakdown: string;
}

/**
 * A fresh navigation to the interview (page.goto: a new document, the HTTP cache warm, as on a
 * tablet that has the app) until the section is usable: the time its last question is in the DOM
 * (ms since performance.timeOrigin) plus the time the page then takes to handle a click on its
 * first radio (click event timestamp → the frame showing it). The radio clicked is the first one
 * not checked, so every run changes an answer and does the same work.
 */
export async function timeOpen(d: Driver, url: string, section: Section): Promise<OpenTiming> {
  const lastId = lastQuestion(section).id;
  await d.page.goto(url, { waitUntil: 'commit' });
  await call(d, 'waitFor', byId(lastId), TIMEOUT);
  const click = await clickSampled(d, '.section-page input[type="radio"]:not(:checked)');
  const info = await call(d, 'openInfo', lastId);
  await timeWrite(d, recordIdOf(url), click); // the save ends before the next navigation
  const clickMs = clickToPaint(click);
  const f = (n: number) => `${Math.round(n)} ms`;
  const breakdown =
    `HTML ${f(info.responseEnd)} → DOMContentLoaded ${f(info.domContentLoaded)} → InterviewPage chunk ${f(info.interviewChunk)} → ` +
    `first question ${f(info.firstQuestion)} → last question ${f(info.domAt)} → click painted +${f(clickMs)}; ` +
    `long tasks before: ${info.longTasksBefore.length ? info.longTasksBefore.map((t) => `${t} ms`).join(', ') : 'none'}`;
  return { domMs: info.domAt, clickMs, interactiveMs: info.domAt + clickMs, breakdown };
}

/** The sections the form lists for the record's stored answers, in order. */
export async function shownSections(d: Driver, def: Definition, recordId: string): Promise<Section[]> {
  const shown = visibility(def, (await readRecord(d, recordId)).answers as Answers).sections;
  return def.sections.filter((s) => shown.has(s.id));
}

/** Goes to a section with the section list; waits until its last question is shown and saved. */
export async function openSection(d: Driver, def: Definition, recordId: string, sectionId: string): Promise<void> {
  const section = sectionById(def, sectionId);
  // The list leaves out sections hidden by skip logic.
  const index = (await shownSections(d, def, recordId)).indexOf(section);
  if (index < 0) throw new Error(`section "${sectionId}" is hidden by the answers given so far`);
  const click = await clickSampled(d, `nav.section-nav li:nth-child(${index + 1}) button`);
  await call(d, 'waitFor', byId(lastQuestion(section).id), TIMEOUT);
  await call(d, 'savedAfter', click.handlerAt, TIMEOUT);
  await call(d, 'waitFor', SAVED, TIMEOUT);
}

export interface PageTurn {
  /**
   * Click on Next or Back (its event timestamp) → the frame showing the new section at its top
   * rendered: scrolled to the top, its first question there (what the interviewer sees).
   */
  ms: number;
  /** Click → the whole section in the page (its last question there, the list no longer busy). */
  wholeMs: number;
  way: 'next' | 'back';
  /** The section turned from and the one turned to, and its number of questions. */
  from: string;
  to: string;
  questions: number;
  /** The items of `to` in the frame that showed its top (the first screen of a turn). */
  firstScreen: number;
}

/** Clicks Next (or Back) and times the turn to `to`, whose last question the page waits for. */
async function timeTurn(d: Driver, way: 'next' | 'back', from: Section, to: Section): Promise<PageTurn> {
  const top = byId(firstQuestion(to).id);
  const all = `.questions:not([aria-busy]) ${byId(lastQuestion(to).id)}`;
  await call(d, 'armPaintedAtTop', top, TIMEOUT);
  await call(d, 'armPaintedAtTop', all, TIMEOUT);
  // BENCH_TURN_ONLY_PROFILE=<dir>: each turn's own profile, from before its click to its top painted.
  const profileDir = process.env.BENCH_TURN_ONLY_PROFILE;
  if (profileDir) {
    await d.cdp.send('Profiler.enable');
    await d.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await d.cdp.send('Profiler.start');
  }
  const click = await clickSampled(d, way === 'next' ? '.pager button[type="submit"]' : '.pager button.secondary');
  const at = await call(d, 'paintedAtTop', top, TIMEOUT);
  if (profileDir) writeFileSync(join(profileDir, `turn-${way}-${to.id}-${Date.now()}.cpuprofile`), JSON.stringify((await d.cdp.send('Profiler.stop')).profile));
  const whole = await call(d, 'paintedAtTop', all, TIMEOUT);
  await call(d, 'waitFor', SAVED, TIMEOUT);
  const firstScreen = await call(d, 'questionsAtTop', top);
  return { ms: at - click.ts, wholeMs: whole - click.ts, way, from: from.id, to: to.id, questions: to.questions.length, firstScreen };
}

/**
 * Page turns as an interviewer makes them, on a fresh draft: each section answered in full, then
 * Next (validating the page and showing the next); then `passes` times back to the first section
 * and forward again with Back and Next over the answered sections.
 */
export async function timePageTurns(d: Driver, def: Definition, recordId: string, passes: number): Promise<PageTurn[]> {
  const turns: PageTurn[] = [];
  const sections = await shownSections(d, def, recordId);
  for (let i = 0; i < sections.length; i++) {
    await answerSection(d, recordId, def, sections[i]!.id, Number.POSITIVE_INFINITY);
    const next = (await shownSections(d, def, recordId))[i + 1];
    if (next) turns.push(await timeTurn(d, 'next', sections[i]!, next));
  }
  const answered = await shownSections(d, def, recordId);
  for (let p = 0; p < passes; p++) {
    for (let i = answered.length - 2; i >= 0; i--) turns.push(await timeTurn(d, 'back', answered[i + 1]!, answered[i]!));
    for (let i = 1; i < answered.length; i++) turns.push(await timeTurn(d, 'next', answered[i - 1]!, answered[i]!));
  }
  return turns;
}

/**
 * The floor of the Next turns on this machine: each of `turns` made again without the app
 * (probes.ts, plainTurn): the section answered whole, as the app showed it, replaced by the next
 * one's first screen as the app rendered it, the page scrolled to its top and its heading focused;
 * timed as the app's turns are. What is left is the browser's own work for the same page: hit
 * testing, removing one section and styling, laying out and painting the other. Ends the page's
 * use by the app.
 */
export async function timePlainTurns(d: Driver, def: Definition, recordId: string, turns: readonly PageTurn[]): Promise<number[]> {
  const nexts = turns.filter((t) => t.way === 'next');
  const html = new Map<string, string>();
  for (const id of new Set(nexts.flatMap((t) => [t.from, t.to]))) {
    const section = sectionById(def, id);
    await openSection(d, def, recordId, id);
    await call(d, 'waitFor', `.questions:not([aria-busy]) ${byId(lastQuestion(section).id)}`, TIMEOUT);
    html.set(id, await call(d, 'sectionHtml'));
  }
  const samples: number[] = [];
  for (const t of nexts) {
    await call(d, 'plainTurn', html.get(t.from)!, html.get(t.to)!, t.firstScreen);
    const top = byId(firstQuestion(sectionById(def, t.to)).id);
    await call(d, 'armPaintedAtTop', top, TIMEOUT);
    const click = await clickSampled(d, '.pager button[type="submit"]');
    samples.push((await call(d, 'paintedAtTop', top, TIMEOUT)) - click.ts);
  }
  return samples;
}

export interface Target {
  /** The radio's question id; `row` for a matrix. */
  questionId: string;
  row?: string;
}

const radio = (t: Target, value: string) =>
  `${byId(t.questionId)} input[type="radio"][name="${t.row === undefined ? t.questionId : `${t.questionId}.${t.row}`}"][value="${value}"]`;

export interface ClickTimes {
  /** Click → the frame showing the radio checked, per click. */
  paints: number[];
  /** Click → the last frame rendered after a change the click made (the save status aside), per click. */
  consequences: number[];
  /** The layout shifts while clicking, summed (CLS counting every shift, recent input or not). */
  layoutShift: number;
}

/** Quiet time after which a tap's consequences are taken to be over. */
const SETTLE_MS = 150;

/** Clicks `value` on each target in turn; times each click's paint and its consequences' last paint. */
export async function timeClicks(d: Driver, recordId: string, clicks: { target: Target; value: string }[]): Promise<ClickTimes> {
  const paints: number[] = [];
  const consequences: number[] = [];
  let first: number | undefined;
  for (const { target, value } of clicks) {
    const click = await clickSampled(d, radio(target, value));
    first ??= click.ts;
    paints.push(clickToPaint(click));
    await timeWrite(d, recordId, click); // the save ends before the next click
    const last = await call(d, 'consequencesPainted', click.ts, SETTLE_MS, TIMEOUT);
    consequences.push(Math.max(last ?? click.paintAt!, click.paintAt!) - click.ts);
  }
  const layoutShift = first === undefined ? 0 : await call(d, 'layoutShiftSince', first);
  return { paints, consequences, layoutShift };
}

/**
 * Click → painted frame for clicks on the section heading, which change nothing: the floor of the
 * measurement (waiting for the next frame, rendering it) on this machine.
 */
export async function timeNoopClicks(d: Driver, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(clickToPaint(await clickSampled(d, '.section-page h2')));
  return samples;
}

export interface WriteTimes {
  samples: number[];
  viaIndexedDb: number;
  /** The value each target should hold at the end. */
  last: Map<Target, string>;
}

const storedValue = (record: StoredRecord, t: Target): unknown => {
  const answer = record.answers[t.questionId];
  return t.row === undefined ? answer : (answer as Record<string, unknown> | undefined)?.[t.row];
};

/** `changes` clicks over the targets, each alternating between two values so every click changes an answer. */
export async function timeWrites(d: Driver, recordId: string, targets: { target: Target; values: [string, string] }[], changes: number): Promise<WriteTimes> {
  const record = await readRecord(d, recordId);
  const current = new Map<Target, unknown>(targets.map(({ target }) => [target, storedValue(record, target)]));
  const last = new Map<Target, string>();
  const samples: number[] = [];
  let viaIndexedDb = 0;
  for (let i = 0; i < changes; i++) {
    const { target, values } = targets[i % targets.length]!;
    const value = current.get(target) === values[0] ? values[1] : values[0];
    const click = await clickSampled(d, radio(target, value));
    const write = await timeWrite(d, recordId, click);
    samples.push(write.ms);
    if (write.via === 'indexeddb') viaIndexedDb += 1;
    current.set(target, value);
    last.set(target, value);
  }
  return { samples, viaIndexedDb, last };
}

/** Which targets IndexedDB does not hold the expected value for. */
export async function wrongAnswers(d: Driver, recordId: string, expected: Map<Target, string>): Promise<string[]> {
  const record = await readRecord(d, recordId);
  return [...expected].filter(([t, v]) => storedValue(record, t) !== v).map(([t]) => t.questionId + (t.row === undefined ? '' : `.${t.row}`));
}

/** Waits until the record in IndexedDB holds an answer to `questionId`. */
async function answerStored(d: Driver, recordId: string, questionId: string): Promise<void> {
  const deadline = performance.now() + TIMEOUT;
  while ((await readRecord(d, recordId)).answers[questionId] === undefined)
    if (performance.now() > deadline) throw new Error(`the answer to ${questionId} was never stored`);
}

/**
 * Answers every shown, unanswered question of the current section in order, as an interviewer
 * would (mouse for choices, keyboard for numbers, text and dropdowns), until `goal` questions are
 * answered. Returns the number answered, from the stored record.
 */
export async function answerSection(d: Driver, recordId: string, def: Definition, sectionId: string, goal: number): Promise<number> {
  const record = await readRecord(d, recordId);
  let answered = record.progress.answered;
  for (const q of sectionById(def, sectionId).questions) {
    if (answered >= goal) break;
    const box = byId(q.id);
    if (q.type === 'note' || q.type === 'date' || record.answers[q.id] !== undefined) continue;
    if ((await call(d, 'count', box)) === 0) continue; // hidden by its condition
    if (q.type === 'single' && q.layout === 'dropdown') {
      if (!(await call(d, 'focus', `${box} select`))) throw new Error(`cannot focus the dropdown of ${q.id}`);
      await d.page.keyboard.press('ArrowDown');
    } else if (q.type === 'single' || q.type === 'multiple') await clickAt(d, `${box} input`);
    else if (q.type === 'matrix') await clickAt(d, `${box} button.column-shortcut`);
    else {
      if (!(await call(d, 'focus', `${box} input, ${box} textarea`))) throw new Error(`cannot focus the input of ${q.id}`);
      const text = q.type === 'integer' || q.type === 'decimal' ? String(q.min ?? 1) : 'Ý kiến của người trả lời';
      await d.page.keyboard.type(text);
    }
    // Stored, not only shown as saved: a question the answer reveals is in the page by then, so
    // the next one's count (above) sees it.
    await answerStored(d, recordId, q.id);
    await call(d, 'waitFor', SAVED, TIMEOUT);
    answered += 1;
  }
  return (await readRecord(d, recordId)).progress.answered;
}

/** A click on an answer: a matrix cell or a single choice. */
export interface PlannedClick {
  target: Target;
  value: string;
  kind: 'matrix' | 'single';
}

/** Answer buttons of a section that are always shown: every matrix row, and single choices laid out as radios. */
function radioQuestions(def: Definition, section: Section) {
  const always = section.questions.filter((q) => !q.visibleIf);
  // Options asking to specify ("other") open a text box: left out, so each click only selects.
  // "Don't know" and the like come last, after the substantive answers.
  const plain = (q: Question) => {
    const options = optionsOf(def, q).filter((o) => !o.other);
    return [...options.filter((o) => !o.missing), ...options.filter((o) => o.missing)].map((o) => o.value);
  };
  const matrixRows = always.flatMap((q) => (q.type === 'matrix' ? rowsOf(def, q).map((r) => ({ target: { questionId: q.id, row: r.value }, values: plain(q) })) : []));
  const singles = always.flatMap((q) => (q.type === 'single' && q.layout !== 'dropdown' ? [{ target: { questionId: q.id }, values: plain(q) }] : []));
  return { matrixRows: matrixRows.filter((m) => m.values.length >= 2), singles: singles.filter((m) => m.values.length >= 2) };
}

/** Alternates between the two lists, then takes what is left of the longer one, up to `count`. */
function interleave<T>(a: readonly T[], b: readonly T[], count: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < count && (i < a.length || i < b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (out.length < count && i < b.length) out.push(b[i]!);
  }
  return out;
}

/** Up to `count` clicks on different answers of the section: matrix cells and single choices in turn. */
export function clickPlan(def: Definition, section: Section, count: number): PlannedClick[] {
  const { matrixRows, singles } = radioQuestions(def, section);
  const m = matrixRows.map((r, i): PlannedClick => ({ target: r.target, value: r.values[i % r.values.length]!, kind: 'matrix' }));
  const s = singles.map((q, i): PlannedClick => ({ target: q.target, value: q.values[i % q.values.length]!, kind: 'single' }));
  return interleave(m, s, count);
}

/** Up to `count` answers to change back and forth between two of their values. */
export function writePlan(def: Definition, section: Section, count: number): { target: Target; values: [string, string] }[] {
  const { matrixRows, singles } = radioQuestions(def, section);
  const two = (x: { target: Target; values: string[] }) => ({ target: x.target, values: [x.values[0]!, x.values[1]!] as [string, string] });
  return interleave(singles.map(two), matrixRows.map(two), count);
}
