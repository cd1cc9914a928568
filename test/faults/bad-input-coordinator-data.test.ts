// @vitest-environment node
/**
 * Property-based bad input on the coordinators' dashboard and exports through the in-process
 * server: seeded wrong and expired sessions, device tokens instead of sessions, unknown campaigns,
 * questionnaires, versions, formats and label languages, odd queries. Never a 5xx, every refusal
 * a stable code fitting its status, nothing stored changes. FAULT_SEED=<seed> replays a run.
 */
import { coordinatorStillWorks, dashboardGroup, exportsGroup } from './coordinator-requests';
import { fuzzSuite } from './fuzz-suite';

fuzzSuite('malformed requests: coordinator dashboard and exports', [dashboardGroup, exportsGroup], coordinatorStillWorks);
