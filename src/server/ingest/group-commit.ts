/**
 * Group commit: work submitted while `concurrency` transactions are being written waits for one of
 * them to end and is then written together in the next one. A lone request is written at once
 * (after the callbacks already under way have run, so requests that arrived together go together);
 * under load, one commit and its wait for the disk serve several devices' batches, and with a
 * concurrency above 1 (PostgreSQL) the next group is built and sent while earlier ones wait for
 * their commit. Each caller still gets its own result only after the transaction holding its work
 * has committed, and a failed group is written again one piece at a time, so a piece that cannot
 * be written fails alone.
 */

interface Waiting<T, R> {
  work: T;
  size: number;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<T> {
  /** How much one piece of work weighs (e.g. its interviews), for `maxSize`. */
  sizeOf(work: T): number;
  /** A group is closed once it weighs this much (a piece heavier than this goes alone). */
  maxSize: number;
  /** Groups being written at the same time at most (default 1: one transaction after another). */
  concurrency?: number;
}

export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly concurrency: number;

  /** `write` writes a group in one transaction and returns one result per piece, in order. */
  constructor(
    private readonly write: (group: readonly T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  /** Resolves with the piece's result once the transaction holding it has committed. */
  submit(work: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ work, size: this.options.sizeOf(work), resolve, reject });
      this.schedule();
    });
  }

  /** Groups start on the next turn of the event loop: requests whose data arrived in this one join in. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.concurrency || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.concurrency && this.waiting.length > 0) {
        const group = this.next();
        this.inFlight += 1;
        void this.writeGroup(group).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  private next(): Waiting<T, R>[] {
    let size = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || size + this.waiting[n]!.size <= this.options.maxSize)) size += this.waiting[n++]!.size;
    return this.waiting.splice(0, n);
  }

  private async writeGroup(group: Waiting<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.write(group.map((w) => w.work));
      if (results.length !== group.length) throw new Error(`a group of ${group.length} was written with ${results.length} results`);
    } catch (e) {
      if (group.length === 1) group[0]!.reject(e);
      // A failed transaction wrote nothing (had its commit succeeded unseen, the retry finds the
      // rows and answers duplicate): each piece is tried again on its own.
      else for (const w of group) await this.writeGroup([w]);
      return;
    }
    group.forEach((w, i) => w.resolve(results[i]!));
  }
}
