/**
 * Failed logins, counted in memory per client address and username (10 per 15 minutes) and per
 * address (50 per 15 minutes, against trying many usernames). A limited client is refused before
 * its password is checked. A success clears its address-and-username counter.
 */
export interface LimitOptions {
  perUser?: number;
  perAddress?: number;
  windowMs?: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly perUser: number;
  private readonly perAddress: number;
  private readonly windowMs: number;

  constructor(options: LimitOptions = {}) {
    this.perUser = options.perUser ?? 10;
    this.perAddress = options.perAddress ?? 50;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  private live(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Seconds to wait before trying again, or 0 when the client may try now. */
  retryAfter(address: string, username: string, now = Date.now()): number {
    const user = this.live(`u\u0000${address}\u0000${username}`, now);
    const all = this.live(`a\u0000${address}`, now);
    const blocked = [user && user.count >= this.perUser ? user : undefined, all && all.count >= this.perAddress ? all : undefined].filter((w) => w !== undefined);
    if (blocked.length === 0) return 0;
    return Math.max(1, Math.ceil((Math.max(...blocked.map((w) => w.resetAt)) - now) / 1000));
  }

  failed(address: string, username: string, now = Date.now()): void {
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    for (const key of [`u\u0000${address}\u0000${username}`, `a\u0000${address}`]) {
      const w = this.live(key, now);
      if (w) w.count += 1;
      else this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    }
  }

  succeeded(address: string, username: string): void {
    this.windows.delete(`u\u0000${address}\u0000${username}`);
  }
}
