/**
 * The upload loop of the device: single-flight sync runs, started on app start, on `online`, when
 * the page becomes visible, by the "sync now" button and by a timer (backoff with jitter after a
 * failure). Plain events and timers only: no Background Sync, which Safari and Firefox lack.
 */
import { getDb, getEnrolment, getSyncState, outboxCounts, saveSyncState, type Enrolment, type SurveyDb } from '../store';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { AUTH_ERROR_CODES, type FetchLike } from './failures';
import { makeStatus, sameStatus, type SyncOutcome, type SyncStatus } from './status';

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

export interface SyncerOptions {
  db?: SurveyDb | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  timers?: Timers | undefined;
  env?: SyncEnvironment | undefined;
  batchSize?: number | undefined;
  timeoutMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
  /** How often to look at the outbox when nothing failed. */
  idleIntervalMs?: number | undefined;
}

export interface Syncer {
  /** Uploads everything pending. Concurrent calls share the run in flight. */
  syncNow(): Promise<SyncOutcome>;
  /** Installs the triggers and syncs once right away. */
  start(): void;
  stop(): void;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  getStatus(): SyncStatus;
  /** Re-reads counts and state from the store (after completing an interview, say). */
  refresh(): Promise<SyncStatus>;
}

export const IDLE_INTERVAL_MS = 2 * 60_000;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

const defaultEnv = (): SyncEnvironment => ({
  window: typeof window !== 'undefined' ? window : undefined,
  document: typeof document !== 'undefined' ? document : undefined,
  navigator: typeof navigator !== 'undefined' ? navigator : undefined,
});

