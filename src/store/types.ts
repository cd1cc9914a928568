/** The shapes the device stores: interview records and cached definitions. Types only. */
import type { Answers, Definition, Lang, Text } from '../survey';

export type RecordStatus = 'draft' | 'completed';

/** The version of the stored record format written by this code, for future migrations. */
export const RECORD_FORMAT_VERSION = 1;

export interface InterviewRecord {
  /** Client-made UUID (v4), made by newId(). */
  id: string;
  surveyId: string;
  /** The definition version the interview was started with; it keeps it for life. */
  surveyVersion: number;
  respondentGroup: string;
  stratum?: string;
  /** The stratum's label from the definition's list, so lists can show it without the definition. */
  stratumLabel?: Text;
  status: RecordStatus;
  /** The language the interview was (last) conducted in. */
  lang: Lang;
  /** Only answers to shown questions: hidden ones are dropped on every save. */
  answers: Answers;
  currentSectionId: string;
  /** Milliseconds spent per section id. */
  sectionTimes: Record<string, number>;
  progress: { answered: number; total: number };
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  formatVersion: typeof RECORD_FORMAT_VERSION;
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
  lang: Lang;
}
