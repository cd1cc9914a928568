/**
 * The wire format shared by the device's sync and the collection server, in zod/mini (small
 * enough for the enumerator's first load). The server parses every request with these; the
 * device parses every reply, so a garbled reply is an error, never a silent loss.
 */
import * as z from 'zod/mini';
import { API_ERROR_CODES } from './errors';

/** The largest batch the server takes in one request. */
export const MAX_BATCH_ITEMS = 100;
/** The largest request body the server reads, in bytes. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const Id = z.string().check(z.minLength(1), z.maxLength(100));
const Timestamp = z.iso.datetime({ offset: true });
const Scalar = z.union([z.string().check(z.maxLength(20_000)), z.number()]);
const AnswerValue = z.union([
  Scalar,
  z.array(z.string().check(z.maxLength(200))).check(z.maxLength(500)),
  z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(200))),
]);

/** One completed interview as the device sends it. */
export const Submission = z.object({
  /** The client-made UUID: the key that makes resending safe. */
  id: z.uuid(),
  surveyId: Id,
  surveyVersion: z.int().check(z.minimum(1)),
  respondentGroup: Id,
  stratum: z.optional(Id),
  lang: z.enum(['vi', 'en']),
  answers: z.record(z.string().check(z.maxLength(200)), AnswerValue),
  startedAt: Timestamp,
  completedAt: Timestamp,
  sectionTimes: z.record(z.string().check(z.maxLength(200)), z.number().check(z.minimum(0))),
});
export type Submission = z.infer<typeof Submission>;

export const SubmitRequest = z.object({
  items: z.array(Submission).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

const ItemError = z.object({ code: z.string(), message: z.object({ vi: z.string(), en: z.string() }) });

/** What happened to one interview of a batch. */
export const SubmitResult = z.object({
  id: z.string(),
  /** stored: written now; duplicate: already stored with identical content; rejected: not stored. */
  status: z.enum(['stored', 'duplicate', 'rejected']),
  code: z.optional(z.enum(API_ERROR_CODES)),
  message: z.optional(z.string()),
  /** For invalid_answers: field → the engine's error code and message. */
  errors: z.optional(z.record(z.string(), ItemError)),
});
export type SubmitResult = z.infer<typeof SubmitResult>;

const Text = z.object({ vi: z.string(), en: z.string() });
const Count = z.int().check(z.minimum(0));

/** One stratum of a group (a department, a unit, a district): target and interviews accepted. */
export const QuotaStratum = z.object({
  value: z.string(),
  label: Text,
  /** The stratum it belongs to (a unit's department), a value of the group's `parents`. */
  parent: z.optional(z.string()),
  /** 0 for a stratum the campaign does not plan but interviews arrived for. */
  target: Count,
  accepted: Count,
  /** accepted − target when above the target, else 0. */
  over: Count,
  /** accepted ≥ target: a device starts no new interview here when the group's policy is stop. */
  full: z.boolean(),
});
export type QuotaStratum = z.infer<typeof QuotaStratum>;

export const QuotaGroup = z.object({
  /** The respondent group id (as on the questionnaire and in submissions). */
  id: z.string(),
  label: Text,
  description: z.optional(Text),
  policy: z.enum(['stop', 'continue']),
  /** Counted by id: any version of this questionnaire counts towards the group. */
  questionnaire: z.object({ id: z.string(), version: z.int() }),
  /** The group's target: its one number, or the sum of its strata's targets. */
  target: Count,
  accepted: Count,
  /** Interviews beyond target: per stratum (one stratum's overage never fills another's gap). */
  over: Count,
  /** Without strata: accepted ≥ target; with strata: every stratum is full. */
  full: z.boolean(),
  /** The group's total as the plan states it, when the file gives one. */
  declaredTarget: z.optional(Count),
  /** Empty for a group with one target. */
  strata: z.array(QuotaStratum),
  /** The labels of the strata's parents (e.g. the departments of units). */
  parents: z.optional(z.array(z.object({ value: z.string(), label: Text }))),
});
export type QuotaGroup = z.infer<typeof QuotaGroup>;

/** A declared total that disagrees with the targets computed from groups and strata. */
export const QuotaDiscrepancy = z.object({
  /** 'campaign' for the campaign's declared total, else a group id. */
  scope: z.string(),
  declared: Count,
  computed: Count,
  message: Text,
});
export type QuotaDiscrepancy = z.infer<typeof QuotaDiscrepancy>;

/** The campaign's quotas as the server counts them at `takenAt`. */
export const QuotaSnapshot = z.object({
  campaignId: z.string(),
  title: Text,
  /** Fieldwork period, inclusive dates in Vietnam (YYYY-MM-DD). */
  start: z.string(),
  end: z.string(),
  /** upcoming / running / ended on the day the snapshot was taken (in Vietnam). */
  status: z.enum(['upcoming', 'running', 'ended']),
  takenAt: Timestamp,
  groups: z.array(QuotaGroup),
  discrepancies: z.array(QuotaDiscrepancy),
});
export type QuotaSnapshot = z.infer<typeof QuotaSnapshot>;

export const SubmitResponse = z.object({
  results: z.array(SubmitResult),
  serverTime: Timestamp,
  /**
   * The current campaign's quotas after this batch (absent when the server has no campaign). A
   * snapshot the device cannot read is dropped, never a reason to doubt the results.
   */
  quota: z.catch(z.optional(QuotaSnapshot), undefined),
});
export type SubmitResponse = z.infer<typeof SubmitResponse>;

export const EnrolRequest = z.object({
  code: z.string().check(z.minLength(4), z.maxLength(64)),
  /** What the device calls itself (model, enumerator's name), shown to coordinators. */
  deviceLabel: z.optional(z.string().check(z.maxLength(200))),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: z.string(),
  name: z.string(),
  /** Long-lived opaque token; send as `Authorization: Bearer <token>`. Shown once. */
  token: z.string().check(z.minLength(32)),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), time: Timestamp, database: z.enum(['sqlite', 'postgres']) });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ApiError = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});

export const DefinitionSummary = z.object({
  id: z.string(),
  version: z.int(),
  title: z.object({ vi: z.string(), en: z.string() }),
});
export const DefinitionList = z.object({ definitions: z.array(DefinitionSummary) });
export type DefinitionList = z.infer<typeof DefinitionList>;
