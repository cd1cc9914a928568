/**
 * Campaigns set up from the coordinators' pages, accounts and roles, and the audit trail.
 *
 * Campaigns (administrators change them; everyone logged in reads and checks):
 *   GET    /api/coordinator/campaigns                 CampaignList
 *   GET    /api/coordinator/campaigns/:id             CampaignDetail
 *   POST   /api/coordinator/campaigns/check           body: a campaign (the file format of
 *          survey-definitions/campaigns/) → 200 CampaignCheck, whatever its problems (the editor's
 *          live check: problems located by path, declared-vs-computed totals)
 *   POST   /api/coordinator/campaigns                 body: a campaign → 201 CampaignDetail;
 *          422 invalid_campaign with `details` [{path, message, messageVi}]; 409 conflict when the id is taken
 *   PUT    /api/coordinator/campaigns/:id             body: {campaign, revision} → 200 CampaignDetail;
 *          409 conflict when someone saved since `revision`; 422 invalid_campaign (also for a
 *          removed group or stratum that already has interviews)
 *   POST   /api/coordinator/campaigns/:id/copy        body: CampaignCopyRequest → 201 CampaignDetail
 *   POST   /api/coordinator/campaigns/strata          body: a spreadsheet or CSV of strata (value,
 *          label, parent, target), `?questionnaire=&version=&group=` to check the values against the
 *          group's lists → 200 StrataImport; 422 invalid_campaign with details {sheet, row, column, message, messageVi}
 *
 * Accounts (administrators only):
 *   GET    /api/coordinator/accounts                  AccountList
 *   POST   /api/coordinator/accounts                  body: AccountCreate → 201 AccountIssued
 *   POST   /api/coordinator/accounts/:id/password     body: {password?} → 200 AccountIssued (sessions ended)
 *   POST   /api/coordinator/accounts/:id/disable | /enable → 200 {account}
 *   POST   /api/coordinator/accounts/:id/role         body: {role} → 200 {account}
 *
 * Audit trail (administrators only):
 *   GET    /api/coordinator/audit?action=&actor=&from=&to=&before=&limit=   AuditPage
 *   GET    /api/coordinator/audit.csv?action=&actor=&from=&to=              every matching entry, CSV
 */
import * as z from 'zod/mini';

const Text = z.object({ vi: z.string(), en: z.string() });
const Timestamp = z.iso.datetime({ offset: true });

