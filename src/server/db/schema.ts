/** The database's tables as Kysely types. Timestamps are ISO-8601 UTC text in both dialects. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface DevicesTable {
  id: string;
  /** Given by the coordinator with the enrolment code (usually the enumerator's name). */
  name: string;
  /** What the device called itself when it enrolled. */
  label: string | null;
  /** sha256 (hex) of the device's token; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** Last upload with at least one valid interview (migration 0002). */
  last_sync_at: string | null;
}

export interface EnrolmentCodesTable {
  /** sha256 (hex) of the normalised code. */
  code_hash: string;
  name: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

export interface SubmissionsTable {
  /** The client-made UUID (lower case). The primary key is what makes ingest idempotent. */
  id: string;
  survey_id: string;
  survey_version: number;
  respondent_group: string;
  stratum: string | null;
  lang: string;
  /** JSON text of the answers. */
  answers: string;
  /** sha256 (hex) of the canonical JSON of the interview's content. */
  content_hash: string;
  started_at: string;
  completed_at: string;
  received_at: string;
  device_id: string;
  /**
   * JSON text of section id → milliseconds spent in it (as the device measured): the questionnaire
   * version's sections only, times from 0 to MAX_SECTION_MS (ingest/section-times.ts).
   */
  section_times: string;
  /**
   * The campaign the interview counts towards, set at ingest ('' when no campaign has its group;
   * NULL only for rows stored before migration 0002 or without campaigns, counted at next start).
   */
  campaign_id: string | null;
  /**
   * The day the interview counts on, in Vietnam (YYYY-MM-DD): completed_at's date, or received_at's
   * when the device's clock is suspect (clock_suspect).
   */
  completed_day: string | null;
  /** 'interviewer' (an enumerator's device) or 'self' (self-administered, from a respondent link) (migration 0003). */
  mode: Generated<SubmissionMode>;
  /** The respondent link it came through, for mode 'self'. */
  link_id: string | null;
  /** Hash of the scoring its contributions were computed with; NULL: not scored (migration 0004). */
  scoring_hash: string | null;
  /**
   * Its score contributions, JSON [[key, sum, count], …] (scores/parts.ts); NULL when not scored,
   * or scored before migration 0012 (then in score_parts) (migration 0012).
   */
  scores: string | null;
  /**
   * Why the device's clock is not believed (src/server/ingest/clock.ts: 'future', 'too_early',
   * 'before_start'), or NULL when its times are plausible (migration 0005).
   */
  clock_suspect: string | null;
}

export type SubmissionMode = 'interviewer' | 'self';

/** Links respondents open to fill a questionnaire themselves (migration 0003). */
export interface RespondentLinksTable {
  id: string;
  /** sha256 (hex) of the normalised token; the token itself is never stored. */
  token_hash: string;
  campaign_id: string;
  survey_id: string;
  survey_version: number;
  respondent_group: string;
  stratum: string | null;
  kind: 'single' | 'shared';
  max_uses: number;
  /** Interviews stored through the link; never above max_uses. */
  uses: Generated<number>;
  label: string | null;
  /** The coordinator's username. */
  created_by: string | null;
  created_at: string;
  opened_at: string | null;
  started_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Interviews started through a link (by the client-made interview id). */
export interface LinkStartsTable {
  link_id: string;
  interview_id: string;
  started_at: string;
}

/** What one interview contributes to one scored leaf (migration 0004); since 0012 only interviews scored before it (submissions.scores). */
export interface ScorePartsTable {
  submission_id: string;
  /** A component id, or "<component id>.<part id>" for a papi part. */
  part_key: string;
  /** Sum of the weights of its weighted answers. */
  sum: number;
  /** Number of weighted answers (at least 1). */
  count: number;
}

/**
 * What ingest transactions (and re-scoring) add to score_totals, not yet folded into it (migration
 * 0014): one row per transaction, its totals as JSON (../scores/fold). Readers add them in.
 */
export interface ScoreDeltasTable {
  id: Generated<number>;
  totals: string;
  /** 1 when it takes interviews off (re-scoring). */
  subtracts: ColumnType<number, number | undefined, number>;
  /** When it was queued (ISO 8601; migration 0015); null for a delta queued before. */
  queued_at: ColumnType<string | null, string | undefined, string | null>;
}

/**
 * score_parts summed per campaign, questionnaire version, group and stratum, updated in the same
 * transactions. part_key '' holds the number of scored interviews (sum and count 0).
 */
export interface ScoreTotalsTable {
  /** '' for interviews outside every campaign. */
  campaign_id: string;
  survey_id: string;
  survey_version: number;
  group_id: string;
  /** '' for a group without strata. */
  stratum: string;
  part_key: string;
  sum: number;
  count: number;
  /** Interviews with data in this leaf; for part_key '', every scored interview. */
  interviews: number;
  /** Respondents with a weighted answer under the key, and the sum and square sum of their own values (sum / count) (migration 0010). */
  resp_n: number;
  resp_sum: number;
  resp_sq: number;
}

/** Interviews accepted per campaign, group and stratum, updated in the ingest transaction. */
export interface QuotaCountsTable {
  campaign_id: string;
  group_id: string;
  /** '' for a group without strata. */
  stratum: string;
  count: number;
}

/** Interviews per campaign, day of completion (Vietnam) and device, for the dashboard. */
export interface ActivityCountsTable {
  /** '' for interviews outside every campaign. */
  campaign_id: string;
  day: string;
  device_id: string;
  count: number;
}

export interface CoordinatorsTable {
  id: string;
  /** Lower case (NFC); unique. */
  username: string;
  /** scrypt$N$r$p$salt$hash (base64url). */
  password_hash: string;
  created_at: string;
  /** 'admin' manages accounts and publishes; 'coordinator' watches, links, devices, exports (migration 0009). */
  role: ColumnType<'admin' | 'coordinator', 'admin' | 'coordinator' | undefined, 'admin' | 'coordinator'>;
  /** Set when an administrator disabled the account: no login, no session. */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_login_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** sha256 (hex) of the session cookie's value; the value itself is never stored. */
  id: string;
  coordinator_id: string;
  created_at: string;
  expires_at: string;
}

/**
 * Every questionnaire version a server process of this database has loaded (migration 0007), so a
 * process started before a new version was deployed still checks and stores its interviews.
 */
export interface QuestionnaireVersionsTable {
  survey_id: string;
  version: number;
  /** The checked definition's JSON, as the catalog serves it. */
  definition: string;
  first_loaded_at: string;
  /** 'file': loaded from a definitions folder; 'web': published by a coordinator (migration 0008). */
  source: ColumnType<'file' | 'web', 'file' | 'web' | undefined, 'file' | 'web'>;
  published_by: string | null;
  retired_at: string | null;
}

export interface QuestionnaireDraftsTable {
  id: string;
  survey_id: string;
  version: number;
  version_in_file: number | null;
  /** The checked definition's JSON. */
  definition: string;
  file_name: string;
  format: 'xlsx' | 'xls' | 'json';
  /** JSON: the upload's warnings (UploadWarning[]). */
  warnings: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** Campaigns (migration 0009): the file format's JSON, one row per campaign, its revision counted up by each save. */
export interface CampaignsTable {
  id: string;
  /** The campaign as JSON, in the format of survey-definitions/campaigns/. */
  definition: string;
  revision: number;
  /** 'file': copied from survey-definitions/campaigns/ into the database; 'web': created from the pages. */
  source: 'file' | 'web';
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** The audit trail (migration 0009): every change a person made, with who and when. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  /** JSON: AuditChange[] (before and after, for edits). */
  changes: string | null;
  /** JSON: an object of anything else worth keeping. */
  detail: string | null;
}

export interface DatabaseSchema {
  campaigns: CampaignsTable;
  audit_log: AuditLogTable;
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  submissions: SubmissionsTable;
  quota_counts: QuotaCountsTable;
  activity_counts: ActivityCountsTable;
  coordinators: CoordinatorsTable;
  sessions: SessionsTable;
  respondent_links: RespondentLinksTable;
  link_starts: LinkStartsTable;
  score_parts: ScorePartsTable;
  score_totals: ScoreTotalsTable;
  score_deltas: ScoreDeltasTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  questionnaire_drafts: QuestionnaireDraftsTable;
}

export type DeviceRow = Selectable<DevicesTable>;
export type NewSubmission = Insertable<SubmissionsTable>;
export type SubmissionRow = Selectable<SubmissionsTable>;
export type CoordinatorRow = Selectable<CoordinatorsTable>;
export type RespondentLinkRow = Selectable<RespondentLinksTable>;
