/**
 * A tap on a radio paints first. The browser checks the tapped radio itself, and the frame that
 * shows it carries no other work: the form (react-hook-form, skip logic, error clearing, the
 * save) learns of the answer right after that frame. Radios are therefore uncontrolled: React
 * would otherwise put back the old choice until the form had caught up.
 *
 * A tap is never lost or seen late, however quickly the next action follows it: while a tap
 * waits, the user's next click or form submission anywhere on the page applies it first (a
 * listener in the capture phase, which runs before any of the page's own handlers). What is not
 * a user action (hiding or closing the page, closing the form, an app update) calls `flush`.
 */

/** Runs `fn` after the next paint (a frame, then a task); a task where frames are not available. */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

const NEXT_ACTIONS = ['click', 'submit'] as const;

export class TapQueue {
  private pending: (() => void)[] = [];
  private scheduled = false;
  private applyingDepth = 0;

  /** Queues the form's side of a tap; it runs right after the frame that shows the tap. */
  defer(apply: () => void): void {
    this.pending.push(apply);
    if (this.scheduled) return;
    this.scheduled = true;
    this.listen(true);
    afterPaint(this.flush);
  }

  /** The next click or submission applies the waiting taps before its own handlers run. */
  private listen(on: boolean): void {
    if (typeof document === 'undefined') return;
    for (const type of NEXT_ACTIONS) {
      if (on) document.addEventListener(type, this.flush, true);
      else document.removeEventListener(type, this.flush, true);
    }
  }

  /** True while queued taps are being applied: the frame that shows them has been painted. */
  get applying(): boolean {
    return this.applyingDepth > 0;
  }

  /** Applies every queued tap now, in the order they were made. */
  flush = (): void => {
    this.scheduled = false;
    this.listen(false);
    if (this.pending.length === 0) return;
    const taps = this.pending;
    this.pending = [];
    this.applyingDepth += 1;
    try {
      for (const apply of taps) apply();
    } finally {
      this.applyingDepth -= 1;
    }
  };
}
