/** The database's tables as Kysely types. Timestamps are ISO-8601 UTC text in both dialects. */
import type { Insertable, Selectable } from 'kysely';

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
  /** JSON text of section id → seconds. */
  section_times: string;
  /**
   * The campaign the interview counts towards, set at ingest ('' when no campaign has its group;
   * NULL only for rows stored before migration 0002 or without campaigns, counted at next start).
   */
  campaign_id: string | null;
  /** completed_at's date in Vietnam (YYYY-MM-DD). */
  completed_day: string | null;
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
}

export interface SessionsTable {
  /** sha256 (hex) of the session cookie's value; the value itself is never stored. */
  id: string;
  coordinator_id: string;
  created_at: string;
  expires_at: string;
}

export interface DatabaseSchema {
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  submissions: SubmissionsTable;
  quota_counts: QuotaCountsTable;
  activity_counts: ActivityCountsTable;
  coordinators: CoordinatorsTable;
  sessions: SessionsTable;
}

export type DeviceRow = Selectable<DevicesTable>;
export type NewSubmission = Insertable<SubmissionsTable>;
export type SubmissionRow = Selectable<SubmissionsTable>;
export type CoordinatorRow = Selectable<CoordinatorsTable>;
