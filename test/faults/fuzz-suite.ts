/**
 * Declares a bad-input suite on each database: a seeded world, one test per route group sending
 * RUNS malformed requests (the count is in the test name and printed with the replies' statuses
 * and codes), stored data compared row by row after every group, and the server still answering.
 */
import type fc from 'fast-check';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { describeEachDatabase, type DatabaseKind } from '../server/harness';
import { fuzz, type FuzzRequest } from './fuzz-runner';
import { makeWorld, type World } from './fuzz-world';
import { runSeed } from './rng';
import { snapshot, type Snapshot } from './stored-state';

/** Requests per route group. */
export const RUNS = 5_000;

export interface FuzzGroup {
  name: string;
  requests: (world: World) => fc.Arbitrary<FuzzRequest>;
}

/** `setup` makes the world (default: makeWorld); `teardown` closes it. */
export function fuzzSuite(
  title: string,
  groups: FuzzGroup[],
  afterwards: (world: World) => Promise<void>,
  setup: (database: DatabaseKind) => Promise<World> = (database) => makeWorld(database),
  teardown: (world: World) => Promise<void> = (world) => world.server.close(),
): void {
  const seed = runSeed();
  describeEachDatabase(title, (database: DatabaseKind) => {
    let world: World;
    let before: Snapshot;
    beforeAll(async () => {
      world = await setup(database);
      before = await snapshot(world.server.database);
    }, 60_000);
    afterAll(() => teardown(world));

    for (const group of groups) {
      it(`${group.name}: ${RUNS} malformed requests, never a 5xx, nothing stored changes`, async () => {
        onTestFailed(() => console.error(`bad input [${database}] ${group.name}: seed ${seed} (FAULT_SEED=${seed} replays it)`));
        const tally = await fuzz(world, group.requests(world), RUNS, seed);
        console.log(`bad input [${database}] ${group.name}: ${tally.requests} requests in ${(tally.totalMs / 1000).toFixed(1)} s (server ${(tally.serverMs / 1000).toFixed(1)} s); statuses ${JSON.stringify(tally.statuses)}; codes ${JSON.stringify(tally.codes)}`);
        expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
        expect(await snapshot(world.server.database)).toEqual(before);
      }, 110_000);
    }

    it('the server is still up and serves a valid request afterwards', async () => {
      expect(await snapshot(world.server.database)).toEqual(before);
      const health = await fetch(`${world.server.url}/api/health`);
      expect(health.status).toBe(200);
      await afterwards(world);
    });
  });
}
