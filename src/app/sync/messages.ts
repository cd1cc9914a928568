/** Stable codes from sync and the server → keys of translated messages (unknown codes: a generic one). */
import type { SyncError } from '../../store';

const syncErrorKeys = {
  network: 'sync.error.network',
  timeout: 'sync.error.timeout',
  bad_reply: 'sync.error.bad_reply',
  internal: 'sync.error.internal',
  rate_limited: 'sync.error.rate_limited',
  // The server sheds load or has lost its database for a moment: busy, retried later.
  overloaded: 'sync.error.rate_limited',
  database_unavailable: 'sync.error.rate_limited',
  unauthorized: 'sync.error.unauthorized',
  token_revoked: 'sync.error.token_revoked',
  not_found: 'sync.error.not_found',
  device_error: 'sync.error.device_error',
} as const;

export type SyncErrorKey = (typeof syncErrorKeys)[keyof typeof syncErrorKeys] | 'sync.error.other';

export function syncErrorKey(error: Pick<SyncError, 'code'>): SyncErrorKey {
  return (syncErrorKeys as Record<string, SyncErrorKey>)[error.code] ?? 'sync.error.other';
}

const rejectionKeys = {
  conflict: 'device.reason.conflict',
  unknown_survey: 'device.reason.unknown_survey',
  unknown_version: 'device.reason.unknown_version',
  unknown_group: 'device.reason.unknown_group',
  unknown_stratum: 'device.reason.unknown_stratum',
  invalid_answers: 'device.reason.invalid_answers',
  invalid_request: 'device.reason.invalid_request',
  body_too_large: 'device.reason.body_too_large',
} as const;

export type RejectionKey = (typeof rejectionKeys)[keyof typeof rejectionKeys] | 'device.reason.other';

/** Why the server refused an interview, as a translation key. */
export function rejectionKey(code: string): RejectionKey {
  return (rejectionKeys as Record<string, RejectionKey>)[code] ?? 'device.reason.other';
}

const enrolErrorKeys = {
  enrolment_code_invalid: 'device.enrolError.enrolment_code_invalid',
  invalid_request: 'device.enrolError.enrolment_code_invalid',
  enrolment_code_used: 'device.enrolError.enrolment_code_used',
  not_found: 'device.enrolError.not_found',
  rate_limited: 'device.enrolError.rate_limited',
} as const;

export type EnrolErrorKey = (typeof enrolErrorKeys)[keyof typeof enrolErrorKeys] | 'device.enrolError.other';

export function enrolErrorKey(code: string): EnrolErrorKey {
  return (enrolErrorKeys as Record<string, EnrolErrorKey>)[code] ?? 'device.enrolError.other';
}
