/**
 * Stable error codes of the API. The server answers every problem with one of these; the client
 * maps them to translated messages. Never reuse or rename a code: devices in the field know them.
 */
export const API_ERROR_CODES = [
  // request level
  'invalid_json', // the body is not JSON
  'body_too_large', // the body is over the size limit
  'invalid_request', // JSON of the wrong shape (details say where)
  'unsupported_media_type', // not application/json
  'unauthorized', // no token, or a token the server does not know
  'token_revoked', // the device's token was revoked by a coordinator
  'enrolment_code_invalid', // unknown or expired enrolment code
  'enrolment_code_used', // the code was already exchanged for a token
  'not_found', // no such route or resource
  'rate_limited',
  'internal', // a bug on the server: the request may be retried
  'overloaded', // 503 with Retry-After: the server sheds load for a moment; retry after that many seconds
  // item level, in a submission batch
  'conflict', // an interview with this id exists with different content
  'unknown_survey', // no questionnaire with this id
  'unknown_version', // the questionnaire exists, not in this version
  'unknown_group', // the questionnaire does not serve this respondent group
  'invalid_answers', // answers break the questionnaire's rules (errors say which, with engine codes)
  'unknown_stratum', // the stratum is missing, not in the group's list, or sent for a group without strata
  // coordinators
  'forbidden', // a device token on a coordinator route: log in as a coordinator
  'invalid_credentials', // wrong username or password
  // respondent links (see src/contract/links.ts)
  'link_unknown', // no link with this token (never existed, or mistyped)
  'link_revoked', // a coordinator revoked the link
  'link_used', // a single-use link already stored another interview
  'link_exhausted', // a shared link reached its number of completions
  'link_mismatch', // the interview's questionnaire, version, group or stratum is not the link's
  'quota_full', // policy "stop": the link's stratum is full, a new interview cannot start
  // server health
  'database_unavailable', // 503 with Retry-After: the server lost or cannot open its database connection; resend after that many seconds (a resend is idempotent)
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Where a request was malformed: JSON path → what is wrong. */
    details?: { path: string; message: string }[];
  };
}
