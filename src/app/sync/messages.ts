/**
 * Stable codes from sync and the server → keys of translated messages: a message for the context
 * when there is one, else the code's own text from the error catalogue (`apiError`, one for every
 * API error code), else a generic one (a code this version of the app does not know).
 */
import type { ApiErrorCode } from '../../contract';
import type { SyncError } from '../../store';
import vi from '../i18n/vi';

type ApiErrorKey = `apiError.${ApiErrorCode}`;

/** A code of the error catalogue (one this version of the app has a text for). */
export const isApiErrorCode = (code: string): code is ApiErrorCode => Object.hasOwn(vi.apiError, code);

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

export type SyncErrorKey = (typeof syncErrorKeys)[keyof typeof syncErrorKeys] | ApiErrorKey | 'sync.error.other';

export function syncErrorKey(error: Pick<SyncError, 'code'>): SyncErrorKey {
  const own = (syncErrorKeys as Record<string, SyncErrorKey>)[error.code];
  return own ?? (isApiErrorCode(error.code) ? `apiError.${error.code}` : 'sync.error.other');
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

export type RejectionKey = (typeof rejectionKeys)[keyof typeof rejectionKeys] | ApiErrorKey | 'device.reason.other';

/** Why the server refused an interview, as a translation key. */
export function rejectionKey(code: string): RejectionKey {
  const own = (rejectionKeys as Record<string, RejectionKey>)[code];
  return own ?? (isApiErrorCode(code) ? `apiError.${code}` : 'device.reason.other');
}

const enrolErrorKeys = {
  enrolment_code_invalid: 'device.enrolError.enrolment_code_invalid',
  invalid_request: 'device.enrolError.enrolment_code_invalid',
  enrolment_code_used: 'device.enrolError.enrolment_code_used',
  not_found: 'device.enrolError.not_found',
  rate_limited: 'device.enrolError.rate_limited',
} as const;

export type EnrolErrorKey = (typeof enrolErrorKeys)[keyof typeof enrolErrorKeys] | ApiErrorKey | 'device.enrolError.other';

export function enrolErrorKey(code: string): EnrolErrorKey {
  const own = (enrolErrorKeys as Record<string, EnrolErrorKey>)[code];
  return own ?? (isApiErrorCode(code) ? `apiError.${code}` : 'device.enrolError.other');
}
