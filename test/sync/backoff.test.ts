// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../src/sync';

describe('backoffDelay', () => {
  it('doubles the ceiling from 5 seconds up to 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => backoffCeiling(n))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000, 600_000,
    ]);
  });

  it('draws the delay uniformly below the ceiling ("full jitter"), never under a second', () => {
    expect(backoffDelay(3, () => 0.5)).toBe(10_000);
    expect(backoffDelay(3, () => 0.999)).toBe(19_980);
    expect(backoffDelay(3, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
    const draws = Array.from({ length: 500 }, () => backoffDelay(6, Math.random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...draws)).toBeLessThan(160_000);
    expect(new Set(draws).size).toBeGreaterThan(400); // spread out, not one value
  });
});
