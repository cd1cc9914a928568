// @vitest-environment node
/**
 * Property-based bad input on the coordinators' routes (session, devices and enrolment codes,
 * dashboard, exports) through the in-process server: seeded malformed bodies, wrong and expired
 * sessions, device tokens instead of sessions, odd ids, versions, formats and queries. Never a
 * 5xx, every refusal a stable code fitting its status, nothing stored changes.
 * FAULT_SEED=<seed> replays a run.
 */
import { coordinatorStillWorks, dashboardGroup, devicesGroup, exportsGroup, sessionGroup } from './coordinator-requests';
import { fuzzSuite } from './fuzz-suite';

fuzzSuite('malformed requests: coordinator routes', [sessionGroup, devicesGroup, dashboardGroup, exportsGroup], coordinatorStillWorks);
