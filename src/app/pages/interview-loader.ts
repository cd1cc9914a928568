/**
 * Opening an interview fast: the interview page's code (its own chunk: react-hook-form and the
 * question components) and the draft with its definition are fetched together, before the first
 * render when the app starts on an interview URL, instead of one after the other. No Suspense
 * fallback is involved, so React does not hold the finished page back behind a loading state.
 */
import { getDefinition, getRecord, type InterviewRecord } from '../../store';
import type { Definition } from '../../survey';

type InterviewModule = typeof import('./InterviewPage');

let modulePromise: Promise<InterviewModule> | undefined;
let loadedModule: InterviewModule | undefined;

export function loadInterviewPage(): Promise<InterviewModule> {
  modulePromise ??= import('./InterviewPage').then((m) => (loadedModule = m));
  return modulePromise;
}

/** The interview page's module if it has already loaded (render it directly, without waiting). */
export const loadedInterviewPage = (): InterviewModule | undefined => loadedModule;

export interface InterviewData {
  record: InterviewRecord | undefined;
  definition: Definition | undefined;
}

const prefetched = new Map<string, Promise<InterviewData>>();

async function readInterview(id: string): Promise<InterviewData> {
  const record = await getRecord(id);
  const definition = record ? await getDefinition(record.surveyId, record.surveyVersion) : undefined;
  return { record, definition };
}

/** Starts reading a draft and its definition; the page picks the result up when it mounts. */
export function prefetchInterview(id: string): void {
  if (!prefetched.has(id)) prefetched.set(id, readInterview(id));
}

/** The prefetched read if one is waiting (used once), else a fresh read. */
export function takeInterview(id: string): Promise<InterviewData> {
  const waiting = prefetched.get(id);
  prefetched.delete(id);
  return waiting ?? readInterview(id);
}
