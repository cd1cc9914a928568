/** The contract between device and server: request/response schemas and stable error codes. */
export * from './errors';
export * from './schemas';
export { describeIssues } from './issues';
export { API_PATHS } from './paths';
