/**
 * Login attempts, counted in memory attempt by attempt: an attempt is counted BEFORE its password
 * is checked, so a burst of parallel logins is refused from the first one over the limit, not after
 * every hash has run. A success gives its attempt back and clears its address-and-username count.
 *
 * Three budgets per 15 minutes:
 * - 10 per client address and username (one person mistyping, or one guesser);
 * - 50 per client address, whatever the username (one guesser trying many names);
 * - 200 per username from all addresses together (a guesser spread over many addresses).
 * A lockout must not become a way to lock the real coordinator out: the first two budgets only
 * block the address that spent them, and the per-username budget does not apply to an address
 * where this user logged in successfully in the last 30 days (the office's usual connection).
 * With TRUST_PROXY set, "address" is the real client's behind the proxy, not the proxy's.
 */
export interface LimitOptions {
  perUser?: number;
  perAddress?: number;
  perUsername?: number;
  windowMs?: number;
  knownForMs?: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** What `attempt` answers: wait that many seconds, or go ahead (the attempt is counted). */
export type Attempt = { allowed: false; retryAfter: number } | { allowed: true };

const MAX_ENTRIES = 10_000;

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();
  /** address-and-username → until when it counts as the user's known address. */
  private readonly known = new Map<string, number>();
  private readonly perUser: number;
  private readonly perAddress: number;
  private readonly perUsername: number;
  private readonly windowMs: number;
  private readonly knownForMs: number;

  constructor(options: LimitOptions = {}) {
    this.perUser = options.perUser ?? 10;
    this.perAddress = options.perAddress ?? 50;
    this.perUsername = options.perUsername ?? 200;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.knownForMs = options.knownForMs ?? 30 * 24 * 3600_000;
  }

  private live(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private isKnown(pair: string, now: number): boolean {
    const until = this.known.get(pair);
    if (until !== undefined && until <= now) this.known.delete(pair);
    return until !== undefined && until > now;
  }

  private prune(now: number): void {
    if (this.windows.size > MAX_ENTRIES) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    if (this.known.size > MAX_ENTRIES) for (const [k, until] of this.known) if (until <= now) this.known.delete(k);
  }

  /**
   * Checks the budgets and, when none is spent, counts this attempt at once (synchronously: no
   * other request can slip in between the check and the count).
   */
  attempt(address: string, username: string, now = Date.now()): Attempt {
    this.prune(now);
    const pair = `u\u0000${address}\u0000${username}`;
    const budgets: [string, number][] = [
      [pair, this.perUser],
      [`a\u0000${address}`, this.perAddress],
    ];
    if (!this.isKnown(pair, now)) budgets.push([`n\u0000${username}`, this.perUsername]);
    const spent = budgets.map(([key]) => this.live(key, now)).filter((w, i) => w !== undefined && w.count >= budgets[i]![1]);
    if (spent.length > 0) return { allowed: false, retryAfter: Math.max(1, Math.ceil((Math.max(...spent.map((w) => w!.resetAt)) - now) / 1000)) };
    for (const key of [pair, `a\u0000${address}`, `n\u0000${username}`]) {
      const w = this.live(key, now);
      if (w) w.count += 1;
      else this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    }
    return { allowed: true };
  }

  /** The attempt was right: it is given back, the pair's failures are forgotten and its address becomes known. */
  succeeded(address: string, username: string, now = Date.now()): void {
    const pair = `u\u0000${address}\u0000${username}`;
    this.windows.delete(pair);
    for (const key of [`a\u0000${address}`, `n\u0000${username}`]) {
      const w = this.live(key, now);
      if (w) w.count = Math.max(0, w.count - 1);
    }
    this.known.set(pair, now + this.knownForMs);
  }

  /** The attempt could not be checked (the server was too busy): it is given back. */
  abandoned(address: string, username: string, now = Date.now()): void {
    for (const key of [`u\u0000${address}\u0000${username}`, `a\u0000${address}`, `n\u0000${username}`]) {
      const w = this.live(key, now);
      if (w) w.count = Math.max(0, w.count - 1);
    }
  }
}
