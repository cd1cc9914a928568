/** What the app shows at a glance about uploading, and what one sync run ended with. */
import type { SyncError } from '../store';

export interface SyncStatus {
  /** navigator.onLine: false is reliable, true only means "maybe". */
  online: boolean;
  syncing: boolean;
  /** Interviews waiting to be sent. */
  pending: number;
  /** Interviews the server refused; they stay on the device until retried. */
  rejected: number;
  lastSuccessAt?: string;
  lastError?: SyncError;
  /** No enrolment, or the server no longer accepts the token: uploads wait for a new code. */
  needsEnrolment: boolean;
  deviceName?: string;
  /** When the next automatic attempt after a failure is due. */
  nextRetryAt?: string;
}

interface Counts {
  acknowledged: number;
  rejected: number;
}

export type SyncOutcome =
  | ({ status: 'ok' } & Counts)
  | ({ status: 'needsEnrolment'; error?: SyncError } & Counts)
  | ({ status: 'failed'; error: SyncError; retryInMs: number } & Counts);

/** Drops undefined fields (exactOptionalPropertyTypes) and compares by value. */
export function makeStatus(fields: { [K in keyof SyncStatus]: SyncStatus[K] | undefined }): SyncStatus {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as SyncStatus;
}

export const sameStatus = (a: SyncStatus, b: SyncStatus): boolean => JSON.stringify(a) === JSON.stringify(b);
