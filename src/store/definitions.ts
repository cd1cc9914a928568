/** Cached questionnaire definitions, keyed by id and version, so drafts outlive newer versions. */
import type { Definition } from '../survey';
import { getDb, type SurveyDb } from './db';
import { DefinitionNotCachedError } from './errors';
import type { CachedDefinition, InterviewRecord } from './types';

export const cachedEntry = (definition: Definition, cachedAt: string): CachedDefinition => ({
  id: definition.id,
  version: definition.version,
  definition,
  cachedAt,
});

export async function cacheDefinition(definition: Definition, db: SurveyDb = getDb()): Promise<void> {
  await db.definitions.put(cachedEntry(definition, new Date().toISOString()));
}

export async function getDefinition(id: string, version: number, db: SurveyDb = getDb()): Promise<Definition | undefined> {
  return (await db.definitions.get([id, version]))?.definition;
}

/** The definition version a record was started with; inside a transaction over `definitions`. */
export async function definitionOf(db: SurveyDb, record: InterviewRecord): Promise<Definition> {
  const def = await getDefinition(record.surveyId, record.surveyVersion, db);
  if (!def) throw new DefinitionNotCachedError(record.surveyId, record.surveyVersion);
  return def;
}
