/**
 * Saves every change of an open interview to the device, and tells the page whether the latest
 * answer is safely stored. A change is handed to the store right after the frame that shows it
 * is painted (the tap's feedback never waits for IndexedDB), changes within that frame are merged,
 * and the store's draft saver coalesces writes. "Saving…" appears only when a write is slow, so a
 * normal answer neither re-renders the indicator nor makes a screen reader announce anything.
 */
import { createDraftSaver, type DraftPatch, type DraftSaver } from '../../store';
import { afterPaint } from './taps';

export type SaveStatus = 'saved' | 'saving' | 'failed';

const SLOW_SAVE_MS = 400;

export class AutoSave {
  private saver;
  private status: SaveStatus = 'saved';
  private listeners = new Set<() => void>();
  private inFlight = 0;
  private queued: DraftPatch | undefined;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** `saver`: where changes go (the draft's record on the device, unless a preview keeps nothing). */
  constructor(recordId: string, saver: DraftSaver = createDraftSaver(recordId)) {
    this.saver = saver;
  }

  /**
   * Queues a change; it reaches IndexedDB right after the next paint, or, when the change is
   * made after the frame that shows it was painted (`painted`), once the current task's changes
   * are merged.
   */
  save(patch: DraftPatch, painted = false): void {
    const first = this.queued === undefined;
    this.queued = { ...this.queued, ...patch };
    if (!first) return;
    if (painted) queueMicrotask(this.dispatch);
    else afterPaint(this.dispatch);
  }

  /** Resolves when everything given so far is durably stored; rejects if it could not be. */
  async flush(): Promise<void> {
    this.dispatch();
    try {
      await this.saver.flush();
      if (this.inFlight === 0) this.set('saved');
    } catch (e) {
      this.set('failed');
      this.scheduleRetry();
      throw e;
    }
  }

  getStatus = (): SaveStatus => this.status;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.slowTimer);
  }

  private dispatch = (): void => {
    const patch = this.queued;
    if (patch === undefined) return;
    this.queued = undefined;
    this.inFlight += 1;
    if (this.slowTimer === undefined && this.status !== 'failed')
      this.slowTimer = setTimeout(() => this.inFlight > 0 && this.status !== 'failed' && this.set('saving'), SLOW_SAVE_MS);
    this.saver.save(patch).then(
      () => this.settle(true),
      () => this.settle(false),
    );
  };

  private settle(ok: boolean) {
    this.inFlight -= 1;
    if (!ok) {
      this.set('failed');
      this.scheduleRetry();
    } else if (this.inFlight === 0) {
      clearTimeout(this.slowTimer);
      this.slowTimer = undefined;
      this.set('saved');
    }
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush().catch(() => undefined), 1000);
  }

  private set(status: SaveStatus) {
    if (status === this.status) return;
    this.status = status;
    this.listeners.forEach((l) => l());
  }
}
