// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../src/server/db/chunks';

describe('multi-row statements in pieces', () => {
  it('sizes pieces by the values each row binds, under SQLite’s 32,766 parameters', () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => i);
    expect(chunksOf(rows, 4).map((c) => c.length)).toEqual([7500, 7500, 5001]);
    expect(chunksOf(rows, 19).every((c) => c.length * 19 <= 32_766)).toBe(true);
    expect(chunksOf(rows, 19).flat()).toEqual(rows);
    expect(chunksOf([], 4)).toEqual([]);
    expect(chunksOf([1, 2], 100_000)).toEqual([[1], [2]]);
  });
});
