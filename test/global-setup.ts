import { buildServer } from '../scripts/build-server.mjs';

/**
 * The compiled server (dist-server/, as npm start runs it) is built once here, for the tests that
 * start the server as a process (./server/process-helpers).
 *
 * Said once at the start of `npm test`: whether the server suites also run on PostgreSQL. Without
 * DATABASE_URL their PostgreSQL runs show as skipped; this line says why, so a skipped count is
 * never a mystery.
 */
export default async function setup(): Promise<void> {
  await buildServer();
  if (process.env.DATABASE_URL) {
    console.log('Server suites run on SQLite and on the PostgreSQL database in DATABASE_URL.');
  } else {
    console.log(
      'DATABASE_URL is not set: the server suites run on SQLite only, and their PostgreSQL runs show as skipped. ' +
        "To run them too: DATABASE_URL='postgresql://<user>@/<database>?host=/var/run/postgresql' npm test (see the README).",
    );
  }
}
