/**
 * Seeded randomness for the fault tests, so a failing run can be replayed: every test prints its
 * seed, and `FAULT_SEED=<seed>` makes the next run draw the same numbers.
 */
import { seeded } from '../../bench/answers';

/** mulberry32 (the bench's generator): small, fast and good enough to choose faults. Returns [0, 1) like Math.random. */
export const seededRandom: (seed: number) => () => number = seeded;

/** The seed of this run: FAULT_SEED when set, else a fresh one. */
export function runSeed(): number {
  const given = process.env.FAULT_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`FAULT_SEED must be an integer from 0 to 4294967295, not "${given}"`);
    return n;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** A whole number in [min, max]. */
export const between = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** One of the choices. */
export function pick<T>(random: () => number, choices: readonly T[]): T {
  const choice = choices[Math.floor(random() * choices.length)];
  if (choice === undefined) throw new Error('pick from an empty list');
  return choice;
}
