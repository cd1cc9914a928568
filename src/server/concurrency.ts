/**
 * A bound on how many costly jobs run at once (password hashing: scrypt runs on libuv's small
 * thread pool, which static files and the database driver also need), with a bounded queue:
 * beyond it, a job is refused at once with Busy rather than waiting behind a burst.
 */
export class Busy extends Error {
  constructor() {
    super('too many jobs waiting');
    this.name = 'Busy';
  }
}

export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {}

  /** Jobs waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `job` when a place is free; throws Busy when `maxQueued` jobs already wait. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new Busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // The place passes straight to the next job waiting, so `running` never over-counts.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
