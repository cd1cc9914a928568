/** The API's routes, so the device and the server cannot disagree on where things are. */
export const API_PATHS = {
  /** POST EnrolRequest → EnrolResponse (no token needed: the code is the credential). */
  enrol: '/api/devices/enrol',
  /** POST SubmitRequest → SubmitResponse, with `Authorization: Bearer <token>`. */
  submissions: '/api/submissions',
  /** GET → HealthResponse. */
  health: '/api/health',
  /** POST a backup file of unsent interviews (BackupFile) → SubmitResponse, with a device token. */
  backups: '/api/backups',
  /** GET → DefinitionList; GET `${definitions}/:id/:version` → one questionnaire. */
  definitions: '/api/definitions',
  /** GET → QuotaSnapshot (`?campaign=<id>`), with a device token or a coordinator session. */
  quota: '/api/quota',
  /** The coordinators' routes (session cookie `session`), see src/contract/coordinator.ts. */
  coordinator: '/api/coordinator',
  /** Public respondent-link routes: `${links}/:token`, `/started`, `/submissions` (src/contract/links.ts). */
  links: '/api/links',
  /** The coordinators' link routes: create, list, `/:id/revoke` (src/contract/links.ts). */
  coordinatorLinks: '/api/coordinator/links',
  /** Questionnaires: upload, drafts, publish, retire, XLSForm download (src/contract/questionnaires.ts). */
  coordinatorQuestionnaires: '/api/coordinator/questionnaires',
} as const;

/** The respondent's page for a link: `${RESPONDENT_PAGE}<token>` (served the app's index.html). */
export const RESPONDENT_PAGE = '/r/';
