/** The device's storage of interviews: the public API of src/store (the only code using Dexie). */
export { SurveyDb, DEFAULT_DB_NAME, getDb } from './db';
export type { SurveyDbOptions } from './db';
export { newId } from './ids';
export { cacheDefinition, getDefinition, cachedDefinitionKeys, latestCachedDefinitions, retiredVersions, saveRetiredVersions } from './definitions';
export { startInterview, saveDraft, discardDraft } from './drafts';
export { alignDraftStratum, discardIfUnanswered } from './draft-open';
export type { AlignedDraft } from './draft-open';
// Respondent links (./links: getRespondentLink, saveLinkInfo, openLinkInterview…) are imported from
// './links' directly by the respondent's code, so the enumerator's first load does not carry them.
export { completeInterview } from './complete';
export { createDraftSaver } from './saver';
export type { DraftSaver } from './saver';
export { getRecord, listRecords, listDrafts, recentCompleted } from './queries';
export type { RecentCompleted } from './queries';
// Importing a backup (./import: importBackup) and the interviews kept for a newer version of the
// app (./kept-for-newer) are imported directly by the device page's chunk, off the first load.
export {
  pendingSubmissions,
  pendingLinkSubmissions,
  getOutboxEntry,
  noteAttempt,
  acknowledgeSubmissions,
  settleUploads,
  rejectSubmission,
  retryRejected,
  outboxCounts,
  listRejected,
} from './outbox';
export type { UploadSettlement } from './outbox';
export { exportUnsent, UNSENT_EXPORT_FORMAT } from './export';
export type { UnsentExport } from './export';
export { logOutDevice, deviceHoldings } from './logout';
export type { DeviceHoldings } from './logout';
export {
  getEnrolment,
  saveEnrolment,
  clearEnrolment,
  getPendingEnrolment,
  savePendingEnrolment,
  clearPendingEnrolment,
  getSyncState,
  saveSyncState,
} from './meta';
export { getQuotaSnapshot, saveQuotaSnapshot, unsentCounts } from './quota';
export type { UnsentCount } from './quota';
export {
  StoreError,
  RecordNotFoundError,
  RecordFrozenError,
  IncompleteInterviewError,
  DefinitionNotCachedError,
  InvalidInputError,
  UnsentDataError,
  RecordFormatError,
} from './errors';
export type { StoreErrorCode } from './errors';
export { RECORD_FORMAT_VERSION } from './types';
export type {
  RecordStatus,
  InterviewMode,
  InterviewRecord,
  CachedDefinition,
  DraftPatch,
  FinalPatch,
  StartInterviewInput,
  OutboxState,
  OutboxEntry,
  Rejection,
  QueuedSubmission,
  QuotaKey,
  Enrolment,
  PendingEnrolment,
  SyncError,
  SyncState,
  SyncStatePatch,
  RespondentLink,
  LinkRefusalNote,
} from './types';
