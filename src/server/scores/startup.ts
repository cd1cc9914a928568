/**
 * The start-up work on stored interviews (counting those without a campaign, scoring those whose
 * scores are missing or stale), started once the server listens and run in the background: a
 * server answers at once, however many interviews wait, and the dashboard says scores are being
 * computed meanwhile. Closing the server stops it between two batches.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { runStartupScoring } from './backfill';
import type { ScoringRun } from './backfill';

export interface StartupScoring {
  /** Settles when the work is done (or skipped, or stopped); undefined when another server did it. */
  readonly done: Promise<ScoringRun | undefined>;
  /** Asks the work to stop after its current batch and waits for it. */
  stop(): Promise<void>;
}

const running = new WeakMap<FastifyInstance, StartupScoring>();

/** Starts the work when `app` listens (not before: a server built and closed without listening does none). */
export function startupScoring(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): StartupScoring {
  let stopped = false;
  let begin: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (begin = resolve));
  let didStart = false;
  const done = started.then(async () => {
    if (stopped) return undefined;
    app.log.info('Counting and scoring stored interviews in the background');
    try {
      const run = await runStartupScoring(db, catalog, () => stopped);
      if (run === undefined) app.log.info('Stored interviews are being scored by another server process');
      else app.log.info({ counted: run.counted, scored: run.scored }, 'Stored interviews are counted and scored');
      return run;
    } catch (e) {
      // Nothing is lost: every batch is its own transaction, and the next start finishes the work.
      if (!stopped) app.log.error({ err: e }, 'Scoring stored interviews failed; the next start finishes it');
      return undefined;
    }
  });
  const handle: StartupScoring = {
    done,
    async stop() {
      stopped = true;
      if (!didStart) begin();
      await done;
    },
  };
  app.addHook('onListen', (hookDone) => {
    didStart = true;
    begin();
    hookDone();
  });
  running.set(app, handle);
  return handle;
}

/** For callers that need the start-up work finished (tests, tools): settles when it is. */
export function startupScoringDone(app: FastifyInstance): Promise<ScoringRun | undefined> {
  return running.get(app)?.done ?? Promise.resolve(undefined);
}
