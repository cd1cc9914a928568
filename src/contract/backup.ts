/**
 * The backup file's shape (written by the device's exportUnsent) and how one of its interviews
 * becomes a Submission. Read by the device that imports a backup and by POST /api/backups, so
 * both accept the same files and make byte-identical submissions (the same content hash) of them.
 */
import * as z from 'zod/mini';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './backup-format';
import { describeIssues } from './issues';

const Text = z.object({ vi: z.string(), en: z.string() });

/** A completed interview as the device stores it; fields a newer app added are kept. */
export const BackupRecord = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  surveyId: z.string(),
  surveyVersion: z.number(),
  respondentGroup: z.string(),
  stratum: z.optional(z.string()),
  stratumLabel: z.optional(Text),
  status: z.literal('completed'),
  lang: z.enum(['vi', 'en']),
  answers: z.record(z.string(), z.unknown()),
  currentSectionId: z.string(),
  sectionTimes: z.record(z.string(), z.number()),
  progress: z.object({ answered: z.number(), total: z.number() }),
  startedAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.optional(z.string()),
  syncedAt: z.optional(z.string()),
  formatVersion: z.number(),
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

export type ParsedBackup =
  | { ok: true; file: BackupFile }
  | { ok: false; problem: BackupProblem; message: string; details: { path: string; message: string }[] };

/** A short description of a value from the file, which may be huge or nested thousands deep. */
function shortValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
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
  if (!parsed.success)
    return { ok: false, problem: 'invalidContent', message: 'The backup file is damaged or incomplete.', details: describeIssues(parsed.error.issues) };
  return { ok: true, file: parsed.data };
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
