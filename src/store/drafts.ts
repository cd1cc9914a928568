/** Drafts: starting an interview, saving it as it goes, discarding it. */
import { alignStratumAnswer, fillStratumAnswer, keptAnswers, localDate, progress, visibility, withDefaults } from '../survey';
import type { Definition } from '../survey';
import { getDb, type SurveyDb } from './db';
import { cachedEntry, definitionOf, remember } from './definitions';
import { InvalidInputError, RecordFrozenError, RecordNotFoundError } from './errors';
import { newId } from './ids';
import { restored } from './records';
import { withDb } from './reopen';
import { RECORD_FORMAT_VERSION } from './types';
import type { DraftPatch, InterviewRecord, StartInterviewInput } from './types';

/**
 * The stored record if it may still change (a draft of this app's format); inside a transaction
 * over `records`. A record saved by a newer version of the app is refused (RecordFormatError),
 * never overwritten.
 */
export async function draftRecord(db: SurveyDb, id: string): Promise<InterviewRecord> {
  const stored = await db.records.get(id);
  if (!stored) throw new RecordNotFoundError(id);
  const record = restored(stored);
  if (record.status !== 'draft') throw new RecordFrozenError(id);
  return record;
}

function checkSection(def: Definition, sectionId: string): void {
  if (!def.sections.some((s) => s.id === sectionId))
    throw new InvalidInputError(`${def.id} v${def.version} has no section "${sectionId}"`);
}

/**
 * A new draft record for `input` (not stored); throws InvalidInputError for a group the definition
 * lacks, or a stratum its list lacks that comes without the campaign's label.
 */
export function buildDraft(input: StartInterviewInput, now: string): InterviewRecord {
  const { definition: def, respondentGroup, stratum, lang } = input;
  const group = def.respondentGroups.find((g) => g.id === respondentGroup);
  if (!group) throw new InvalidInputError(`${def.id} v${def.version} has no respondent group "${respondentGroup}"`);
  const strata = group.stratumList !== undefined ? (def.lists?.[group.stratumList] ?? []) : [];
  const listed = strata.find((s) => s.value === stratum);
  // A stratum the list lacks is one the campaign plans: it comes with the campaign's label.
  const stratumItem = listed ?? (stratum !== undefined && input.stratumLabel ? { value: stratum, label: input.stratumLabel } : undefined);
  if (stratum !== undefined && strata.length > 0 && !stratumItem)
    throw new InvalidInputError(`"${stratum}" is not in ${def.id} v${def.version}'s list "${group.stratumList}", and no campaign's label came with it`);
  // Questions with a default start answered with it; the one that records the stratum (fromStratum) with the stratum.
  const answers = fillStratumAnswer(def, withDefaults(def, {}, localDate(new Date(now))), { respondentGroup, stratum });
  const shown = visibility(def, answers).sections;
  const first = def.sections.find((s) => shown.has(s.id)) ?? def.sections[0];
  if (!first) throw new InvalidInputError(`${def.id} v${def.version} has no sections`);
  return {
    id: newId(),
    surveyId: def.id,
    surveyVersion: def.version,
    respondentGroup,
    ...(stratum !== undefined ? { stratum } : {}),
    ...(stratumItem ? { stratumLabel: stratumItem.label } : {}),
    status: 'draft',
    lang,
    answers,
    currentSectionId: first.id,
    sectionTimes: {},
    progress: progress(def, answers),
    startedAt: now,
    updatedAt: now,
    formatVersion: RECORD_FORMAT_VERSION,
  };
}

/**
 * Creates a draft and caches its definition in one transaction, so the draft can always be
 * reopened with the version it was started with, even after a newer one ships.
 */
export async function startInterview(input: StartInterviewInput, db: SurveyDb = getDb()): Promise<InterviewRecord> {
  const now = new Date().toISOString();
  const record = buildDraft(input, now);
  await withDb(() =>
    db.transaction('rw', db.records, db.definitions, async () => {
      await db.definitions.put(cachedEntry(input.definition, now));
      await db.records.add(record);
    }),
  );
  // Saving and completing use the definition just stored, not one read earlier under this version.
  remember(db, input.definition);
  return record;
}

/**
 * Saves changes to a draft. Answers to hidden questions are dropped and progress is recomputed
 * with the definition version the draft was started with; the answer recording the stratum is
 * the draft's stratum. Completed interviews are refused.
 */
export async function saveDraft(id: string, patch: DraftPatch, db: SurveyDb = getDb()): Promise<InterviewRecord> {
  return withDb(() =>
    db.transaction('rw', db.records, db.definitions, async () => {
      const record = await draftRecord(db, id);
      const def = await definitionOf(db, record);
      // The answer recording the stratum stays the stratum (the form shows it read-only).
      const answers = keptAnswers(def, alignStratumAnswer(def, patch.answers ?? record.answers, record).answers);
      const currentSectionId = patch.currentSectionId ?? record.currentSectionId;
      checkSection(def, currentSectionId);
      const next: InterviewRecord = {
        ...record, // keeps fields this version does not know
        answers,
        currentSectionId,
        lang: patch.lang ?? record.lang,
        sectionTimes: patch.sectionTimes ?? record.sectionTimes,
        progress: progress(def, answers),
        updatedAt: new Date().toISOString(),
      };
      await db.records.put(next);
      return next;
    }),
  );
}

/** Deletes a draft. Completed interviews are never discarded. */
export async function discardDraft(id: string, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.records, async () => {
      await draftRecord(db, id);
      await db.records.delete(id);
    }),
  );
}
