/** Typed errors of the store's commands; `code` is stable, for mapping to translated messages. */
import type { AnswerErrors } from '../survey';
import { RECORD_FORMAT_VERSION } from './types';

export type StoreErrorCode =
  | 'notFound'
  | 'frozen'
  | 'incomplete'
  | 'definitionMissing'
  | 'invalidInput'
  | 'unsentData'
  | 'invalidBackup'
  | 'unknownFormat';

export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;
}

/** No interview with this id is stored on the device. */
export class RecordNotFoundError extends StoreError {
  override readonly name = 'RecordNotFoundError';
  readonly code = 'notFound';
  constructor(readonly recordId: string) {
    super(`No interview ${recordId} on this device`);
  }
}

/** The interview is completed: it is never edited or discarded again. */
export class RecordFrozenError extends StoreError {
  override readonly name = 'RecordFrozenError';
  readonly code = 'frozen';
  constructor(readonly recordId: string) {
    super(`Interview ${recordId} is completed and can no longer be changed`);
  }
}

/**
 * The interview was saved by a newer version of the app (or in a record format no version of it
 * wrote): this version keeps it exactly as it is and does not open, change or send it.
 */
export class RecordFormatError extends StoreError {
  override readonly name = 'RecordFormatError';
  readonly code = 'unknownFormat';
  constructor(
    readonly recordId: string,
    readonly formatVersion: unknown,
  ) {
    super(
      typeof formatVersion === 'number' && formatVersion > RECORD_FORMAT_VERSION
        ? `Interview ${recordId} was saved by a newer version of this app (record format ${formatVersion}): it is kept on this device; update the app to open or send it`
        : `Interview ${recordId} is stored in a record format this app does not know: it is kept on this device as it is`,
    );
  }
}

/** Completing was refused: the answers do not pass validation. Nothing was stored. */
export class IncompleteInterviewError extends StoreError {
  override readonly name = 'IncompleteInterviewError';
  readonly code = 'incomplete';
  constructor(
    readonly recordId: string,
    readonly errors: AnswerErrors,
  ) {
    super(`Interview ${recordId} cannot be completed: ${Object.keys(errors).join(', ')}`);
  }
}

/** The definition version an interview was started with is not cached (should not happen). */
export class DefinitionNotCachedError extends StoreError {
  override readonly name = 'DefinitionNotCachedError';
  readonly code = 'definitionMissing';
  constructor(
    readonly surveyId: string,
    readonly surveyVersion: number,
  ) {
    super(`Definition ${surveyId} v${surveyVersion} is not cached on this device`);
  }
}

/** A command was given something the definition does not know (respondent group, section). */
export class InvalidInputError extends StoreError {
  override readonly name = 'InvalidInputError';
  readonly code = 'invalidInput';
}

/** Logging the device out was refused: completed interviews have not reached the server yet. */
export class UnsentDataError extends StoreError {
  override readonly name = 'UnsentDataError';
  readonly code = 'unsentData';
  constructor(
    readonly pending: number,
    readonly rejected: number,
  ) {
    super(`This device still holds ${pending + rejected} interview(s) not on the server (${pending} waiting, ${rejected} refused)`);
  }
}
