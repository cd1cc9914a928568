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

export const SubmitResponse = z.object({
  results: z.array(SubmitResult),
  serverTime: Timestamp,
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
