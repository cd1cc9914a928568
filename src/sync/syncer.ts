/**
 * The upload loop of the device: single-flight sync runs (run-loop.ts), started on app start, on
 * `online`, when the page becomes visible, by the "sync now" button and by a timer (backoff with
 * jitter after a failure, every two minutes otherwise).
 */
import { getEnrolment, getSyncState, outboxCounts, saveSyncState, type Enrolment } from '../store';
import { AUTH_ERROR_CODES, deviceError } from './failures';
import { createRunLoop } from './run-loop';
import { senderOf, senderSetup, statusChannel, type Sender, type SenderOptions } from './sender';
import { makeStatus, sameStatus, type SyncOutcome, type SyncStatus } from './status';

export interface SyncerOptions extends SenderOptions {
  batchSize?: number | undefined;
  /** How often to look at the outbox when nothing failed. */
  idleIntervalMs?: number | undefined;
}

export interface Syncer extends Sender<SyncOutcome, SyncStatus> {
  /** Re-reads counts and state from the store (after completing an interview, say). */
  refresh(): Promise<SyncStatus>;
}

export const IDLE_INTERVAL_MS = 2 * 60_000;

export function createSyncer(options: SyncerOptions = {}): Syncer {
  const { db, now, timers, env, isOnline, retryDelay, succeeded } = senderSetup(options);
  const idleMs = options.idleIntervalMs ?? IDLE_INTERVAL_MS;
  /** Undefined: the server's maximum per request (upload.ts knows it; the contract loads with it). */
  const batchSize = options.batchSize;

  const status = statusChannel<SyncStatus>(makeStatus({ online: isOnline(), syncing: false, pending: 0, rejected: 0, needsEnrolment: false }));
  let syncing = false;
  let nextRetryAt: string | undefined;

  function publish(next: SyncStatus) {
    if (!sameStatus(status.get(), next)) status.set(next);
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
    return status.get();
  }

  /** During an upload only the outbox changes: its counts are all that is read again. */
  async function refreshCounts(): Promise<void> {
    const counts = await outboxCounts(db);
    publish(makeStatus({ ...status.get(), ...counts }));
  }

  async function runOnce(): Promise<SyncOutcome> {
    const enrolment = await getEnrolment(db);
    if (!enrolment) return { status: 'needsEnrolment', acknowledged: 0, rejected: 0 };
    const attemptAt = now().toISOString();
    const { uploadPass } = await import('./upload');
    const pass = await uploadPass({ db, enrolment, fetch: options.fetch, timeoutMs: options.timeoutMs, now, batchSize, onProgress: refreshCounts });
    const counts = { acknowledged: pass.acknowledged, rejected: pass.rejected };
    if (pass.status === 'ok') {
      succeeded();
      if (pass.contacted) await saveSyncState({ lastSuccessAt: now().toISOString(), lastAttemptAt: attemptAt, lastError: undefined }, db);
      await refreshDefinitionsQuietly(enrolment.serverUrl);
      if (!pass.contacted) await refreshQuotaQuietly(enrolment); // nothing was sent, so no reply brought a snapshot
      return { status: 'ok', ...counts };
    }
    await saveSyncState({ lastAttemptAt: attemptAt, lastError: pass.error }, db);
    if (pass.status === 'needsEnrolment') return { status: 'needsEnrolment', error: pass.error, ...counts };
    return { status: 'failed', error: pass.error, retryInMs: retryDelay(), ...counts };
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
      const error = deviceError(e, now().toISOString());
      await saveSyncState({ lastError: error }, db).catch(() => undefined);
      return { status: 'failed', error, retryInMs: retryDelay(), acknowledged: 0, rejected: 0 };
    }
  }

  const loop = createRunLoop<SyncOutcome>({
    timers,
    env,
    pass: safeRunOnce,
    async beforeRun() {
      syncing = true;
      nextRetryAt = undefined;
      await refresh().catch(() => undefined);
    },
    afterPass: () => refresh().then(
      () => undefined,
      () => undefined,
    ),
    nextPassIn: (outcome) => (outcome.status === 'failed' ? outcome.retryInMs : outcome.status === 'ok' ? idleMs : undefined),
    afterRun(outcome) {
      if (outcome.status === 'failed') nextRetryAt = new Date(now().getTime() + outcome.retryInMs).toISOString();
      syncing = false;
      publish(makeStatus({ ...status.get(), syncing, nextRetryAt }));
    },
    // Not while offline, nor while the device must be enrolled again.
    async mayTrigger() {
      const current = await refresh().catch(() => status.get());
      return current.online && !current.needsEnrolment;
    },
    onOffline: () => publish(makeStatus({ ...status.get(), online: false })),
    onStart() {
      // Fetch the wire code now, while the page is known to have loaded, not at the first upload.
      void import('./upload').catch(() => undefined);
      void import('./definitions').catch(() => undefined);
    },
  });

  return { ...senderOf(loop, status), refresh };
}
