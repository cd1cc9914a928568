/**
 * Instrumentation installed in every document before the app's scripts run (an init script), and
 * the in-page helpers the benchmark calls through raw CDP `Runtime.evaluate` (see page.ts).
 * Playwright's own selector engine is never used on the measured pages: injecting it costs the
 * page ~0.6 MB of heap and tens of milliseconds of (throttled) main-thread time.
 *
 * Everything records `performance.now()`, i.e. ms since the navigation started:
 * - `seen[id]`: when the element `[data-question=id]` first appeared in the DOM (MutationObserver
 *   callback, i.e. the microtask right after React's commit, before paint).
 * - `clicks`: one sample per user click: the click event's `timeStamp` (when the browser received
 *   the input) and `paintAt`, when a MessageChannel message posted from the next
 *   requestAnimationFrame callback runs, i.e. just after the frame that shows the click's effect
 *   has been rendered by the main thread. A label click re-dispatches a click on its input: only
 *   the first click until that frame is sampled.
 * - `status`: every change of the `.save-status` element's state (`saved`, `saving`, `failed`).
 * - `longTasks`: main-thread tasks over 50 ms.
 * - `syncBar`: every change of the header's sync status: the "waiting to send" text (`.pending`,
 *   class `none` when nothing waits) and whether an upload is running (the sync button disabled).
 */

export interface ClickSample {
  ts: number;
  handlerAt: number;
  rafAt?: number;
  paintAt?: number;
  /** `name=value` of the input clicked, else the element's tag name. */
  target: string;
}

export interface StatusSample {
  status: string;
  at: number;
}

export interface SyncBarSample {
  pending: string;
  none: boolean;
  syncing: boolean;
  at: number;
}

/** An upload request seen by Resource Timing: when it was sent and when its reply had arrived. */
export interface RequestTiming {
  start: number;
  end: number;
}

export interface StoredRecord {
  answers: Record<string, unknown>;
  progress: { answered: number; total: number };
}

export interface OpenInfo {
  /** When the section's last question appeared in the DOM. */
  domAt: number;
  responseEnd: number;
  domContentLoaded: number;
  interviewChunk: number;
  firstQuestion: number;
  longTasksBefore: number[];
}

/** Helpers the benchmark calls in the page; promises reject after their timeout. */
export interface BenchApi {
  /** performance.now() once `selector` matches (at once if it already does). */
  waitFor(selector: string, timeoutMs: number): Promise<number>;
  /**
   * Scrolls the first match into the middle of the viewport if it is not fully visible, waits two
   * frames, and returns its centre in viewport pixels and what a click there would sample.
   */
  point(selector: string): Promise<{ x: number; y: number; target: string } | null>;
  focus(selector: string): Promise<boolean>;
  /**
   * Starts watching, at each frame's start, for the first frame in which `selector` matches and the
   * page is scrolled to its top. Armed before the click that should cause it, so the watch is
   * there from the first frame after the click (not from when the benchmark's next call arrives).
   */
  armPaintedAtTop(selector: string, timeoutMs: number): void;
  /**
   * performance.now() just after that frame (a MessageChannel message posted from its
   * requestAnimationFrame callback, as for clicks: the frame has been rendered).
   */
  paintedAtTop(selector: string, timeoutMs: number): Promise<number>;
  /** How many items `.questions` held in that frame (the first screen a page turn renders). */
  questionsAtTop(selector: string): number;
  /** The form of the section shown (`form.section-page`), as HTML: a section whole, for plainTurn. */
  sectionHtml(): string;
  /**
   * The floor of a page turn: the page without the app (its body replaced by a copy of itself,
   * which no script owns), showing `fromHtml` (a section whole, scrolled where the last click left
   * it); a click on its Next button then replaces the form with `toHtml` cut to its first `toItems`
   * items (the next section's first screen as the app renders it, still busy), scrolls to the top and focuses the heading, as the app does,
   * with nothing else: no framework, no validation, no save. Waits two frames.
   */
  plainTurn(fromHtml: string, toHtml: string, toItems: number): Promise<void>;
  count(selector: string): number;
  clickCount(): number;
  /** Click `n`'s sample once the frame after it has been rendered. */
  clickDone(n: number, timeoutMs: number): Promise<ClickSample>;
  /**
   * When the save status, having shown "saving" at or after `since`, turned back to "saved";
   * null at once if it has not shown "saving" since then. Rejects if it shows "failed".
   */
  savedAfter(since: number, timeoutMs: number): Promise<number | null>;
  /** The first time a read of the record in IndexedDB returns `value` for the answer (or matrix row). */
  storedAt(db: string, store: string, id: string, questionId: string, row: string | null, value: string, timeoutMs: number): Promise<number>;
  readRecord(db: string, store: string, id: string): Promise<StoredRecord>;
  openInfo(lastQuestionId: string): OpenInfo;
  /** Writes rows into several stores of the database in one readwrite transaction. */
  putRows(db: string, rows: Record<string, unknown[]>): Promise<void>;
  /** Rows in a store (all of them, or those whose index `index` equals `value`). */
  countRows(db: string, store: string, index: string | null, value: string | null): Promise<number>;
  /**
   * When the sync bar, after `since`, showed interviews waiting and then "all sent"; rejects
   * after the timeout. `startedBefore` tells whether a run had already shown them waiting before `since`.
   */
  allSentAfter(since: number, timeoutMs: number): Promise<{ at: number; startedBefore: boolean }>;
  /** performance.now() once no upload runs (the sync button is enabled). */
  syncIdle(timeoutMs: number): Promise<number>;
  /** Resource Timing of the requests whose URL contains `path`, started at or after `since`. */
  requests(path: string, since: number): RequestTiming[];
  /**
   * Once the page has changed nothing for `quietMs` (the save status aside) and has no frame
   * pending: the time just after the last frame rendered after a change made at or after `since`
   * (a tap's every consequence: the answer taken, skip logic, progress, counts), or null if none.
   */
  consequencesPainted(since: number, quietMs: number, timeoutMs: number): Promise<number | null>;
  /** The layout shifts (their values summed, recent input or not) that started at or after `since`. */
  layoutShiftSince(since: number): number;
}

