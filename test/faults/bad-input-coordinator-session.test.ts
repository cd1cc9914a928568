// @vitest-environment node
/**
 * Property-based bad input on the coordinators' session routes (login, logout, me) and device
 * management (enrolment codes, device list, revoking) through the in-process server: seeded
 * malformed bodies, wrong and expired sessions, device tokens instead of sessions, odd ids.
 * Never a 5xx, every refusal a stable code fitting its status, nothing stored changes.
 * FAULT_SEED=<seed> replays a run.
 */
import { coordinatorStillWorks, devicesGroup, sessionGroup } from './coordinator-requests';
import { fuzzSuite } from './fuzz-suite';

fuzzSuite('malformed requests: coordinator session and devices', [sessionGroup, devicesGroup], coordinatorStillWorks);
