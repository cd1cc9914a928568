/**
 * Questionnaire drafts and published versions in the database. A draft is an uploaded file the
 * engine accepted; publishing makes it a version of its questionnaire in questionnaire_versions,
 * where every server process finds it (../definitions/shared) and devices take it on their next
 * sync. A version is never changed once published: a corrected questionnaire is the next version.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PublishedVersion, QuestionnaireDraftSummary, UploadWarning } from '../../contract';
import { countQuestions, type Definition } from '../../survey';
import { checkDefinitionData } from '../../survey/load';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import type { UploadFormat } from './read-upload';

type Db = Kysely<DatabaseSchema>;

/** Versions are 32-bit integers in the database. */
const MAX_VERSION = 2_147_483_647;

async function takenVersions(db: Db, surveyId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('questionnaire_versions').select(['version', 'definition']).where('survey_id', '=', surveyId).execute();
  return new Map(rows.map((r) => [Number(r.version), r.definition]));
}

/** The version a new draft of `definition` gets: its own when free, else the next after the newest. */
async function freeVersion(db: Db, definition: Definition): Promise<number> {
  const taken = await takenVersions(db, definition.id);
  if (!taken.has(definition.version)) return definition.version;
  return Math.min(MAX_VERSION, Math.max(...taken.keys()) + 1);
}

const summaryOf = (r: DatabaseSchema['questionnaire_drafts'], definition: Definition): QuestionnaireDraftSummary => ({
  draftId: r.id,
  id: r.survey_id,
  version: Number(r.version),
  title: definition.title,
  fileName: r.file_name,
  format: r.format,
  questionCount: countQuestions(definition),
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by,
  ...(r.version_in_file !== null ? { versionInFile: Number(r.version_in_file) } : {}),
  warnings: JSON.parse(r.warnings) as UploadWarning[],
});

export async function createDraft(
  db: Db,
  upload: { definition: Definition; format: UploadFormat; fileName: string; warnings: UploadWarning[] },
  by: string,
  now = new Date(),
): Promise<QuestionnaireDraftSummary> {
  const version = await freeVersion(db, upload.definition);
  const definition: Definition = { ...upload.definition, version };
  const { $schema: _schema, ...stored } = definition;
  const row: DatabaseSchema['questionnaire_drafts'] = {
    id: randomUUID(),
    survey_id: definition.id,
    version,
    version_in_file: version !== upload.definition.version ? upload.definition.version : null,
    definition: JSON.stringify(stored),
    file_name: upload.fileName.slice(0, 200),
    format: upload.format,
    warnings: JSON.stringify(upload.warnings),
    uploaded_by: by,
    uploaded_at: now.toISOString(),
  };
  await db.insertInto('questionnaire_drafts').values(row).execute();
  return summaryOf(row, definition);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function getDraft(db: Db, draftId: string): Promise<{ summary: QuestionnaireDraftSummary; definition: Definition } | undefined> {
  if (!UUID.test(draftId)) return undefined;
  const row = await db.selectFrom('questionnaire_drafts').selectAll().where('id', '=', draftId).executeTakeFirst();
  if (!row) return undefined;
  const checked = checkDefinitionData(JSON.parse(row.definition) as unknown, `draft ${draftId}`);
  // Checked when it was uploaded; an engine that no longer accepts it cannot publish it either.
  if (!checked.ok) return undefined;
  return { summary: summaryOf(row, checked.definition), definition: checked.definition };
}

export async function listDrafts(db: Db): Promise<QuestionnaireDraftSummary[]> {
  const rows = await db.selectFrom('questionnaire_drafts').selectAll().orderBy('uploaded_at', 'desc').execute();
  return rows.map((r) => summaryOf(r, JSON.parse(r.definition) as Definition));
}

export async function deleteDraft(db: Db, draftId: string): Promise<boolean> {
  if (!UUID.test(draftId)) return false;
  const result = await db.deleteFrom('questionnaire_drafts').where('id', '=', draftId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Publishes a draft as a new version. When another draft of the same questionnaire took its
 * version meanwhile, it becomes the next one. Returns undefined when the draft is gone.
 */
export async function publishDraft(db: Db, catalog: Catalog, draftId: string, by: string, now = new Date()): Promise<PublishedVersion | undefined> {
  const draft = await getDraft(db, draftId);
  if (!draft) return undefined;
  const published = await db.transaction().execute(async (trx) => {
    const definition: Definition = { ...draft.definition, version: await freeVersion(trx, draft.definition) };
    await trx
      .insertInto('questionnaire_versions')
      .values({ survey_id: definition.id, version: definition.version, definition: JSON.stringify(definition), first_loaded_at: now.toISOString(), source: 'web', published_by: by })
      .execute();
    await trx.deleteFrom('questionnaire_drafts').where('id', '=', draftId).execute();
    return definition;
  });
  if (!catalog.get(published.id, published.version)) catalog.add(published);
  return { id: published.id, version: published.version, title: published.title, questionCount: countQuestions(published), source: 'web', publishedAt: now.toISOString(), publishedBy: by, retired: false };
}

/** Every published version, newest first per questionnaire; versions other processes published are learnt on the way. */
export async function listPublished(db: Db, catalog: Catalog): Promise<PublishedVersion[]> {
  const rows = await db
    .selectFrom('questionnaire_versions')
    .select(['survey_id', 'version', 'source', 'published_by', 'first_loaded_at', 'retired_at'])
    .orderBy('survey_id')
    .orderBy('version', 'desc')
    .execute();
  await learnVersions(db, catalog, rows.map((r) => ({ surveyId: r.survey_id, version: Number(r.version) })));
  return rows.flatMap((r): PublishedVersion[] => {
    const entry = catalog.get(r.survey_id, Number(r.version));
    if (!entry) return [];
    return [
      {
        id: r.survey_id,
        version: Number(r.version),
        title: entry.definition.title,
        questionCount: countQuestions(entry.definition),
        source: r.source,
        publishedAt: r.first_loaded_at,
        ...(r.published_by !== null ? { publishedBy: r.published_by } : {}),
        retired: r.retired_at !== null,
      },
    ];
  });
}

/** Retires (or reinstates) a version: no new interviews on it; interviews begun on it are still accepted. */
export async function setRetired(db: Db, catalog: Catalog, surveyId: string, version: number, retired: boolean, now = new Date()): Promise<PublishedVersion | undefined> {
  const result = await db
    .updateTable('questionnaire_versions')
    .set({ retired_at: retired ? now.toISOString() : null })
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return (await listPublished(db, catalog)).find((v) => v.id === surveyId && v.version === version);
}

/** The versions devices may know of, with whether each is retired: the database's list, learnt into the catalog. */
export async function servedVersions(db: Db, catalog: Catalog): Promise<{ definition: Definition; retired: boolean }[]> {
  const rows = await db.selectFrom('questionnaire_versions').select(['survey_id', 'version', 'retired_at']).execute();
  await learnVersions(db, catalog, rows.map((r) => ({ surveyId: r.survey_id, version: Number(r.version) })));
  const retired = new Set(rows.filter((r) => r.retired_at !== null).map((r) => `${r.survey_id}@${Number(r.version)}`));
  return catalog.list().map((e) => ({ definition: e.definition, retired: retired.has(`${e.definition.id}@${e.definition.version}`) }));
}

/** Whether a version is retired (for starting new interviews from a link). */
export async function isRetired(db: Db, surveyId: string, version: number): Promise<boolean> {
  const row = await db.selectFrom('questionnaire_versions').select('retired_at').where('survey_id', '=', surveyId).where('version', '=', version).executeTakeFirst();
  return row?.retired_at != null;
}
