/** Time spent per section of an interview, paused while the page is hidden. */
export class SectionTimer {
  private times: Record<string, number>;
  private current: string | undefined;
  private since: number | undefined;

  constructor(initial: Record<string, number>, private now: () => number = () => performance.now()) {
    this.times = { ...initial };
  }

  enter(sectionId: string): void {
    this.stop();
    this.current = sectionId;
    this.since = this.now();
  }

  pause(): void {
    this.stop();
  }

  resume(): void {
    if (this.current !== undefined && this.since === undefined) this.since = this.now();
  }

  /** Milliseconds per section so far, including the running one. */
  snapshot(): Record<string, number> {
    const out = { ...this.times };
    if (this.current !== undefined && this.since !== undefined)
      out[this.current] = Math.round((out[this.current] ?? 0) + this.now() - this.since);
    return out;
  }

  private stop() {
    if (this.current !== undefined && this.since !== undefined)
      this.times[this.current] = Math.round((this.times[this.current] ?? 0) + this.now() - this.since);
    this.since = undefined;
  }
}
