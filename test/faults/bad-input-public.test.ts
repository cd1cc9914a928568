// @vitest-environment node
/**
 * Property-based bad input on enrolment, the questionnaires, health and the quota route, through
 * the in-process server: seeded malformed requests, wrong tokens and sessions, wrong questionnaire
 * versions, odd paths and queries. Never a 5xx, every refusal a stable code fitting its status,
 * nothing stored changes. FAULT_SEED=<seed> replays a run.
 */
import { definitionsGroup, deviceStillUploads, enrolGroup, quotaGroup } from './device-requests';
import { fuzzSuite } from './fuzz-suite';

fuzzSuite('malformed requests: enrolment, questionnaires, health, quota', [enrolGroup, definitionsGroup, quotaGroup], deviceStillUploads);