export interface BenchProbe {
  seen: Record<string, number>;
  clicks: ClickSample[];
  status: StatusSample[];
  longTasks: { start: number; duration: number }[];
  syncBar: SyncBarSample[];
  api: BenchApi;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

/** Runs in the page (serialised): must not reference anything outside itself. */
export function installProbes(): void {
  const seen: Record<string, number> = {};
  const clicks: ClickSample[] = [];
  const status: StatusSample[] = [];
  const longTasks: { start: number; duration: number }[] = [];
  const syncBar: SyncBarSample[] = [];
  /** Re-checked after every DOM mutation batch and every frame sampled. */
  const checks = new Set<() => void>();
  const runChecks = () => checks.forEach((c) => c());

  /** A promise settled by `test` (re-run on every check) or rejected after `timeoutMs`. */
  function until<T>(what: string, timeoutMs: number, test: () => { value: T } | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        checks.delete(check);
        clearTimeout(timer);
      };
      const check = () => {
        try {
          const r = test();
          if (r) {
            done();
            resolve(r.value);
          }
        } catch (e) {
          done();
          reject(e as Error);
        }
      };
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      checks.add(check);
      check();
    });
  }

  let lastStatus = '';
  const markQuestions = (root: Element, at: number) => {
    const mark = (el: Element) => {
      const id = el.getAttribute('data-question');
      if (id !== null && !(id in seen)) seen[id] = at;
    };
    if (root.matches('[data-question]')) mark(root);
    root.querySelectorAll('[data-question]').forEach(mark);
  };
  new MutationObserver((records) => {
    const at = performance.now();
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) markQuestions(n, at);
    const el = document.querySelector('.save-status');
    const now = el ? ([...el.classList].find((c) => c !== 'save-status') ?? '') : '';
    if (now !== lastStatus) {
      lastStatus = now;
      status.push({ status: now, at });
    }
    const pendingEl = document.querySelector('.sync-bar .pending');
    if (pendingEl) {
      const sample = {
        pending: pendingEl.textContent ?? '',
        none: pendingEl.classList.contains('none'),
        syncing: document.querySelector('.sync-bar button.sync-now')?.hasAttribute('disabled') ?? false,
        at,
      };
      const last = syncBar.at(-1);
      if (!last || last.pending !== sample.pending || last.none !== sample.none || last.syncing !== sample.syncing) syncBar.push(sample);
    }
    runChecks();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'disabled'] });

  // Every change to the page but the save status, and the frames rendered after them (consequencesPainted).
  const consequencePaints: number[] = [];
  let consequenceFrame = false;
  let lastConsequence = 0;
  const inSaveStatus = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest('.save-status') != null;
  new MutationObserver((records) => {
    if (records.every((r) => inSaveStatus(r.target))) return;
    lastConsequence = performance.now();
    if (consequenceFrame) return;
    consequenceFrame = true;
    requestAnimationFrame(() => {
      // A change after this point asks for another frame.
      consequenceFrame = false;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        consequencePaints.push(performance.now());
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  const layoutShifts: { at: number; value: number }[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) layoutShifts.push({ at: e.startTime, value: (e as PerformanceEntry & { value: number }).value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // No layout-shift entries in this browser: the figure reads 0 and the notes say so.
  }

  /** armPaintedAtTop's watches, by selector. */
  const watched = new Map<string, { at?: number; questions?: number; problem?: string }>();
  /** The copy of the page plainTurn shows, made once. */
  let plainBody: HTMLElement | undefined;

  const describe = (t: EventTarget | null) =>
    t instanceof HTMLInputElement ? `${t.name}=${t.value}` : t instanceof Element ? t.tagName.toLowerCase() : '?';

  let sampling = false;
  window.addEventListener(
    'click',
    (e) => {
      if (sampling) return;
      sampling = true;
      const sample: ClickSample = { ts: e.timeStamp, handlerAt: performance.now(), target: describe(e.target) };
      clicks.push(sample);
      requestAnimationFrame(() => {
        sample.rafAt = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          sample.paintAt = performance.now();
          sampling = false;
          channel.port1.close();
          runChecks();
        };
        channel.port2.postMessage(0);
      });
    },
    true,
  );

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask entries here: the breakdown leaves them out.
  }
  // An upload of thousands of interviews makes hundreds of requests: keep them all.
  performance.setResourceTimingBufferSize(5000);

  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
  // Opening without a version never upgrades: it joins the app's database as it is.
  const withDb = async <T>(name: string, use: (db: IDBDatabase) => Promise<T>): Promise<T> => {
    const db = await request(indexedDB.open(name));
    try {
      return await use(db);
    } finally {
      db.close();
    }
  };
  const getRecord = (db: IDBDatabase, store: string, id: string) =>
    request(db.transaction(store, 'readonly').objectStore(store).get(id) as IDBRequest<StoredRecord | undefined>);

  const api: BenchApi = {
    waitFor: (selector, timeoutMs) =>
      until(selector, timeoutMs, () => (document.querySelector(selector) ? { value: performance.now() } : undefined)),
    consequencesPainted: (since, quietMs, timeoutMs) =>
      new Promise<number | null>((resolve, reject) => {
        const start = performance.now();
        const look = () => {
          const now = performance.now();
          if (!consequenceFrame && now - lastConsequence >= quietMs) {
            const after = consequencePaints.filter((t) => t >= since);
            resolve(after.length > 0 ? after[after.length - 1]! : null);
          } else if (now - start > timeoutMs) reject(new Error(`the page was still changing ${timeoutMs} ms later`));
          else setTimeout(look, 10);
        };
        look();
      }),
    layoutShiftSince: (since) => layoutShifts.filter((x) => x.at >= since).reduce((sum, x) => sum + x.value, 0),
    armPaintedAtTop(selector, timeoutMs) {
      const entry: { at?: number; questions?: number; problem?: string } = {};
      watched.set(selector, entry);
      const start = performance.now();
      const look = () => {
        if (document.querySelector(selector) && window.scrollY === 0) {
          entry.questions = document.querySelector('.questions')?.children.length ?? 0;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            entry.at = performance.now();
            channel.port1.close();
            runChecks();
          };
          channel.port2.postMessage(0);
        } else if (performance.now() - start > timeoutMs) {
          const found = document.querySelector(selector);
          entry.problem =
            `${selector} was not shown at the top of the page within ${timeoutMs} ms ` +
            `(${found ? 'in the page' : 'not in the page'}, scrolled to ${Math.round(window.scrollY)} px; ` +
            `the page shows "${document.querySelector('h2')?.textContent ?? ''}")`;
          runChecks();
        } else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    paintedAtTop: (selector, timeoutMs) =>
      until(`${selector} to be painted at the top of the page`, timeoutMs, () => {
        const entry = watched.get(selector);
        if (!entry) throw new Error(`nothing watches for ${selector}: armPaintedAtTop first`);
        if (entry.problem) throw new Error(entry.problem);
        return entry.at !== undefined ? { value: entry.at } : undefined;
      }),
    questionsAtTop(selector) {
      const entry = watched.get(selector);
      if (entry?.questions === undefined) throw new Error(`${selector} was not seen at the top of the page`);
      return entry.questions;
    },
    sectionHtml() {
      const form = document.querySelector('form.section-page');
      if (!form) throw new Error('no section is shown');
      return form.outerHTML;
    },
    async plainTurn(fromHtml, toHtml, toItems) {
      if (!plainBody) {
        plainBody = document.body.cloneNode(true) as HTMLElement;
        document.documentElement.replaceChild(plainBody, document.body);
      }
      const parse = (html: string) => {
        const t = document.createElement('template');
        t.innerHTML = html;
        return t.content.firstElementChild as HTMLFormElement;
      };
      const next = parse(toHtml);
      const list = next.querySelector('.questions');
      if (!list) throw new Error('the section to turn to has no list of questions');
      while (list.children.length > toItems) list.lastElementChild!.remove();
      list.setAttribute('aria-busy', 'true');
      const from = parse(fromHtml);
      plainBody.querySelector('form.section-page')!.replaceWith(from);
      from.addEventListener('submit', (e) => {
        e.preventDefault();
        from.replaceWith(next);
        window.scrollTo({ top: 0, behavior: 'instant' });
        next.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
      });
      await frame();
      await frame();
    },
    async point(selector) {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
        el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
        await frame();
        await frame();
      }
      const box = el.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, target: describe(el) };
    },
    async focus(selector) {
      const el = document.querySelector(selector);
      if (!(el instanceof HTMLElement)) return false;
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
      el.focus();
      await frame();
      return document.activeElement === el;
    },
    count: (selector) => document.querySelectorAll(selector).length,
    clickCount: () => clicks.length,
    clickDone: (n, timeoutMs) =>
      until(`click ${n} to be painted`, timeoutMs, () => {
        const c = clicks[n];
        return c?.paintAt !== undefined ? { value: c } : undefined;
      }),
    savedAfter(since, timeoutMs) {
      const after = () => status.filter((s) => s.at >= since);
      const saving = after().findIndex((s) => s.status === 'saving');
      if (saving < 0) return Promise.resolve(null);
      return until('the save status to return to "saved"', timeoutMs, () => {
        const later = after().slice(saving + 1);
        if (later.some((s) => s.status === 'failed')) throw new Error('the save status shows "failed"');
        const saved = later.find((s) => s.status === 'saved');
        return saved ? { value: saved.at } : undefined;
      });
    },
    storedAt: (dbName, store, id, questionId, row, value, timeoutMs) =>
      withDb(dbName, async (db) => {
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
          const answer = (await getRecord(db, store, id))?.answers[questionId];
          const got = row === null ? answer : (answer as Record<string, unknown> | undefined)?.[row];
          if (got === value) return performance.now();
        }
        throw new Error(`${questionId}${row === null ? '' : `.${row}`} never became ${value} in IndexedDB`);
      }),
    readRecord: (dbName, store, id) =>
      withDb(dbName, async (db) => {
        const record = await getRecord(db, store, id);
        if (!record) throw new Error(`no record ${id} in IndexedDB`);
        return { answers: record.answers, progress: record.progress };
      }),
    putRows: (dbName, rows) =>
      withDb(dbName, (db) => {
        const stores = Object.keys(rows);
        const tx = db.transaction(stores, 'readwrite');
        for (const store of stores) for (const row of rows[store]!) tx.objectStore(store).put(row);
        return new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
          tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
        });
      }),
    countRows: (dbName, store, index, value) =>
      withDb(dbName, (db) => {
        const os = db.transaction(store, 'readonly').objectStore(store);
        return request(index === null ? os.count() : os.index(index).count(value ?? undefined));
      }),
    allSentAfter(since, timeoutMs) {
      const startedBefore = syncBar.some((s) => s.at < since && !s.none);
      return until('the sync bar to show everything sent', timeoutMs, () => {
        const after = syncBar.filter((s) => s.at >= since);
        const waiting = after.findIndex((s) => !s.none);
        if (waiting < 0) return undefined;
        const done = after.slice(waiting + 1).find((s) => s.none);
        return done ? { value: { at: done.at, startedBefore } } : undefined;
      });
    },
    syncIdle: (timeoutMs) =>
      until('no upload to run', timeoutMs, () => {
        const button = document.querySelector('.sync-bar button.sync-now');
        return button && !button.hasAttribute('disabled') ? { value: performance.now() } : undefined;
      }),
    requests: (path, since) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes(path) && e.startTime >= since)
        .map((e) => ({ start: e.startTime, end: e.responseEnd })),
    openInfo(lastQuestionId) {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const chunk = performance.getEntriesByType('resource').find((e) => /InterviewPage[^/]*\.js/.test(e.name)) as PerformanceResourceTiming | undefined;
      const domAt = seen[lastQuestionId] ?? Number.NaN;
      return {
        domAt,
        responseEnd: nav?.responseEnd ?? Number.NaN,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
        interviewChunk: chunk?.responseEnd ?? Number.NaN,
        firstQuestion: Math.min(...Object.values(seen)),
        longTasksBefore: longTasks.filter((t) => t.start < domAt).map((t) => Math.round(t.duration)),
      };
    },
  };

  window.__bench = { seen, clicks, status, longTasks, syncBar, api };
}
