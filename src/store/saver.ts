/**
 * Coalesces a form's rapid changes into few writes: at most one saveDraft in flight; patches that
 * arrive meanwhile are merged (latest wins per field) and written together right after. A failed
 * write keeps its patch pending for the next save or flush to retry, and rejects their waiters.
 */
import { getDb, type SurveyDb } from './db';
import { saveDraft } from './drafts';
import type { DraftPatch } from './types';

export interface DraftSaver {
  /** Queues a patch; resolves once it is durably written, rejects if that write fails. */
  save(patch: DraftPatch): Promise<void>;
  /** Resolves once everything given so far is durably written (retrying a failed patch). */
  flush(): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Batch {
  patch: DraftPatch;
  waiters: Waiter[];
}

export function createDraftSaver(id: string, db: SurveyDb = getDb()): DraftSaver {
  let pending: Batch | undefined;
  let inFlight: Batch | undefined;

  const wait = (batch: Batch) =>
    new Promise<void>((resolve, reject) => {
      batch.waiters.push({ resolve, reject });
    });

  function writeNext(): void {
    if (inFlight || !pending) return;
    const batch = pending;
    pending = undefined;
    inFlight = batch;
    saveDraft(id, batch.patch, db).then(
      () => {
        inFlight = undefined;
        for (const w of batch.waiters) w.resolve();
        writeNext();
      },
      (error: unknown) => {
        inFlight = undefined;
        // Keep the unwritten changes (newer ones win) without waiters: the next save or flush
        // retries them. Everyone waiting now hears about the failure.
        const newer = pending;
        pending = { patch: { ...batch.patch, ...newer?.patch }, waiters: [] };
        for (const w of [...batch.waiters, ...(newer?.waiters ?? [])]) w.reject(error);
      },
    );
  }

  function enqueue(patch: DraftPatch): Promise<void> {
    pending = pending ? { patch: { ...pending.patch, ...patch }, waiters: pending.waiters } : { patch, waiters: [] };
    const done = wait(pending);
    writeNext();
    return done;
  }

  return {
    save: enqueue,
    flush() {
      if (pending) return enqueue({});
      if (inFlight) return wait(inFlight);
      return Promise.resolve();
    },
  };
}
