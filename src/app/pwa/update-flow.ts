/**
 * The app update, as a state machine free of browser APIs (tested with a fake source): a new
 * version waits until the user accepts; accepting saves the open interview first, then asks the
 * waiting service worker to take over and reloads once it does. Nothing reloads without consent.
 * Checks for a new version every 30 minutes, on `online` and when the page becomes visible; a
 * check that fails (no connection, the server restarting) or a new version whose install fails is
 * tried again after 15 s, 1 min and 5 min, so a deployment is not missed until the next half hour.
 */
export type UpdateState =
  /** Nothing to offer (or the user said "later" to this version). */
  | { kind: 'idle' }
  /** A new version is ready: the banner asks. */
  | { kind: 'available' }
  /** Accepted: saving the open interview. */
  | { kind: 'saving' }
  /** Saved; the new version is taking over, the page reloads when it has. */
  | { kind: 'activating' }
  /** The open interview could not be saved: nothing was reloaded; the banner asks again. */
  | { kind: 'saveFailed' };

/** What the flow needs from the service worker registration (workbox-window's Workbox fits). */
export interface UpdateSource {
  /** A new version is installed and waiting. */
  onWaiting(listener: () => void): void;
  /** A new version was found but could not be installed (one of its files failed to download). */
  onInstallFailed?(listener: () => void): void;
  /** A new service worker controls the page; `isUpdate` is false for the very first install. */
  onControlling(listener: (event: { isUpdate: boolean }) => void): void;
  /** Tells the waiting worker to activate ({type: 'SKIP_WAITING'}). */
  skipWaiting(): void;
  /** Asks the browser to look for a new version now. */
  update(): Promise<unknown>;
}

type Events = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface UpdateEnvironment {
  window?: Events | undefined;
  document?: (Events & { visibilityState: string }) | undefined;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateFlowOptions {
  /** Saves what is open (the draft); the reload waits for it, and does not happen if it fails. */
  beforeReload: () => Promise<void>;
  reload: () => void;
  env?: UpdateEnvironment | undefined;
}

export interface UpdateFlow {
  getState(): UpdateState;
  subscribe(listener: () => void): () => void;
  /** Wires the registration in and starts the periodic checks. */
  connect(source: UpdateSource): void;
  /** The user accepted: save, switch to the new version, reload. */
  accept(): Promise<void>;
  /** "Later": hide the offer until a newer version arrives or the app starts again. */
  dismiss(): void;
  /** Checks for a new version now (errors ignored: offline is normal). */
  check(): void;
  stop(): void;
}

export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000;
/** The waits before checking again after a failed check or install; then the regular checks go on. */
export const UPDATE_RETRY_MS: readonly number[] = [15_000, 60_000, 5 * 60_000];
/** If the new version has not taken over by then, reload anyway: the draft is saved already. */
export const ACTIVATION_TIMEOUT_MS = 10_000;

const defaultEnv = (): UpdateEnvironment => ({
  window: typeof window !== 'undefined' ? window : undefined,
  document: typeof document !== 'undefined' ? document : undefined,
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
});

export function createUpdateFlow(options: UpdateFlowOptions): UpdateFlow {
  const env = options.env ?? defaultEnv();
  const listeners = new Set<() => void>();
  let state: UpdateState = { kind: 'idle' };
  let source: UpdateSource | undefined;
  let accepted = false;
  /** A newer version already controls this page (another tab accepted it): reloading is enough. */
  let newerInControl = false;
  let reloading = false;
  let interval: unknown;
  /** Failed checks or installs since the last regular check, and the pending retry. */
  let failures = 0;
  let retry: unknown;
  let stopped = false;

  const set = (next: UpdateState) => {
    if (next.kind === state.kind) return;
    state = next;
    for (const l of listeners) l();
  };

  const attempt = () => {
    void source?.update().catch(() => retryLater());
  };
  const retryLater = () => {
    if (stopped || retry !== undefined || failures >= UPDATE_RETRY_MS.length) return;
    const wait = UPDATE_RETRY_MS[failures++]!;
    retry = env.setTimeout(() => {
      retry = undefined;
      attempt();
    }, wait);
  };
  const cancelRetry = () => {
    if (retry !== undefined) env.clearTimeout(retry);
    retry = undefined;
  };
  /** A regular check: it gets its own series of retries. */
  const check = () => {
    cancelRetry();
    failures = 0;
    attempt();
  };
  const onVisible = () => {
    if (env.document?.visibilityState === 'visible') check();
  };

  async function reloadNow() {
    if (reloading) return;
    reloading = true;
    // Answers given in the moment between accepting and the switch are saved too.
    await options.beforeReload().catch(() => undefined);
    options.reload();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    connect(next) {
      source = next;
      next.onWaiting(() => {
        cancelRetry();
        if (!accepted) set({ kind: 'available' });
      });
      next.onInstallFailed?.(retryLater);
      next.onControlling(({ isUpdate }) => {
        if (accepted) void reloadNow();
        else if (isUpdate) {
          newerInControl = true;
          set({ kind: 'available' });
        }
      });
      interval = env.setInterval(check, UPDATE_CHECK_INTERVAL_MS);
      env.window?.addEventListener('online', check);
      env.document?.addEventListener('visibilitychange', onVisible);
    },
    async accept() {
      if (state.kind !== 'available' && state.kind !== 'saveFailed') return;
      set({ kind: 'saving' });
      try {
        await options.beforeReload();
      } catch {
        set({ kind: 'saveFailed' });
        return;
      }
      accepted = true;
      set({ kind: 'activating' });
      if (newerInControl || !source) return void reloadNow();
      env.setTimeout(() => void reloadNow(), ACTIVATION_TIMEOUT_MS);
      source.skipWaiting();
    },
    dismiss() {
      if (state.kind === 'available' || state.kind === 'saveFailed') set({ kind: 'idle' });
    },
    check,
    stop() {
      if (interval !== undefined) env.clearInterval(interval);
      interval = undefined;
      stopped = true;
      cancelRetry();
      env.window?.removeEventListener('online', check);
      env.document?.removeEventListener('visibilitychange', onVisible);
    },
  };
}
