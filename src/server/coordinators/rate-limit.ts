/**
 * Login attempts, counted attempt by attempt in the shared counters (../db/limit-counters: every
 * server process of the database sees the same counts, and a restart keeps them): an attempt is
 * counted BEFORE its password is checked, so a burst of parallel logins is refused from the first
 * one over the limit, not after every hash has run. A refused attempt is given back at once, so
 * only attempts that were checked count. A success gives its attempt back and clears its
 * address-and-username count.
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
import type { LimitCounters } from '../db/limit-counters';

export interface LimitOptions {
  perUser?: number;
  perAddress?: number;
  perUsername?: number;
  windowMs?: number;
  knownForMs?: number;
}

/** What `attempt` answers: wait that many seconds, or go ahead (the attempt is counted). */
export type Attempt = { allowed: false; retryAfter: number } | { allowed: true };

/** The counters' keys (an address has no space, so "<address> <username>" is unambiguous; PostgreSQL text holds no NUL). */
const keysOf = (address: string, username: string) => ({
  pair: `login-u ${address} ${username}`,
  address: `login-a ${address}`,
  username: `login-n ${username}`,
  known: `login-k ${address} ${username}`,
});

export class LoginLimiter {
  private readonly perUser: number;
  private readonly perAddress: number;
  private readonly perUsername: number;
  private readonly windowMs: number;
  private readonly knownForMs: number;

  constructor(
    private readonly counters: LimitCounters,
    options: LimitOptions = {},
  ) {
    this.perUser = options.perUser ?? 10;
    this.perAddress = options.perAddress ?? 50;
    this.perUsername = options.perUsername ?? 200;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.knownForMs = options.knownForMs ?? 30 * 24 * 3600_000;
  }

  /**
   * Counts this attempt on its three budgets in one statement, then refuses it (and gives it back)
   * when any budget that applies is over. Each concurrent attempt, in any process, gets its own
   * count, so no more than the budget ever goes ahead.
   */
  async attempt(address: string, username: string, now = Date.now()): Promise<Attempt> {
    const k = keysOf(address, username);
    const known = await this.counters.isOpen(k.known, now);
    const keys = [k.pair, k.address, k.username];
    const [pair, byAddress, byName] = await this.counters.hit(keys, this.windowMs, now);
    const spent = [
      pair!.count > this.perUser ? pair : undefined,
      byAddress!.count > this.perAddress ? byAddress : undefined,
      !known && byName!.count > this.perUsername ? byName : undefined,
    ].filter((w) => w !== undefined);
    if (spent.length === 0) return { allowed: true };
    await this.counters.giveBack(keys, now);
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((Math.max(...spent.map((w) => w.resetAt)) - now) / 1000)) };
  }

  /** The attempt was right: it is given back, the pair's failures are forgotten and its address becomes known. */
  async succeeded(address: string, username: string, now = Date.now()): Promise<void> {
    const k = keysOf(address, username);
    await this.counters.forget(k.pair);
    await this.counters.giveBack([k.address, k.username], now);
    await this.counters.mark(k.known, now + this.knownForMs);
  }

  /** The attempt could not be checked (the server was too busy): it is given back. */
  async abandoned(address: string, username: string, now = Date.now()): Promise<void> {
    const k = keysOf(address, username);
    await this.counters.giveBack([k.pair, k.address, k.username], now);
  }
}