export function createSyncer(options: SyncerOptions = {}): Syncer {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const timers = options.timers ?? defaultTimers;
  const env = options.env ?? defaultEnv();
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const idleMs = options.idleIntervalMs ?? IDLE_INTERVAL_MS;
  /** Undefined: the server's maximum per request (upload.ts knows it; the contract loads with it). */
  const batchSize = options.batchSize;
  const isOnline = () => env.navigator?.onLine ?? true;

  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = makeStatus({ online: isOnline(), syncing: false, pending: 0, rejected: 0, needsEnrolment: false });
  let syncing = false;
  let nextRetryAt: string | undefined;
  let inFlight: Promise<SyncOutcome> | undefined;
  let rerun = false;
  /** The connection came back while a run was failing: that run's failure says nothing about now. */
  let reconnected = false;
  let failures = 0;
  let started = false;
  let timer: unknown;

  function publish(next: SyncStatus) {
    if (sameStatus(status, next)) return;
    status = next;
    for (const listener of listeners) listener(status);
  }

  async function refresh(): Promise<SyncStatus> {
    const [counts, state, enrolment] = await Promise.all([outboxCounts(db), getSyncState(db), getEnrolment(db)]);
    publish(
      makeStatus({
        online: isOnline(),
        syncing,
        ...counts,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
        needsEnrolment: !enrolment || (state.lastError !== undefined && AUTH_ERROR_CODES.has(state.lastError.code)),
        deviceName: enrolment?.name,
        nextRetryAt,
      }),
    );
    return status;
  }

  /** During an upload only the outbox changes: its counts are all that is read again. */
  async function refreshCounts(): Promise<void> {
    const counts = await outboxCounts(db);
    publish(makeStatus({ ...status, ...counts }));
  }

  async function runOnce(): Promise<SyncOutcome> {
    const enrolment = await getEnrolment(db);
    if (!enrolment) return { status: 'needsEnrolment', acknowledged: 0, rejected: 0 };
    const attemptAt = now().toISOString();
    const { uploadPass } = await import('./upload');
    const pass = await uploadPass({ db, enrolment, fetch: options.fetch, timeoutMs: options.timeoutMs, now, batchSize, onProgress: refreshCounts });
    const counts = { acknowledged: pass.acknowledged, rejected: pass.rejected };
    if (pass.status === 'ok') {
      failures = 0;
      if (pass.contacted) await saveSyncState({ lastSuccessAt: now().toISOString(), lastAttemptAt: attemptAt, lastError: undefined }, db);
      await refreshDefinitionsQuietly(enrolment.serverUrl);
      if (!pass.contacted) await refreshQuotaQuietly(enrolment); // nothing was sent, so no reply brought a snapshot
      return { status: 'ok', ...counts };
    }
    await saveSyncState({ lastAttemptAt: attemptAt, lastError: pass.error }, db);
    if (pass.status === 'needsEnrolment') return { status: 'needsEnrolment', error: pass.error, ...counts };
    failures += 1;
    return { status: 'failed', error: pass.error, retryInMs: backoffDelay(failures, random, policy), ...counts };
  }

  /**
   * After a good run, the questionnaires the server offers that the device lacks are fetched into
   * the store. A failure here is not a sync failure: they come with the next run.
   */
  async function refreshDefinitionsQuietly(serverUrl: string): Promise<void> {
    try {
      const { refreshDefinitions } = await import('./definitions');
      await refreshDefinitions({ db, serverUrl, fetch: options.fetch, timeoutMs: options.timeoutMs });
    } catch {
      // Offline or an old server: the bundled and already cached questionnaires still work.
    }
  }

  /** A fresh quota snapshot for the start page's warnings; a failure waits for the next run. */
  async function refreshQuotaQuietly(enrolment: Enrolment): Promise<void> {
    try {
      const { refreshQuota } = await import('./quota');
      await refreshQuota({ db, enrolment, fetch: options.fetch, timeoutMs: options.timeoutMs });
    } catch {
      // Offline, a revoked token (the next upload reports it) or an old server: the stored snapshot stays.
    }
  }

  /** runOnce, with a failure of the device itself (IndexedDB) turned into a retryable outcome. */
  async function safeRunOnce(): Promise<SyncOutcome> {
    try {
      return await runOnce();
    } catch (e) {
      const error = { code: 'device_error', message: e instanceof Error ? e.message : String(e), at: now().toISOString() };
      await saveSyncState({ lastError: error }, db).catch(() => undefined);
      failures += 1;
      return { status: 'failed', error, retryInMs: backoffDelay(failures, random, policy), acknowledged: 0, rejected: 0 };
    }
  }

  function schedule(delayMs: number | undefined) {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (!started || delayMs === undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void trigger();
    }, delayMs);
  }

  function syncNow(): Promise<SyncOutcome> {
    if (inFlight) {
      rerun = true;
      return inFlight;
    }
    inFlight = (async () => {
      syncing = true;
      nextRetryAt = undefined;
      await refresh().catch(() => undefined);
      let outcome: SyncOutcome;
      for (;;) {
        rerun = false;
        reconnected = false;
        outcome = await safeRunOnce();
        await refresh().catch(() => undefined);
        // A call came in meanwhile: look again. After a failure, only if the device came back
        // online during the run (otherwise the backoff timer decides when to try again).
        const again = outcome.status === 'ok' ? rerun : outcome.status === 'failed' && reconnected && isOnline();
        if (!again) break;
      }
      if (outcome.status === 'failed') nextRetryAt = new Date(now().getTime() + outcome.retryInMs).toISOString();
      schedule(outcome.status === 'failed' ? outcome.retryInMs : outcome.status === 'ok' ? idleMs : undefined);
      syncing = false;
      inFlight = undefined;
      publish(makeStatus({ ...status, syncing, nextRetryAt }));
      return outcome;
    })();
    return inFlight;
  }

  /** An automatic trigger: skipped while offline or while the device must be enrolled again. */
  async function trigger(): Promise<void> {
    const current = await refresh().catch(() => status);
    if (!current.online || current.needsEnrolment) return;
    await syncNow();
  }

  const onOnline = () => {
    if (inFlight) reconnected = true;
    void trigger();
  };
  const onOffline = () => publish(makeStatus({ ...status, online: false }));
  const onVisibility = () => {
    if (env.document?.visibilityState === 'visible') void trigger();
  };

  return {
    syncNow,
    refresh,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (started) return;
      started = true;
      env.window?.addEventListener('online', onOnline);
      env.window?.addEventListener('offline', onOffline);
      env.document?.addEventListener('visibilitychange', onVisibility);
      // Fetch the wire code now, while the page is known to have loaded, not at the first upload.
      void import('./upload').catch(() => undefined);
      void import('./definitions').catch(() => undefined);
      void trigger();
    },
    stop() {
      started = false;
      env.window?.removeEventListener('online', onOnline);
      env.window?.removeEventListener('offline', onOffline);
      env.document?.removeEventListener('visibilitychange', onVisibility);
      schedule(undefined);
    },
  };
}
