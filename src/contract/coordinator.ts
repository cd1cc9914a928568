/**
 * The coordinators' API (under /api/coordinator, with the HttpOnly session cookie `session`): login,
 * dashboard, devices and enrolment codes, in zod/mini. Exports are files, described in README.md.
 */
import * as z from 'zod/mini';
import { QuotaSnapshot } from './schemas';
import { QuestionnaireScores } from './scores';

const Timestamp = z.iso.datetime({ offset: true });
const Count = z.int().check(z.minimum(0));

/** POST /api/coordinator/login */
export const CoordinatorLogin = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type CoordinatorLogin = z.infer<typeof CoordinatorLogin>;

/** The reply of login and of GET /api/coordinator/me. */
export const CoordinatorMe = z.object({
  username: z.string(),
  /** When the session ends (the cookie's Max-Age): log in again after it. */
  expiresAt: Timestamp,
});
export type CoordinatorMe = z.infer<typeof CoordinatorMe>;

/** POST /api/coordinator/enrolment-codes: who will use the device. */
export const EnrolmentCodeRequest = z.object({ name: z.string().check(z.minLength(1), z.maxLength(200)) });
export type EnrolmentCodeRequest = z.infer<typeof EnrolmentCodeRequest>;

/** A one-time enrolment code (shown once; only its hash is stored). */
export const EnrolmentCodeIssued = z.object({ code: z.string(), name: z.string(), expiresAt: Timestamp });
export type EnrolmentCodeIssued = z.infer<typeof EnrolmentCodeIssued>;

export const DeviceSummary = z.object({
  id: z.string(),
  /** Given with the enrolment code: the enumerator's name. */
  name: z.string(),
  /** What the device called itself when it enrolled. */
  label: z.nullable(z.string()),
  createdAt: Timestamp,
  /** Last request with the device's token (at one-minute resolution). */
  lastSeenAt: z.nullable(Timestamp),
  /** Last upload that carried at least one valid interview. */
  lastSyncAt: z.nullable(Timestamp),
  revokedAt: z.nullable(Timestamp),
  /** Interviews stored from this device, all campaigns. */
  interviews: Count,
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

/** GET /api/coordinator/devices */
export const CoordinatorDevices = z.object({ devices: z.array(DeviceSummary) });
export type CoordinatorDevices = z.infer<typeof CoordinatorDevices>;

export const CampaignSummary = z.object({
  id: z.string(),
  title: z.object({ vi: z.string(), en: z.string() }),
  start: z.string(),
  end: z.string(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** GET /api/coordinator/dashboard (`?campaign=<id>`, default the current campaign). */
export const CoordinatorDashboard = z.object({
  /** The campaign's quotas; null when the server has no campaign file. */
  quota: z.nullable(QuotaSnapshot),
  /** Every campaign the server knows, for choosing another one. */
  campaigns: z.array(CampaignSummary),
  /** The campaign's interviews per day of completion (in Vietnam), days without any left out, oldest first. */
  perDay: z.array(z.object({ date: z.string(), count: Count })),
  /** The campaign's interviews per device; every device that sent one, and every unrevoked device (count 0). */
  perEnumerator: z.array(z.object({ deviceId: z.string(), name: z.string(), count: Count, lastSyncAt: z.nullable(Timestamp) })),
  devices: z.array(DeviceSummary),
  totals: z.object({
    /** The campaign's interviews. */
    interviews: Count,
    /** Of those, completed today (in Vietnam). */
    today: Count,
  }),
  /**
   * Scores of the campaign's interviews, per questionnaire with a scoring block (pooled over its
   * versions by component id); without a campaign, of every interview per questionnaire.
   */
  scores: z.array(QuestionnaireScores),
  /**
   * True while stored interviews are still being counted or scored after a start (or a change of
   * scoring): the scores then leave some out. Absent from older servers.
   */
  scoresPending: z.optional(z.boolean()),
  takenAt: Timestamp,
});
export type CoordinatorDashboard = z.infer<typeof CoordinatorDashboard>;
