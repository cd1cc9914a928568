// @vitest-environment node
/**
 * Property-based bad input on POST /api/backups through the in-process server: seeded malformed
 * requests (wrong types, huge strings, deep nesting, broken JSON, wrong tokens, wrong survey
 * versions). Never a 5xx, every refusal a stable code fitting its status, nothing stored changes.
 * FAULT_SEED=<seed> replays a run. test/server/bad-input.test.ts has the hand-picked cases.
 */
import { backupsGroup, deviceStillUploads } from './device-requests';
import { fuzzSuite } from './fuzz-suite';

fuzzSuite('malformed requests: backups', [backupsGroup], deviceStillUploads);
