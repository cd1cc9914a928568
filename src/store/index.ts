/** The device's storage of interviews: the public API of src/store (the only code using Dexie). */
export { SurveyDb, DEFAULT_DB_NAME, getDb } from './db';
export type { SurveyDbOptions } from './db';
export { newId } from './ids';
export { cacheDefinition, getDefinition } from './definitions';
export { startInterview, saveDraft, discardDraft } from './drafts';
export { completeInterview } from './complete';
export { createDraftSaver } from './saver';
export type { DraftSaver } from './saver';
export { getRecord, listRecords } from './queries';
export {
  StoreError,
  RecordNotFoundError,
  RecordFrozenError,
  IncompleteInterviewError,
  DefinitionNotCachedError,
  InvalidInputError,
} from './errors';
export type { StoreErrorCode } from './errors';
export { RECORD_FORMAT_VERSION } from './types';
export type {
  RecordStatus,
  InterviewRecord,
  CachedDefinition,
  DraftPatch,
  FinalPatch,
  StartInterviewInput,
} from './types';
