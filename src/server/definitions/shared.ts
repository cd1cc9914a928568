/**
 * Questionnaire versions shared through the database, for several server processes and rolling
 * deploys: each process records the versions it loaded (questionnaire_versions, migration 0007),
 * and a process asked for a version it lacks (an interview of a questionnaire deployed to a newer
 * process first, or a link made there) takes it from there instead of refusing the interview with
 * unknown_version. A version nobody recorded is still unknown, and asked for again after a while.
 */
import type { Kysely } from 'kysely';
import { checkDefinitionData, formatDefinitionError } from '../../survey/load';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from './catalog';

type Db = Kysely<DatabaseSchema>;

/** How long a version found nowhere is not looked up again (per process). */
const MISSING_FOR_MS = 10_000;

const missing = new WeakMap<Catalog, Map<string, number>>();

/** Versions are stored as 32-bit integers: a larger one names nothing (and is never looked up). */
const MAX_VERSION = 2_147_483_647;

/**
 * Records every version of the catalog. A version recorded with other content (a deployment that
 * corrected a label or a translation under the same version) takes this process's content: the
 * process started last is the newest deployment, and processes that lack the version learn that.
 * Returns the versions whose recorded content was replaced, for the caller to say so.
 */
export async function recordCatalog(db: Db, catalog: Catalog, now = new Date()): Promise<string[]> {
  const entries = catalog.list();
  if (entries.length === 0) return [];
  await db
    .insertInto('questionnaire_versions')
    .values(entries.map((e) => ({ survey_id: e.definition.id, version: e.definition.version, definition: e.json, first_loaded_at: now.toISOString() })))
    .onConflict((oc) => oc.columns(['survey_id', 'version']).doNothing())
    .execute();
  const stored = await db
    .selectFrom('questionnaire_versions')
    .select(['survey_id', 'version', 'definition', 'source'])
    .where('survey_id', 'in', [...new Set(entries.map((e) => e.definition.id))])
    .execute();
  const replaced: string[] = [];
  for (const r of stored) {
    const mine = catalog.get(r.survey_id, Number(r.version));
    // A version a coordinator published is never replaced by a file's: it may have interviews already.
    if (mine === undefined || mine.json === r.definition || r.source === 'web') continue;
    await db
      .updateTable('questionnaire_versions')
      .set({ definition: mine.json })
      .where('survey_id', '=', r.survey_id)
      .where('version', '=', Number(r.version))
      .execute();
    replaced.push(`${r.survey_id} version ${r.version}`);
  }
  return replaced;
}

/**
 * Makes sure the catalog holds each wanted version another process recorded: one lookup for those
 * it lacks (none when it has them all). Returns the versions added.
 */
export async function learnVersions(db: Db, catalog: Catalog, wanted: Iterable<{ surveyId: string; version: number }>, now = Date.now()): Promise<string[]> {
  const gone = missing.get(catalog) ?? new Map<string, number>();
  missing.set(catalog, gone);
  const lacking = new Map<string, { surveyId: string; version: number }>();
  for (const w of wanted) {
    if (!Number.isInteger(w.version) || w.version < 1 || w.version > MAX_VERSION || catalog.get(w.surveyId, w.version)) continue;
    const key = `${w.surveyId}@${w.version}`;
    if ((gone.get(key) ?? 0) > now) continue;
    lacking.set(key, w);
  }
  if (lacking.size === 0) return [];
  const rows = await db
    .selectFrom('questionnaire_versions')
    .select(['survey_id', 'version', 'definition'])
    .where((eb) => eb.or([...lacking.values()].map((w) => eb.and([eb('survey_id', '=', w.surveyId), eb('version', '=', w.version)]))))
    .execute();
  const added: string[] = [];
  for (const r of rows) {
    const key = `${r.survey_id}@${Number(r.version)}`;
    lacking.delete(key);
    if (catalog.get(r.survey_id, Number(r.version))) continue;
    const checked = checkDefinitionData(JSON.parse(r.definition) as unknown, `questionnaire_versions ${key}`);
    // Recorded by a process that checked it: only a newer checker could refuse it, and then this
    // process cannot take its interviews either.
    if (!checked.ok) throw new Error(`a stored questionnaire version is not valid here: ${checked.errors.map(formatDefinitionError).join('; ')}`);
    catalog.add(checked.definition);
    added.push(key);
  }
  for (const key of lacking.keys()) gone.set(key, now + MISSING_FOR_MS);
  return added;
}
