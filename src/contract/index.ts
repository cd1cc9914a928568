/** The contract between device and server: request/response schemas and stable error codes. */
export * from './errors';
export * from './schemas';
export { describeIssues } from './issues';
export { API_PATHS } from './paths';
export * from './coordinator';
export * from './backup-format';
export { BackupFile, BackupRecord, parseBackup, submissionCandidate } from './backup';
export type { BackupProblem, ParsedBackup, SubmissionSource } from './backup';
export { canonicalJson } from './canonical';
