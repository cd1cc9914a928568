/**
 * The single-flight loop both senders share (the enumerator's syncer and the respondent's link
 * sender): one pass at a time; a call during a pass shares it and asks for one more after it; the
 * next automatic pass is set by a timer from the outcome (backoff after a failure); the triggers
 * are start, `online` and the page becoming visible. Plain events and timers only: no Background
 * Sync, which Safari and Firefox lack.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type Events = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** Where the triggers come from; defaults to the page's window, document and navigator. */
export interface SyncEnvironment {
  window?: Events | undefined;
  document?: (Events & { visibilityState: string }) | undefined;
  navigator?: { onLine: boolean } | undefined;
}

export const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export const defaultEnv = (): SyncEnvironment => ({
  window: typeof window !== 'undefined' ? window : undefined,
  document: typeof document !== 'undefined' ? document : undefined,
  navigator: typeof navigator !== 'undefined' ? navigator : undefined,
});

export interface RunLoopOptions<O extends { status: string }> {
  timers: Timers;
  env: SyncEnvironment;
  /** One pass. It does not throw: a failure is an outcome with status "failed". */
  pass: () => Promise<O>;
  /** Before the first pass of a run. */
  beforeRun?: () => Promise<void>;
  /** After each pass. */
  afterPass?: () => Promise<void>;
  /** When the run ends, with its last outcome (after the next automatic pass is set). */
  afterRun: (outcome: O) => void;
  /** Milliseconds until the next automatic pass after this outcome; undefined for none. */
  nextPassIn: (outcome: O) => number | undefined;
  /** Whether an automatic trigger may start a run now (offline, say, it may not). */
  mayTrigger: () => boolean | Promise<boolean>;
  /** Told of `online` and `offline` before the loop acts on them. */
  onOnline?: () => void;
  onOffline?: () => void;
  /** Called once by `start`, before the first trigger. */
  onStart?: () => void;
}

export interface RunLoop<O> {
  /** Runs now, or shares the run in flight and asks for one more pass after it. */
  runNow(): Promise<O>;
  start(): void;
  stop(): void;
  /**
   * Settles once no trigger is being decided and no run is in flight: what the events and timers
   * fired so far have led to is done (tests wait for this instead of for a while).
   */
  whenIdle(): Promise<void>;
}

export function createRunLoop<O extends { status: string }>(o: RunLoopOptions<O>): RunLoop<O> {
  const isOnline = () => o.env.navigator?.onLine ?? true;
  let inFlight: Promise<O> | undefined;
  let rerun = false;
  /** The connection came back during a failing pass: that failure says nothing about now. */
  let reconnected = false;
  let started = false;
  let timer: unknown;
  /** Triggers being decided (mayTrigger) or running, and who waits for none. */
  let deciding = 0;
  const idleWaiters: (() => void)[] = [];
  const settleIdle = () => {
    if (deciding === 0 && inFlight === undefined) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  function schedule(delayMs: number | undefined) {
    if (timer !== undefined) o.timers.clearTimeout(timer);
    timer = undefined;
    if (!started || delayMs === undefined) return;
    timer = o.timers.setTimeout(() => {
      timer = undefined;
      void trigger();
    }, delayMs);
  }

  function runNow(): Promise<O> {
    if (inFlight) {
      rerun = true;
      return inFlight;
    }
    inFlight = (async () => {
      await o.beforeRun?.();
      let outcome: O;
      for (;;) {
        rerun = false;
        reconnected = false;
        outcome = await o.pass();
        await o.afterPass?.();
        // A call came in meanwhile: look again. After a failure, only if the device came back
        // online during the pass (otherwise the backoff timer decides when to try again).
        const again = outcome.status === 'ok' ? rerun : outcome.status === 'failed' && reconnected && isOnline();
        if (!again) break;
      }
      schedule(o.nextPassIn(outcome));
      inFlight = undefined;
      o.afterRun(outcome);
      settleIdle();
      return outcome;
    })();
    return inFlight;
  }

  /** An automatic trigger: skipped when the sender says it may not run now. */
  async function trigger(): Promise<void> {
    deciding += 1;
    try {
      const may = o.mayTrigger();
      if (!(typeof may === 'boolean' ? may : await may)) return;
      await runNow();
    } finally {
      deciding -= 1;
      settleIdle();
    }
  }

  const onOnline = () => {
    if (inFlight) reconnected = true;
    o.onOnline?.();
    void trigger();
  };
  const onOffline = () => o.onOffline?.();
  const onVisibility = () => {
    if (o.env.document?.visibilityState === 'visible') void trigger();
  };

  return {
    runNow,
    start() {
      if (started) return;
      started = true;
      o.env.window?.addEventListener('online', onOnline);
      o.env.window?.addEventListener('offline', onOffline);
      o.env.document?.addEventListener('visibilitychange', onVisibility);
      o.onStart?.();
      void trigger();
    },
    stop() {
      started = false;
      o.env.window?.removeEventListener('online', onOnline);
      o.env.window?.removeEventListener('offline', onOffline);
      o.env.document?.removeEventListener('visibilitychange', onVisibility);
      schedule(undefined);
    },
    whenIdle() {
      if (deciding === 0 && inFlight === undefined) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
