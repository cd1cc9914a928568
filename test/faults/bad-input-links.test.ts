// @vitest-environment node
/**
 * Property-based bad input on the respondent-link routes, public and the coordinators', through
 * the in-process server: seeded tokens of every state (usable, in progress, used, revoked,
 * exhausted, unknown, typed from paper, junk), malformed start and submission bodies, wrong group,
 * stratum, questionnaire or version, malformed creation requests, wrong sessions. Never a 5xx,
 * every refusal a stable code fitting its status, nothing stored changes.
 * FAULT_SEED=<seed> replays a run.
 */
import { fuzzSuite } from './fuzz-suite';
import { closeLinksWorld, coordinatorLinksGroup, linksStillWork, makeLinksWorld, publicLinksGroup } from './link-requests';

fuzzSuite('malformed requests: respondent links', [publicLinksGroup, coordinatorLinksGroup], linksStillWork, makeLinksWorld, closeLinksWorld);
