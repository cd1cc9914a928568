/** The contract between device and server: request/response schemas and stable error codes. */
export * from './errors';
export * from './schemas';
export { describeIssues } from './issues';
export { API_PATHS, RESPONDENT_PAGE } from './paths';
export * from './coordinator';
export * from './scores';
export * from './backup-format';
export { BackupFile, BackupRecord, parseBackup, submissionCandidate } from './backup';
export type { BackupProblem, ParsedBackup, SubmissionSource } from './backup';
export { canonicalJson } from './canonical';
export * from './links';
export * from './questionnaires';
export * from './admin';
export * from './report';
