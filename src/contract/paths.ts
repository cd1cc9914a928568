/** The API's routes, so the device and the server cannot disagree on where things are. */
export const API_PATHS = {
  /** POST EnrolRequest → EnrolResponse (no token needed: the code is the credential). */
  enrol: '/api/devices/enrol',
  /** POST SubmitRequest → SubmitResponse, with `Authorization: Bearer <token>`. */
  submissions: '/api/submissions',
  /** GET → HealthResponse. */
  health: '/api/health',
} as const;
