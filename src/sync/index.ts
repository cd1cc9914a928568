/**
 * Uploading the outbox to the collection server: the public API of src/sync (no React, no Dexie).
 * Nothing here loads zod: the wire code comes in with the first upload or enrolment.
 */
export { createSyncer, IDLE_INTERVAL_MS } from './syncer';
export type { Syncer, SyncerOptions } from './syncer';
export type { SyncEnvironment, Timers } from './run-loop';
export type { SyncStatus, SyncOutcome } from './status';
export { enrolDevice, InvalidServerUrlError } from './enrol';
export type { EnrolInput, EnrolOptions } from './enrol';
export { backoffDelay, backoffCeiling, DEFAULT_BACKOFF } from './backoff';
export type { BackoffPolicy } from './backoff';
export { ApiFailure, NetworkFailure, BadReplyFailure, isHttpFailure, AUTH_ERROR_CODES } from './failures';
export type { FetchLike, FailureCode, HttpFailure } from './failures';
export { normaliseServerUrl } from './url';
export type { RefreshOptions, RefreshResult } from './definitions';
// The HTTP client itself (postJson, with the contract's schemas) is imported lazily by upload and
// enrol; import it from './http' directly where eager loading is fine. The respondent's sender
// ('./link-syncer') and its wire code ('./links', lazily) are imported directly by the respondent's
// page, off the enumerator's first load.
