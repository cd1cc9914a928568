/**
 * The respondent's sender: sends what was completed through respondent links on this device,
 * with no enrolment. Single flight, started on `online`, when the page becomes visible, by the
 * page itself and by a timer after a failure (backoff with jitter): the enumerator's syncer's loop
 * (run-loop.ts).
 */
import { getDb, type SurveyDb, type SyncError } from '../store';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { FetchLike } from './failures';
import { createRunLoop, defaultEnv, defaultTimers, type SyncEnvironment, type Timers } from './run-loop';

export interface LinkSyncerOptions {
  db?: SurveyDb | undefined;
  /** The server's address; '' (the default) for the page's own origin. */
  serverUrl?: string | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  timers?: Timers | undefined;
  env?: SyncEnvironment | undefined;
  timeoutMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
}

export interface LinkSyncStatus {
  /** navigator.onLine: false is reliable, true only means "maybe". */
  online: boolean;
  syncing: boolean;
  /** Why the last run stopped, when it failed; cleared by a good run. */
  lastError?: SyncError;
  /** When the next automatic attempt after a failure is due. */
  nextRetryAt?: string;
  /** Finished runs: what is stored may have changed after each. */
  runs: number;
}

type Counts = { acknowledged: number; rejected: number };
export type LinkSyncOutcome = ({ status: 'ok' } & Counts) | ({ status: 'failed'; error: SyncError; retryInMs: number } & Counts);

export interface LinkSyncer {
  /** Sends everything pending. Concurrent calls share the run in flight (and ask for one more after it). */
  syncNow(): Promise<LinkSyncOutcome>;
  /** Installs the triggers and sends once right away (when online). */
  start(): void;
  stop(): void;
  /** Settles once what the triggers fired so far has run (or was skipped): see run-loop.ts. */
  whenIdle(): Promise<void>;
  subscribe(listener: (status: LinkSyncStatus) => void): () => void;
  getStatus(): LinkSyncStatus;
}

export function createLinkSyncer(options: LinkSyncerOptions = {}): LinkSyncer {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const timers = options.timers ?? defaultTimers;
  const env = options.env ?? defaultEnv();
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const isOnline = () => env.navigator?.onLine ?? true;

  const listeners = new Set<(status: LinkSyncStatus) => void>();
  let status: LinkSyncStatus = { online: isOnline(), syncing: false, runs: 0 };
  let failures = 0;

  function publish(patch: Partial<LinkSyncStatus>, drop: (keyof LinkSyncStatus)[] = []) {
    const next: LinkSyncStatus = { ...status, ...patch };
    for (const key of drop) delete next[key];
    status = next;
    for (const listener of listeners) listener(status);
  }

  async function runOnce(): Promise<LinkSyncOutcome> {
    try {
      const { linkPass } = await import('./links');
      const pass = await linkPass({ db, now, serverUrl: options.serverUrl ?? '', fetch: options.fetch, timeoutMs: options.timeoutMs });
      const counts = { acknowledged: pass.acknowledged, rejected: pass.rejected };
      if (pass.status === 'ok') {
        failures = 0;
        return { status: 'ok', ...counts };
      }
      failures += 1;
      return { status: 'failed', error: pass.error!, retryInMs: backoffDelay(failures, random, policy), ...counts };
    } catch (e) {
      // The device itself failed (IndexedDB), or the code could not load offline: try again later.
      failures += 1;
      const error = { code: 'device_error', message: e instanceof Error ? e.message : String(e), at: now().toISOString() };
      return { status: 'failed', error, retryInMs: backoffDelay(failures, random, policy), acknowledged: 0, rejected: 0 };
    }
  }

  const loop = createRunLoop<LinkSyncOutcome>({
    timers,
    env,
    pass: runOnce,
    beforeRun: async () => publish({ syncing: true, online: isOnline() }, ['nextRetryAt']),
    nextPassIn: (outcome) => (outcome.status === 'failed' ? outcome.retryInMs : undefined),
    afterRun(outcome) {
      if (outcome.status === 'failed')
        publish({ syncing: false, runs: status.runs + 1, lastError: outcome.error, nextRetryAt: new Date(now().getTime() + outcome.retryInMs).toISOString() });
      else publish({ syncing: false, runs: status.runs + 1 }, ['lastError', 'nextRetryAt']);
    },
    // Not while the browser knows it is offline.
    mayTrigger: isOnline,
    onOnline: () => publish({ online: true }),
    onOffline: () => publish({ online: false }),
  });

  return {
    syncNow: loop.runNow,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: loop.start,
    stop: loop.stop,
    whenIdle: loop.whenIdle,
  };
}
