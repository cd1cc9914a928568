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
  'unknown_stratum', // the stratum is missing where the group has strata, or sent for a group without strata (an interview's stratum need not be in the list: a campaign may plan its own; a link's must be in the list or the campaign's plan)
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
  // questionnaires uploaded by coordinators (src/contract/questionnaires.ts)
  'invalid_definition', // the file is not a questionnaire the engine accepts: details locate every problem (sheet, row, column or JSON path)
  // campaigns set up by administrators (src/contract/admin.ts)
  'invalid_campaign', // the campaign (or a strata file) has problems: details locate every one (path, or sheet, row and column)
  // server health
  'database_unavailable', // 503 with Retry-After: the server lost or cannot open its database connection; resend after that many seconds (a resend is idempotent)
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * Where a request was malformed: JSON path → what is wrong. A spreadsheet's problem also names its
 * sheet, row and column, and says it in Vietnamese too (`messageVi`); `message` is English.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  sheet?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
  messageVi?: string | undefined;
}

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Where a request was malformed: JSON path → what is wrong. */
    details?: ErrorDetail[];
  };
}

/** How the API answers one error code: its one HTTP status, and whether the same request may succeed later. */
export interface ApiErrorSpec {
  status: number;
  /** Sending the same request again later may succeed (the device keeps it queued and retries). */
  retryable: boolean;
}

/**
 * The error catalogue: every code's status and whether it is worth retrying. The server takes the
 * status from here (src/server/errors.ts ServerRefusal), so a code always comes with the same status;
 * the device's texts for every code are in src/app/i18n (`apiError`, typed by ApiErrorCode).
 */
export const API_ERRORS = {
  invalid_json: { status: 400, retryable: false },
  body_too_large: { status: 413, retryable: false },
  invalid_request: { status: 400, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  unauthorized: { status: 401, retryable: false },
  token_revoked: { status: 401, retryable: false },
  enrolment_code_invalid: { status: 400, retryable: false },
  enrolment_code_used: { status: 409, retryable: false },
  not_found: { status: 404, retryable: false },
  rate_limited: { status: 429, retryable: true },
  internal: { status: 500, retryable: true },
  overloaded: { status: 503, retryable: true },
  conflict: { status: 409, retryable: false },
  unknown_survey: { status: 422, retryable: false },
  unknown_version: { status: 422, retryable: false },
  unknown_group: { status: 422, retryable: false },
  invalid_answers: { status: 422, retryable: false },
  unknown_stratum: { status: 422, retryable: false },
  forbidden: { status: 403, retryable: false },
  invalid_credentials: { status: 401, retryable: false },
  link_unknown: { status: 404, retryable: false },
  link_revoked: { status: 410, retryable: false },
  link_used: { status: 410, retryable: false },
  link_exhausted: { status: 410, retryable: false },
  link_mismatch: { status: 422, retryable: false },
  quota_full: { status: 409, retryable: false },
  database_unavailable: { status: 503, retryable: true },
  invalid_definition: { status: 422, retryable: false },
  invalid_campaign: { status: 422, retryable: false },
} as const satisfies Record<ApiErrorCode, ApiErrorSpec>;