export const ROLES = ['admin', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** One row of the campaigns table. */
export const CampaignListEntry = z.object({
  id: z.string(),
  title: Text,
  start: z.string(),
  end: z.string(),
  status: z.enum(['upcoming', 'running', 'ended']),
  /** Each save adds one. */
  revision: z.int(),
  updatedAt: Timestamp,
  /** Who saved it last; absent for the defaults of survey-definitions/campaigns/. */
  updatedBy: z.optional(z.string()),
  groups: z.int(),
  target: z.int(),
  accepted: z.int(),
});
export type CampaignListEntry = z.infer<typeof CampaignListEntry>;

/** A questionnaire's interviews no campaign counts (outside every campaign's groups or dates). */
export const UncountedInterviews = z.object({ surveyId: z.string(), version: z.int(), respondentGroup: z.string(), interviews: z.int() });
export type UncountedInterviews = z.infer<typeof UncountedInterviews>;

export const CampaignList = z.object({ campaigns: z.array(CampaignListEntry), uncounted: z.array(UncountedInterviews) });
export type CampaignList = z.infer<typeof CampaignList>;

/** A declared total that differs from the sum of its targets (the plan's 169 against 199). */
export const CampaignTotal = z.object({
  /** 'campaign' for the plan's total, else the group id. */
  scope: z.string(),
  declared: z.int(),
  computed: z.int(),
  message: Text,
});

/** Problems of a campaign, located by path (`groups[1].strata[3].value`), in both languages. */
export const CampaignProblem = z.object({ path: z.string(), message: z.string(), messageVi: z.string() });
export type CampaignProblem = z.infer<typeof CampaignProblem>;

export const CampaignCheck = z.object({
  problems: z.array(CampaignProblem),
  /** The targets as computed (per group, and in all). */
  totals: z.object({ groups: z.array(z.object({ id: z.string(), target: z.int(), declared: z.optional(z.int()) })), total: z.int() }),
  /** Declared totals that disagree with the computed ones. */
  discrepancies: z.array(CampaignTotal),
});
export type CampaignCheck = z.infer<typeof CampaignCheck>;

export const CampaignDetail = z.object({
  /** The campaign in the format of survey-definitions/campaigns/. */
  campaign: z.unknown(),
  revision: z.int(),
  updatedAt: Timestamp,
  updatedBy: z.optional(z.string()),
  /** Interviews counted so far, per group and stratum ('' for a group without strata). */
  counts: z.record(z.string(), z.record(z.string(), z.int())),
  check: CampaignCheck,
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignSave = z.object({ campaign: z.unknown(), revision: z.int() });
export type CampaignSave = z.infer<typeof CampaignSave>;

/** Next year's campaign from this one: groups, strata and targets copied. */
export const CampaignCopyRequest = z.object({
  id: z.string(),
  title: z.optional(Text),
  start: z.string(),
  end: z.string(),
});
export type CampaignCopyRequest = z.infer<typeof CampaignCopyRequest>;

export const ImportedStratum = z.object({ value: z.string(), label: Text, parent: z.optional(z.string()), target: z.optional(z.int()) });
export type ImportedStratum = z.infer<typeof ImportedStratum>;

export const StrataImport = z.object({ strata: z.array(ImportedStratum), sheet: z.string() });
export type StrataImport = z.infer<typeof StrataImport>;

export const Account = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: Timestamp,
  lastLoginAt: z.optional(Timestamp),
});
export type Account = z.infer<typeof Account>;

export const AccountList = z.object({ accounts: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

export const AccountCreate = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  role: z.enum(ROLES),
  /** Absent: the server generates one and returns it once. */
  password: z.optional(z.string().check(z.maxLength(1024))),
});
export type AccountCreate = z.infer<typeof AccountCreate>;

export const PasswordReset = z.object({ password: z.optional(z.string().check(z.maxLength(1024))) });
export const RoleChange = z.object({ role: z.enum(ROLES) });

/** An account, and the password the server generated for it (shown once) when it did. */
export const AccountIssued = z.object({ account: Account, password: z.optional(z.string()) });
export type AccountIssued = z.infer<typeof AccountIssued>;

export const AUDIT_ACTIONS = [
  'questionnaire.uploaded',
  'questionnaire.draft_deleted',
  'questionnaire.published',
  'questionnaire.retired',
  'questionnaire.reinstated',
  'campaign.created',
  'campaign.edited',
  'campaign.copied',
  'link.created',
  'link.revoked',
  'device.code_created',
  'device.enrolled',
  'device.revoked',
  'account.created',
  'account.password_reset',
  'account.disabled',
  'account.enabled',
  'account.role_changed',
  'export.downloaded',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One change of a campaign edit: what was at `path` before and after. */
export const AuditChange = z.object({ path: z.string(), before: z.optional(z.unknown()), after: z.optional(z.unknown()) });
export type AuditChange = z.infer<typeof AuditChange>;

export const AuditEntry = z.object({
  id: z.int(),
  at: Timestamp,
  /** The account's username; "(command line)" for the server's commands; a device's enrolment name for `device.enrolled`. */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  /** What was changed: `campaign:quang-tri-2026`, `questionnaire:sipas-citizen@3`, `account:lan`… */
  target: z.string(),
  /** For edits, each field that changed, before and after. */
  changes: z.optional(z.array(AuditChange)),
  /** Anything else worth keeping (an export's format and rows, a link's group). */
  detail: z.optional(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next: z.optional(z.int()),
});
export type AuditPage = z.infer<typeof AuditPage>;
