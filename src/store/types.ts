/** The shapes the device stores: interview records, cached definitions, outbox, meta. Types only. */
import type { Answers, Definition, Text, TextLang } from '../survey';
import type { LinkInfo, QuotaSnapshot } from '../contract';

export type RecordStatus = 'draft' | 'completed';

/** Who filled the questionnaire: an enumerator interviewing (the default), or the respondent alone from a link. */
export type InterviewMode = 'interviewer' | 'self';

/**
 * The version of the stored record format written by this code. Records are read back through
 * restoreRecord (records.ts), which upgrades older formats and leaves newer ones untouched.
 */
export const RECORD_FORMAT_VERSION = 1;

export interface InterviewRecord {
  /** Client-made UUID (v4), made by newId(). */
  id: string;
  surveyId: string;
  /** The definition version the interview was started with; it keeps it for life. */
  surveyVersion: number;
  respondentGroup: string;
  stratum?: string;
  /**
   * The stratum's label from the definition's list (from the campaign for a stratum it plans outside
   * the list), so lists can show it without the definition, and the form names that stratum.
   */
  stratumLabel?: Text;
  status: RecordStatus;
  /** The language the interview was (last) conducted in: vi, en or another language of its questionnaire. */
  lang: TextLang;
  /** Only answers to shown questions: hidden ones are dropped on every save. */
  answers: Answers;
  currentSectionId: string;
  /** Milliseconds spent per section id. */
  sectionTimes: Record<string, number>;
  progress: { answered: number; total: number };
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  /** The server's time when it acknowledged the interview (stored or duplicate). */
  syncedAt?: string;
  /** Absent for an enumerator's interview; 'self' when the respondent filled it from a link. */
  mode?: InterviewMode;
  /** The respondent link it was started from: it is sent through that link, not with a device token. */
  linkToken?: string;
  formatVersion: typeof RECORD_FORMAT_VERSION;
}

/**
 * A row of the records table as it is read back: an InterviewRecord this app wrote, or a record of
 * another format (an older one to upgrade, or one a newer version of the app wrote). Reads go
 * through restoreRecord (records.ts) before anything uses it as an InterviewRecord.
 */
export interface StoredRecord {
  readonly id: string;
  readonly formatVersion?: unknown;
}

export interface CachedDefinition {
  id: string;
  version: number;
  definition: Definition;
  cachedAt: string;
}

/** What the form may change in a draft. */
export type DraftPatch = Partial<Pick<InterviewRecord, 'answers' | 'currentSectionId' | 'lang' | 'sectionTimes'>>;

/** Last changes given together with completing an interview. */
export type FinalPatch = Partial<Pick<InterviewRecord, 'answers' | 'sectionTimes' | 'lang'>>;

export interface StartInterviewInput {
  definition: Definition;
  respondentGroup: string;
  stratum?: string | undefined;
  /** The campaign's label of the stratum: needed for a stratum the campaign plans outside the group's list. */
  stratumLabel?: Text | undefined;
  lang: TextLang;
}

export type OutboxState = 'pending' | 'rejected';

/** Why the server refused an interview (or why the device could not send it at all). */
export interface Rejection {
  /** A stable code: one of the contract's API_ERROR_CODES, mapped to a translated message. */
  code: string;
  /** The server's own words, shown next to the translated reason. */
  message: string;
  /** For invalid_answers: question id → the engine's error code and message in both languages. */
  errors?: Record<string, { code: string; message: Text }>;
  at: string;
}

/** A completed interview waiting for the server's acknowledgement; keyed by the record's id. */
export interface OutboxEntry {
  id: string;
  queuedAt: string;
  /** Upload attempts so far (requests that carried this interview). */
  attempts: number;
  lastAttemptAt?: string;
  state: OutboxState;
  rejection?: Rejection;
  /** Sent through this respondent link's route (no enrolment needed); absent: with the device's token. */
  linkToken?: string;
  /** The quota the interview counts towards, indexed so unsent interviews are counted without reading records. */
  quotaKey?: QuotaKey;
}

/** Questionnaire id, respondent group and stratum ('' for none): an interview's quota, as an IndexedDB key. */
export type QuotaKey = [surveyId: string, respondentGroup: string, stratum: string];

/** A queued interview with its outbox entry. */
export interface QueuedSubmission {
  record: InterviewRecord;
  entry: OutboxEntry;
}

/** How this device talks to the collection server, from exchanging an enrolment code. */
export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  /** The enumerator's name, as the coordinator gave it with the enrolment code (the server's reply). */
  name: string;
  /** What the device was called when it was enrolled (typed on the device page), if anything. */
  label?: string;
  /** Long-lived bearer token; never exported or shown. */
  token: string;
  enrolledAt: string;
}

/**
 * A token the device made for an enrolment the server has not confirmed yet, kept before it is
 * sent, so that a retry with the same code (after a lost reply, or a reload) sends the same token.
 */
export interface PendingEnrolment {
  serverUrl: string;
  /** The code as the server reads it (see normaliseCode in sync/enrol.ts). */
  code: string;
  token: string;
  createdAt: string;
}

export interface SyncError {
  code: string;
  message: string;
  at: string;
}

/** What the last upload attempts left behind, for the status bar after a reload. */
export interface SyncState {
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: SyncError;
}

/** A change to SyncState; a field given as undefined is removed. */
export type SyncStatePatch = { [K in keyof SyncState]?: SyncState[K] | undefined };

/** A final refusal of a respondent link by the server (unknown, revoked, used, exhausted, quota full…). */
export interface LinkRefusalNote {
  code: string;
  message: string;
  at: string;
}

/** A respondent link opened on this device: what the server said about it, and this device's interview through it. */
export interface RespondentLink {
  token: string;
  /** The server's last description of the link, kept so the page reopens offline. */
  info: LinkInfo;
  infoAt: string;
  /** This device's one interview through the link (a draft, or completed). */
  recordId?: string;
  /** When the server acknowledged that the interview started (reported once). */
  startedReportedAt?: string;
  /** The server's last final refusal of the link; cleared when it describes the link again. */
  refusal?: LinkRefusalNote;
}

/** A key-value row of the meta table. */
export type MetaRow =
  | { key: 'enrolment'; value: Enrolment }
  | { key: 'pendingEnrolment'; value: PendingEnrolment }
  | { key: 'syncState'; value: SyncState }
  /** The server's last quota snapshot (see quota.ts). */
  | { key: 'quota'; value: QuotaSnapshot }
  /** Respondent links opened on this device, by token (see links.ts). */
  | { key: 'links'; value: Record<string, RespondentLink> }
  /** The questionnaire versions the server lists as retired ("id@version"): not offered for new interviews. */
  | { key: 'retiredVersions'; value: string[] };
