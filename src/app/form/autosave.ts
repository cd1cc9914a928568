/**
 * Saves every change of an open interview to the device as it happens, and tells the page whether
 * the latest answer is safely stored. Writes are coalesced by the store's draft saver.
 */
import { createDraftSaver, type DraftPatch } from '../../store';

export type SaveStatus = 'saved' | 'saving' | 'failed';

export class AutoSave {
  private saver;
  private status: SaveStatus = 'saved';
  private listeners = new Set<() => void>();
  private pending = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(recordId: string) {
    this.saver = createDraftSaver(recordId);
  }

  save(patch: DraftPatch): void {
    this.pending += 1;
    this.set('saving');
    this.saver.save(patch).then(
      () => this.settle(true),
      () => this.settle(false),
    );
  }

  /** Resolves when everything given so far is durably stored; rejects if it could not be. */
  async flush(): Promise<void> {
    try {
      await this.saver.flush();
      if (this.pending === 0) this.set('saved');
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
  }

  private settle(ok: boolean) {
    this.pending -= 1;
    if (!ok) {
      this.set('failed');
      this.scheduleRetry();
    } else if (this.pending === 0) this.set('saved');
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
