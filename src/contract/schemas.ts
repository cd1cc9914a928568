/**
 * The wire format shared by the device's sync and the collection server, in zod/mini (small
 * enough for the enumerator's first load). The server parses every request with these; the
 * device parses every reply, so a garbled reply is an error, never a silent loss.
 */
import * as z from 'zod/mini';
import { LANGUAGE_CODE_PATTERN, MAX_LANGUAGE_CODE } from '../survey/languages';
import { MAX_SECTIONS } from '../survey/types';
import { DEVICE_TOKEN_PATTERN } from './codes';
import { API_ERROR_CODES } from './errors';

/** The largest batch the server takes in one request. */
export const MAX_BATCH_ITEMS = 100;
/** The largest request body the server reads, in bytes. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const Id = z.string().check(z.minLength(1), z.maxLength(100));
const Timestamp = z.iso.datetime({ offset: true });
/** The longest text answer, and the longest choice value (in a list or a grid). */
const MAX_TEXT = 20_000;
const MAX_CHOICE = 200;
const MAX_CHOICES = 500;

/**
 * What an answer may be before the engine checks it against its question: a text (at most 20,000
 * characters), a finite number, a list of at most 500 choices, or a grid's row → choice; choices at
 * most 200 characters.
 */
function isAnswerValue(v: unknown): boolean {
  if (typeof v === 'string') return v.length <= MAX_TEXT;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    if (v.length > MAX_CHOICES) return false;
    for (const c of v) if (typeof c !== 'string' || c.length > MAX_CHOICE) return false;
    return true;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    const c = (v as Record<string, unknown>)[key];
    if (key.length > MAX_CHOICE || typeof c !== 'string' || c.length > MAX_CHOICE) return false;
  }
  return true;
}

type AnswerMap = Record<string, string | number | string[] | Record<string, string>>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Question id → answer, checked by hand in one pass instead of a record of a union of four schemas
 * (it runs for every answer of every interview the server receives); a refusal names the question
 * (path answers.<id>).
 */
const Answers = z.custom<AnswerMap>(isPlainObject, { error: 'answers must be an object of question id → answer' }).check(
  z.superRefine((answers, ctx) => {
    for (const key in answers) {
      if (!Object.hasOwn(answers, key)) continue;
      if (key.length > MAX_CHOICE) ctx.issues.push({ code: 'custom', input: key, path: [key], message: `a question id is at most ${MAX_CHOICE} characters` });
      else if (!isAnswerValue(answers[key]))
        ctx.issues.push({
          code: 'custom',
          input: answers[key],
          path: [key],
          message: `an answer is a text (at most ${MAX_TEXT} characters), a number, a list of at most ${MAX_CHOICES} choices or a grid's row → choice (choices at most ${MAX_CHOICE} characters)`,
        });
    }
  }),
);

/** Section times an interview may carry: one per section, and a questionnaire has at most this many. */
export const MAX_SECTION_TIMES = MAX_SECTIONS;
/**
 * The longest time the server keeps for one section, in milliseconds (7 days; the form's timer
 * pauses while the page is hidden). A longer, negative or unknown section's time is dropped.
 */
export const MAX_SECTION_MS = 7 * 24 * 3600 * 1000;

/** True when `value` is not an object, or has at most `max` keys (counted without listing them all). */
function keysAtMost(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++count > max) return false;
  return true;
}

/**
 * Section id → milliseconds spent in it, as the form's timer measured. The number of entries is
 * checked before any of them, so a huge object is refused at once; the server keeps only the
 * questionnaire version's sections with times from 0 to MAX_SECTION_MS and drops the others
 * (never refusing the interview for them: its enumerator could not fix them).
 */
const SectionTimes = z.pipe(
  z.custom<unknown>((v) => keysAtMost(v, MAX_SECTION_TIMES), { error: `too many section times (at most ${MAX_SECTION_TIMES}, one per section)` }),
  z.record(z.string().check(z.maxLength(200)), z.number()),
);

/**
 * The language an interview was conducted in: vi, en or another language of its questionnaire
 * (km, hmn…), a lower-case code of at most MAX_LANGUAGE_CODE characters. The server stores it as
 * sent and never refuses an interview over it: one of a language its questionnaire version lacks
 * (e.g. a text corrected since) is stored all the same; its enumerator could not change it.
 */
export const InterviewLang = z.string().check(
  z.maxLength(MAX_LANGUAGE_CODE, `a language code is at most ${MAX_LANGUAGE_CODE} characters`),
  z.regex(LANGUAGE_CODE_PATTERN, 'a language code in lower case, e.g. vi, en, km'),
);

/** One completed interview as the device sends it. */
export const Submission = z.object({
  /** The client-made UUID: the key that makes resending safe. */
  id: z.uuid(),
  surveyId: Id,
  surveyVersion: z.int().check(z.minimum(1)),
  respondentGroup: Id,
  stratum: z.optional(Id),
  lang: InterviewLang,
  answers: Answers,
  /**
   * The device's clock when the interview started and completed. Device clocks are often wrong:
   * an implausible pair (completed before started, more than a day after the server received it,
   * before 2020) is stored and marked, and counted on the day the server received it.
   */
  startedAt: Timestamp,
  completedAt: Timestamp,
  sectionTimes: SectionTimes,
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
  /**
   * The token the device made for itself: 32 random bytes in base64url (43 characters), as the
   * server makes them. Sending the same code with the same token again, after a lost reply, gets
   * the same device back instead of enrolment_code_used. Without it the server makes the token.
   */
  token: z.optional(
    z.string().check(z.refine((s) => DEVICE_TOKEN_PATTERN.test(s), { error: 'must be 43 characters of A-Z, a-z, 0-9, - or _' })),
  ),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: z.string(),
  name: z.string(),
  /**
   * Long-lived opaque token; send as `Authorization: Bearer <token>`. The one the device sent, if
   * it sent one. Status 201 when the device was created, 200 when a retry found it created.
   */
  token: z.string().check(z.minLength(32)),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), time: Timestamp, database: z.enum(['sqlite', 'postgres']) });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ErrorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
  sheet: z.optional(z.string()),
  row: z.optional(z.int()),
  column: z.optional(z.string()),
  messageVi: z.optional(z.string()),
});

export const ApiError = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: z.optional(z.array(ErrorDetailSchema)),
  }),
});

export const DefinitionSummary = z.object({
  id: z.string(),
  version: z.int(),
  title: z.object({ vi: z.string(), en: z.string() }),
  /** Retired by a coordinator: no new interviews; drafts begun on it are still completed and accepted. */
  retired: z.optional(z.boolean()),
});
export const DefinitionList = z.object({ definitions: z.array(DefinitionSummary) });
export type DefinitionList = z.infer<typeof DefinitionList>;
