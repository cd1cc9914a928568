/**
 * Opening an interview fast: the interview page's code (its own chunk: react-hook-form and the
 * question components) and the draft with its definition are fetched together, before the first
 * render when the app starts on an interview URL, instead of one after the other. No Suspense
 * fallback is involved, so React does not hold the finished page back behind a loading state.
 */
import { alignDraftStratum, cacheDefinition, getDefinition, getQuotaSnapshot, getRecord, type AlignedDraft, type InterviewRecord } from '../../store';
import { alignStratumAnswer, bindInterview, strataMatrices, type Definition } from '../../survey';
import { loadBundled } from '../definitions';
import { campaignStrata } from '../quota/quota-check';

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
  /** The draft's earlier answer that its stratum replaced when it opened (see alignDraftStratum). */
  replaced?: AlignedDraft['replaced'];
}

/**
 * The definition version a record was started with: the app's own copy when it has that version
 * (a build may correct a published version's texts, or link a question to the stratum, without
 * changing its questions), stored in place of the copy cached when the draft began so that saving
 * and completing use the same; else the cached copy.
 */
async function definitionFor(record: InterviewRecord): Promise<Definition | undefined> {
  const [bundled, cached] = await Promise.all([
    loadBundled(record.surveyId, record.surveyVersion).catch(() => undefined),
    getDefinition(record.surveyId, record.surveyVersion),
  ]);
  if (!bundled) return cached;
  if (record.status === 'draft' && cached !== bundled && (!cached || JSON.stringify(cached) !== JSON.stringify(bundled))) await cacheDefinition(bundled);
  return bundled;
}

/**
 * The definition as this draft's form shows it: the question recording the stratum offers the
 * draft's stratum with the label it started with when the list lacks it (a stratum the campaign
 * plans outside the list), and a matrix rating the campaign's strata gets the strata the device's
 * last snapshot of the campaign plans for the draft's group (else the group's list), and keeps
 * every row the draft already rated (strata-rows.ts).
 */
async function boundFor(published: Definition, record: InterviewRecord): Promise<Definition> {
  // The snapshot is read only when a matrix needs the campaign's strata.
  const campaign = strataMatrices(published).length > 0 ? campaignStrata(await getQuotaSnapshot(), record.surveyId, record.respondentGroup) : undefined;
  return bindInterview(published, record, campaign, record.answers);
}

async function readInterview(id: string): Promise<InterviewData> {
  const stored = await getRecord(id);
  const definition = stored ? await definitionFor(stored) : undefined;
  if (!stored || !definition || stored.status !== 'draft') return { record: stored, definition };
  if (alignStratumAnswer(definition, stored.answers, stored).answers === stored.answers) return { record: stored, definition: await boundFor(definition, stored) };
  // A draft begun before its questionnaire took the stratum's answer from the stratum: aligned now, and said.
  const { record, replaced } = await alignDraftStratum(id);
  return { record, definition: await boundFor(definition, record), ...(replaced ? { replaced } : {}) };
}

const prefetched = new Map<string, Promise<InterviewData>>();

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
