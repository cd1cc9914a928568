/** Cached questionnaire definitions, keyed by id and version, so drafts outlive newer versions. */
import type { Definition } from '../survey';
import { getDb, type SurveyDb } from './db';
import { DefinitionNotCachedError } from './errors';
import { withDb } from './reopen';
import type { CachedDefinition, InterviewRecord } from './types';

export const cachedEntry = (definition: Definition, cachedAt: string): CachedDefinition => ({
  id: definition.id,
  version: definition.version,
  definition,
  cachedAt,
});

/**
 * A definition version never changes once published, so each one is read from IndexedDB once per
 * database connection and then served from memory: saving a draft on every answer must not
 * re-read and decode the whole questionnaire (and the engine's per-definition caches stay warm).
 */
const memory = new WeakMap<SurveyDb, Map<string, Definition>>();
const keyOf = (id: string, version: number) => `${id}@${version}`;

/** Keeps `definition` as the one served from memory for its id and version (just stored in IndexedDB). */
export function remember(db: SurveyDb, definition: Definition): Definition {
  let byKey = memory.get(db);
  if (!byKey) memory.set(db, (byKey = new Map()));
  byKey.set(keyOf(definition.id, definition.version), definition);
  return definition;
}

export async function cacheDefinition(definition: Definition, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.definitions.put(cachedEntry(definition, new Date().toISOString())));
  remember(db, definition);
}

export async function getDefinition(id: string, version: number, db: SurveyDb = getDb()): Promise<Definition | undefined> {
  const known = memory.get(db)?.get(keyOf(id, version));
  if (known) return known;
  const stored = (await withDb(() => db.definitions.get([id, version])))?.definition;
  return stored && remember(db, stored);
}

/** The definition version a record was started with; inside a transaction over `definitions`. */
export async function definitionOf(db: SurveyDb, record: InterviewRecord): Promise<Definition> {
  const def = await getDefinition(record.surveyId, record.surveyVersion, db);
  if (!def) throw new DefinitionNotCachedError(record.surveyId, record.surveyVersion);
  return def;
}

/** Every cached definition's [id, version], e.g. to fetch only the versions not yet here. */
export async function cachedDefinitionKeys(db: SurveyDb = getDb()): Promise<[string, number][]> {
  return withDb(() => db.definitions.toCollection().primaryKeys());
}

/**
 * The newest cached version of each questionnaire (from the server, or cached when an interview
 * started), so the home screen can offer questionnaires published after the app was installed.
 * Versions in `retired` are passed over (an older one still in use is offered instead).
 */
export async function latestCachedDefinitions(db: SurveyDb = getDb(), retired: ReadonlySet<string> = new Set()): Promise<Definition[]> {
  const all = await withDb(() => db.definitions.toArray());
  const newest = new Map<string, Definition>();
  for (const { definition } of all) {
    if (retired.has(keyOf(definition.id, definition.version))) continue;
    const seen = newest.get(definition.id);
    if (!seen || seen.version < definition.version) newest.set(definition.id, definition);
  }
  return [...newest.values()].map((d) => remember(db, d));
}

/** The versions the server lists as retired ("id@version"), as of the last sync. */
export async function retiredVersions(db: SurveyDb = getDb()): Promise<Set<string>> {
  const row = await withDb(() => db.meta.get('retiredVersions'));
  return new Set(row?.key === 'retiredVersions' ? row.value : []);
}

export async function saveRetiredVersions(keys: readonly string[], db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.meta.put({ key: 'retiredVersions', value: [...keys].sort() }));
}
