/**
 * The coordinators' API (under /api/coordinator, with the HttpOnly session cookie `session`): login,
 * dashboard, devices and enrolment codes, in zod/mini. Exports are files, described in README.md.
 */
import * as z from 'zod/mini';
import { QuotaSnapshot } from './schemas';
import { TargetResult } from './report';
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
  /** admin: also manages accounts and publishes questionnaires and campaigns. Absent from older servers. */
  role: z.optional(z.enum(['admin', 'coordinator'])),
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

const Text = z.object({ vi: z.string(), en: z.string() });

/** One row of the per-enumerator table: the devices enrolled under one enumerator's name. */
export const EnumeratorSummary = z.object({
  /** The latest enrolled of its devices. */
  deviceId: z.string(),
  /** Every device of this enumerator, oldest enrolment first. Absent from older servers (one row per device). */
  deviceIds: z.optional(z.array(z.string())),
  /** The name given with the enrolment code (as written for the latest device). */
  name: z.string(),
  /** `links`: the interviews respondents sent themselves through respondent links (no enumerator). */
  kind: z.optional(z.enum(['enumerator', 'links'])),
  /** Interviews that count towards the campaign. */
  count: Count,
  /** Interviews that count towards no campaign (a questionnaire no campaign surveys, such as PAPI). */
  outsideCampaigns: z.optional(Count),
  /** The latest sync of any of its devices. */
  lastSyncAt: z.nullable(Timestamp),
});
export type EnumeratorSummary = z.infer<typeof EnumeratorSummary>;

/** A questionnaire version on the dashboard (for its export links). */
export const QuestionnaireVersionSummary = z.object({
  id: z.string(),
  version: z.int(),
  title: Text,
  /** The campaign shown surveys this questionnaire (any of its versions counts towards the group). */
  campaign: z.boolean(),
  /** Interviews of this version are stored (in any campaign or none). */
  interviews: z.boolean(),
  /** The version has a scoring block: its scores download (`.scores.csv`, `.scores.json`). Absent from older servers. */
  scoring: z.optional(z.boolean()),
});
export type QuestionnaireVersionSummary = z.infer<typeof QuestionnaireVersionSummary>;

/** GET /api/coordinator/dashboard (`?campaign=<id>`, default the current campaign). */
export const CoordinatorDashboard = z.object({
  /** The campaign's quotas; null when the server has no campaign file. */
  quota: z.nullable(QuotaSnapshot),
  /** Every campaign the server knows, for choosing another one. */
  campaigns: z.array(CampaignSummary),
  /** The campaign's interviews per day of completion (in Vietnam), days without any left out, oldest first. */
  perDay: z.array(z.object({ date: z.string(), count: Count })),
  /**
   * Interviews per enumerator: devices grouped by the name given with their enrolment code; every
   * enumerator with an interview here (the campaign's or outside any campaign) or an unrevoked device.
   */
  perEnumerator: z.array(EnumeratorSummary),
  devices: z.array(DeviceSummary),
  totals: z.object({
    /** The campaign's interviews. */
    interviews: Count,
    /** Of those, completed today (in Vietnam). */
    today: Count,
    /**
     * Interviews that count towards no campaign (their questionnaire and group are in no campaign
     * file, such as PAPI), per questionnaire. Absent from older servers.
     */
    outsideCampaigns: z.optional(
      z.object({
        interviews: Count,
        questionnaires: z.array(z.object({ id: z.string(), title: Text, interviews: Count })),
      }),
    ),
    /** Interviews that count towards the server's other campaigns (choose one to see them). */
    otherCampaigns: z.optional(Count),
  }),
  /** The total the campaign's plan declares and the groups it covers (the campaign file's `declaredTotal`). */
  declaredTotal: z.optional(z.object({ value: Count, groups: z.array(z.string()) })),
  /**
   * The questionnaire versions to export: the campaign's, then every other version with interviews
   * stored. Absent from older servers.
   */
  questionnaires: z.optional(z.array(QuestionnaireVersionSummary)),
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
  /** The campaign's score targets, each judged on its 95 % interval (as in the report). */
  targets: z.optional(z.array(TargetResult)),
  takenAt: Timestamp,
});
export type CoordinatorDashboard = z.infer<typeof CoordinatorDashboard>;
