/**
 * What both senders (the enumerator's syncer and the respondent's link sender) share around
 * their run loop (run-loop.ts): the options they take, with the page's own defaults; the count of
 * failed passes in a row that sets the backoff; the status they publish to listeners; and their
 * public face.
 */
import { getDb, type SurveyDb } from '../store';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { FetchLike } from './failures';
import { defaultEnv, defaultTimers, type RunLoop, type SyncEnvironment, type Timers } from './run-loop';

/** Each option is the page's own (its database, fetch, clock, timers, window) when not given. */
export interface SenderOptions {
  db?: SurveyDb | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  timers?: Timers | undefined;
  env?: SyncEnvironment | undefined;
  timeoutMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
}

export interface Sender<Outcome, Status> {
  /** Sends everything pending. Concurrent calls share the run in flight (and ask for one more after it). */
  syncNow(): Promise<Outcome>;
  /** Installs the triggers and sends once right away. */
  start(): void;
  stop(): void;
  /** Settles once what the triggers fired so far has run (or was skipped): see run-loop.ts. */
  whenIdle(): Promise<void>;
  subscribe(listener: (status: Status) => void): () => void;
  getStatus(): Status;
}

/** The options with their defaults, and the backoff after failed passes in a row. */
export function senderSetup(options: SenderOptions) {
  const env = options.env ?? defaultEnv();
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  let failures = 0;
  return {
    db: options.db ?? getDb(),
    now: options.now ?? (() => new Date()),
    timers: options.timers ?? defaultTimers,
    env,
    isOnline: () => env.navigator?.onLine ?? true,
    /** A pass failed: milliseconds until the next one, drawn below a ceiling that grows with each failure in a row. */
    retryDelay: () => backoffDelay(++failures, random, policy),
    /** A pass went through: the next failure starts the backoff again. */
    succeeded: () => {
      failures = 0;
    },
  };
}

/** The status a sender publishes: every change goes to each listener. */
export interface StatusChannel<Status> {
  get(): Status;
  set(next: Status): void;
  subscribe(listener: (status: Status) => void): () => void;
}

export function statusChannel<Status>(initial: Status): StatusChannel<Status> {
  const listeners = new Set<(status: Status) => void>();
  let status = initial;
  return {
    get: () => status,
    set(next: Status) {
      status = next;
      for (const listener of listeners) listener(status);
    },
    subscribe(listener: (status: Status) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The public face of a sender over its loop and its status. */
export function senderOf<Outcome, Status>(loop: RunLoop<Outcome>, status: StatusChannel<Status>): Sender<Outcome, Status> {
  return {
    syncNow: loop.runNow,
    getStatus: status.get,
    subscribe: status.subscribe,
    start: loop.start,
    stop: loop.stop,
    whenIdle: loop.whenIdle,
  };
}
