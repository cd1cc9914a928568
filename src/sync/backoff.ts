/** Retry delays: exponential growth with "full jitter", so devices that failed together spread out. */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  capMs: number;
  /** No retry sooner than this, however small the random draw. */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, factor: 2, capMs: 10 * 60_000, minMs: 1_000 };

/** The ceiling of the delay after `failures` consecutive failures (1 → baseMs). */
export function backoffCeiling(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
}

/** A delay drawn uniformly below the ceiling; `random` returns [0, 1) like Math.random. */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.max(policy.minMs, Math.floor(random() * backoffCeiling(failures, policy)));
}
