/**
 * The respondent's sender: sends what was completed through respondent links on this device,
 * with no enrolment. Single flight, started on `online`, when the page becomes visible, by the
 * page itself and by a timer after a failure (backoff with jitter): the enumerator's syncer's loop
 * (run-loop.ts).
 */
import type { SyncError } from '../store';
import { deviceError } from './failures';
import { createRunLoop } from './run-loop';
import { senderOf, senderSetup, statusChannel, type Sender, type SenderOptions } from './sender';

export interface LinkSyncerOptions extends SenderOptions {
  /** The server's address; '' (the default) for the page's own origin. */
  serverUrl?: string | undefined;
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

export type LinkSyncer = Sender<LinkSyncOutcome, LinkSyncStatus>;

export function createLinkSyncer(options: LinkSyncerOptions = {}): LinkSyncer {
  const { db, now, timers, env, isOnline, retryDelay, succeeded } = senderSetup(options);
  const status = statusChannel<LinkSyncStatus>({ online: isOnline(), syncing: false, runs: 0 });

  function publish(patch: Partial<LinkSyncStatus>, drop: (keyof LinkSyncStatus)[] = []) {
    const next: LinkSyncStatus = { ...status.get(), ...patch };
    for (const key of drop) delete next[key];
    status.set(next);
  }

  async function runOnce(): Promise<LinkSyncOutcome> {
    try {
      const { linkPass } = await import('./links');
      const pass = await linkPass({ db, now, serverUrl: options.serverUrl ?? '', fetch: options.fetch, timeoutMs: options.timeoutMs });
      const counts = { acknowledged: pass.acknowledged, rejected: pass.rejected };
      if (pass.status === 'ok') {
        succeeded();
        return { status: 'ok', ...counts };
      }
      return { status: 'failed', error: pass.error!, retryInMs: retryDelay(), ...counts };
    } catch (e) {
      // The device itself failed (IndexedDB), or the code could not load offline: try again later.
      return { status: 'failed', error: deviceError(e, now().toISOString()), retryInMs: retryDelay(), acknowledged: 0, rejected: 0 };
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
        publish({ syncing: false, runs: status.get().runs + 1, lastError: outcome.error, nextRetryAt: new Date(now().getTime() + outcome.retryInMs).toISOString() });
      else publish({ syncing: false, runs: status.get().runs + 1 }, ['lastError', 'nextRetryAt']);
    },
    // Not while the browser knows it is offline.
    mayTrigger: isOnline,
    onOnline: () => publish({ online: true }),
    onOffline: () => publish({ online: false }),
  });

  return senderOf(loop, status);
}
