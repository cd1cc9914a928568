/**
 * Group commit: work submitted while a transaction is being written waits for that transaction to
 * end and is then written together in the next one. A lone request is written at once (after the
 * callbacks already under way have run, so requests that arrived together go together); under
 * load, one commit and its wait for the disk serve several devices' batches. Each caller still
 * gets its own result only after the transaction holding its work has committed, and a failed
 * group is written again one piece at a time, so a piece that cannot be written fails alone.
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
}

export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private writing = false;

  /** `write` writes a group in one transaction and returns one result per piece, in order. */
  constructor(
    private readonly write: (group: readonly T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  /** Resolves with the piece's result once the transaction holding it has committed. */
  submit(work: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ work, size: this.options.sizeOf(work), resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // setImmediate: requests whose data arrived in the same turn of the event loop join in.
        setImmediate(() => void this.drain());
      }
    });
  }

  private next(): Waiting<T, R>[] {
    let size = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || size + this.waiting[n]!.size <= this.options.maxSize)) size += this.waiting[n++]!.size;
    return this.waiting.splice(0, n);
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.writeGroup(this.next());
    } finally {
      this.writing = false;
    }
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
