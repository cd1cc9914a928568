/** Small statistics over samples (ms). */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);
export const max = (samples: readonly number[]): number => (samples.length === 0 ? Number.NaN : Math.max(...samples));
export const round1 = (n: number): number => Math.round(n * 10) / 10;
