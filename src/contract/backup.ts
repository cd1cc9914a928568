/**
 * The backup file's shape (written by the device's exportUnsent) and how one of its interviews
 * becomes a Submission. Read by the device that imports a backup and by POST /api/backups, so
 * both accept the same files and make byte-identical submissions (the same content hash) of them.
 */
import * as z from 'zod/mini';
import type { AnswerValue } from '../survey';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './backup-format';
import { describeIssues } from './issues';
import { InterviewLang } from './schemas';

const Text = z.object({ vi: z.string(), en: z.string() });

/**
 * An answer as the device stores it: a text, a number, a list of choices or a grid's row → choice.
 * Checked by hand, not as a union of four schemas: a backup holds thousands of answers. Whether
 * the answer fits its question is the engine's check when the interview is sent.
 */
function isStoredAnswer(v: unknown): v is AnswerValue {
  if (typeof v === 'string' || typeof v === 'number') return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.every((c) => typeof c === 'string');
  return Object.values(v).every((c) => typeof c === 'string');
}
const StoredAnswer = z.custom<AnswerValue>(isStoredAnswer, { error: 'expected a text, a number, a list of choices or a grid’s row → choice' });

/** A completed interview as the device stores it (every field of its record format); fields a newer app added are kept. */
export const BackupRecord = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  surveyId: z.string(),
  surveyVersion: z.number(),
  respondentGroup: z.string(),
  stratum: z.optional(z.string()),
  stratumLabel: z.optional(Text),
  status: z.literal('completed'),
  lang: InterviewLang,
  answers: z.record(z.string(), StoredAnswer),
  currentSectionId: z.string(),
  sectionTimes: z.record(z.string(), z.number()),
  progress: z.object({ answered: z.number(), total: z.number() }),
  startedAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.optional(z.string()),
  syncedAt: z.optional(z.string()),
  mode: z.optional(z.enum(['interviewer', 'self'])),
  linkToken: z.optional(z.string()),
  /** The device's record format; the importing device reads the versions it knows. */
  formatVersion: z.int().check(z.minimum(1)),
});
export type BackupRecord = z.infer<typeof BackupRecord>;

export const BackupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  exportedAt: z.string(),
  device: z.optional(z.object({ deviceId: z.string(), name: z.string(), serverUrl: z.string() })),
  interviews: z.array(z.object({ record: BackupRecord, outbox: z.optional(z.looseObject({ queuedAt: z.optional(z.string()) })) })),
});
export type BackupFile = z.infer<typeof BackupFile>;

export type BackupProblem = 'wrongFormat' | 'unsupportedVersion' | 'invalidContent';

/** Where a damaged backup is wrong when it is inside an interview: its place, its id if readable, the field. */
export interface BackupFault {
  /** 0-based place of the interview in the file. */
  index: number;
  /** The interview's id as the file gives it (shortened), if it is a text. */
  id: string | undefined;
  /** The field inside the interview's record ("answers.q3"), or "record" / "outbox…" outside it. */
  field: string;
  message: string;
}

export type ParsedBackup =
  | { ok: true; file: BackupFile }
  | { ok: false; problem: BackupProblem; message: string; details: { path: string; message: string }[]; fault?: BackupFault };

const shortText = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A short description of a value from the file, which may be huge or nested thousands deep. */
function shortValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(shortText(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return '(missing)';
  return Array.isArray(value) ? '(a list)' : '(an object)';
}

/** Checks parsed JSON: not a backup at all, a backup from a newer app, or a damaged one. */
export function parseBackup(json: unknown): ParsedBackup {
  const head = (typeof json === 'object' && json !== null ? json : {}) as { format?: unknown; formatVersion?: unknown };
  if (head.format !== BACKUP_FORMAT)
    return { ok: false, problem: 'wrongFormat', message: `Not a backup of unsent interviews (expected "format": "${BACKUP_FORMAT}").`, details: [] };
  if (head.formatVersion !== BACKUP_FORMAT_VERSION)
    return {
      ok: false,
      problem: 'unsupportedVersion',
      message: `This backup's format version ${shortValue(head.formatVersion)} is not version ${BACKUP_FORMAT_VERSION}: a newer app wrote it.`,
      details: [],
    };
  const parsed = BackupFile.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const details = describeIssues(parsed.error.issues);
  const fault = faultOf(json, parsed.error.issues);
  if (!fault) return { ok: false, problem: 'invalidContent', message: 'The backup file is damaged or incomplete.', details };
  const which = `interview ${fault.index + 1}${fault.id !== undefined ? ` (id ${fault.id})` : ''}`;
  return { ok: false, problem: 'invalidContent', message: `The backup file is damaged: ${which}, field ${fault.field}: ${fault.message}.`, details, fault };
}

/** A property of a value from the file, if it is an object that has it. */
const propertyOf = (value: unknown, key: string | number): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;

/** The first problem inside an interview, named by the interview's place and id and the field. */
function faultOf(json: unknown, issues: readonly z.core.$ZodIssue[]): BackupFault | undefined {
  const issue = issues.find((i) => i.path[0] === 'interviews' && typeof i.path[1] === 'number');
  const index = issue?.path[1];
  const detail = issue && describeIssues([issue])[0];
  if (!issue || typeof index !== 'number' || !detail) return undefined;
  const inside = issue.path.slice(2);
  const fieldPath = inside[0] === 'record' && inside.length > 1 ? inside.slice(1) : inside;
  const field = shortText(fieldPath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'record', 80);
  const id = propertyOf(propertyOf(propertyOf(propertyOf(json, 'interviews'), index), 'record'), 'id');
  return { index, id: typeof id === 'string' ? shortText(id) : undefined, field, message: detail.message };
}

/** What a stored interview sends to the server (before the Submission schema checks it). */
export interface SubmissionSource {
  id: string;
  surveyId: string;
  surveyVersion: number;
  respondentGroup: string;
  stratum?: string | undefined;
  lang: string;
  answers: Record<string, unknown>;
  startedAt: string;
  completedAt?: string | undefined;
  updatedAt: string;
  sectionTimes: Record<string, number>;
}

/** The submission made of a stored interview: the device's sync and the backup import use it. */
export function submissionCandidate(record: SubmissionSource): Record<string, unknown> {
  return {
    id: record.id,
    surveyId: record.surveyId,
    surveyVersion: record.surveyVersion,
    respondentGroup: record.respondentGroup,
    ...(record.stratum !== undefined ? { stratum: record.stratum } : {}),
    lang: record.lang,
    answers: Object.fromEntries(Object.entries(record.answers).filter(([, v]) => v !== undefined)),
    startedAt: record.startedAt,
    completedAt: record.completedAt ?? record.updatedAt,
    sectionTimes: record.sectionTimes,
  };
}
