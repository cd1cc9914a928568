/**
 * The rows of a questionnaire version's matrices that rate the campaign's strata, over its stored
 * interviews (src/survey/strata-rows.ts has the design): what the campaigns plan for the
 * version's groups, what the interviews rated, and the label of every code. Exports and their
 * SPSS / Stata dictionaries make one column per row; the scores name one criterion per row. And
 * the strata of the version's interviews and plans that its stratum lists lack (a campaign's own
 * units), which the exports label by the campaign.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { listLabel, strataMatrices, strataRowsOver, stratumListRows } from '../../survey';
import type { Definition, ListItem, Text } from '../../survey';
import { isSqlite } from '../db/locks';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import type { CampaignEntry } from './registry';

/** Per matrix rating strata (question id), its rows. */
export type MatrixRows = Record<string, ListItem[]>;

const byStart = (a: CampaignEntry, b: CampaignEntry): number =>
  a.campaign.start === b.campaign.start ? (a.campaign.id < b.campaign.id ? -1 : 1) : a.campaign.start < b.campaign.start ? -1 : 1;

/**
 * The strata campaigns plan for the respondent groups `def` (this id and version) serves, in plan
 * order, earlier campaigns first, each code once; only `campaign`'s when one is named.
 */
export function plannedStrata(catalog: Catalog, def: Definition, campaign?: CampaignEntry): ListItem[] {
  const entries = campaign ? [campaign] : [...catalog.campaigns.list()].sort(byStart);
  const groups = new Set(def.respondentGroups.map((g) => g.id));
  const out: ListItem[] = [];
  const seen = new Set<string>();
  for (const e of entries)
    for (const g of e.campaign.groups) {
      if (g.questionnaire.id !== def.id || g.questionnaire.version !== def.version || !groups.has(g.id)) continue;
      for (const s of g.strata ?? [])
        if (!seen.has(s.value)) {
          seen.add(s.value);
          out.push({ value: s.value, label: s.label });
        }
    }
  return out;
}

/**
 * The label of a row code rated in an interview of `def`'s questionnaire: the latest campaign
 * planning it for the questionnaire (any version), else this version's lists, else another
 * version's; a code none of them knows is named as such, in both languages, so the export says
 * that the device sent a unit neither the plan nor the questionnaire has.
 */
export function strataLabeller(catalog: Catalog, def: Definition): (code: string) => Text {
  const labels = new Map<string, Text>();
  const versions = catalog.list().map((e) => e.definition).filter((d) => d.id === def.id && d !== def).sort((a, b) => a.version - b.version);
  for (const other of versions) for (const [value, label] of listLabels(other)) labels.set(value, label);
  for (const [value, label] of listLabels(def)) labels.set(value, label);
  for (const e of [...catalog.campaigns.list()].sort(byStart))
    for (const g of e.campaign.groups) if (g.questionnaire.id === def.id) for (const s of g.strata ?? []) labels.set(s.value, s.label);
  return (code) =>
    labels.get(code) ?? {
      vi: `${code} (mã không có trong kế hoạch của đợt khảo sát nào, cũng không có trong danh sách của bảng hỏi)`,
      en: `${code} (a code in no campaign's plan and in none of the questionnaire's lists)`,
    };
}

/** Every code of the lists of `def` with its label (a stratum list's label first, as listLabel gives it). */
function listLabels(def: Definition): Map<string, Text> {
  const out = new Map<string, Text>();
  for (const list of Object.values(def.lists ?? {})) for (const item of list) if (!out.has(item.value)) out.set(item.value, listLabel(def, item.value) ?? item.label);
  return out;
}

/**
 * The row codes stored interviews of the version rated in matrix `questionId`: one query, the
 * database reading the answers' JSON (SQLite's json_each, PostgreSQL's jsonb_object_keys).
 */
export async function ratedCodes(db: Kysely<DatabaseSchema>, def: Definition, questionId: string): Promise<string[]> {
  const rows = isSqlite(db)
    ? await sql<{ code: string }>`select distinct j.key as code from submissions s, json_each(s.answers, ${`$."${questionId}"`}) j
        where s.survey_id = ${def.id} and s.survey_version = ${def.version} and json_type(s.answers, ${`$."${questionId}"`}) = 'object'
          and j.value is not null and j.value <> ''`.execute(db)
    : await sql<{ code: string }>`select distinct k.code from submissions s, jsonb_each_text(s.answers::jsonb -> ${questionId}) as k(code, value)
        where s.survey_id = ${def.id} and s.survey_version = ${def.version} and jsonb_typeof(s.answers::jsonb -> ${questionId}) = 'object'
          and k.value is not null and k.value <> ''`.execute(db);
  return rows.rows.map((r) => r.code);
}

/**
 * The rows of every matrix of `def` rating the campaign's strata: the planned strata (of
 * `campaign`, else of every campaign using the version), then each code the stored interviews
 * rated, each labelled by `label`. Empty for a definition without such a matrix (no query is made).
 */
export async function strataColumns(
  db: Kysely<DatabaseSchema>,
  catalog: Catalog,
  def: Definition,
  label = strataLabeller(catalog, def),
  campaign?: CampaignEntry,
): Promise<MatrixRows> {
  const matrices = strataMatrices(def);
  if (matrices.length === 0) return {};
  const planned = plannedStrata(catalog, def, campaign);
  const out: MatrixRows = {};
  for (const q of matrices) out[q.id] = strataRowsOver(def, planned, await ratedCodes(db, def, q.id), label);
  return out;
}

/**
 * The strata the campaigns plan for the version's groups, then those interviews of the
 * questionnaire were counted in, that its stratum lists lack (a campaign's own units and communes;
 * one a campaign has since dropped), each with its label (`strataLabeller`: the latest campaign
 * planning it, or `label`). The counted strata come from the quota counters (a row per campaign, group and
 * stratum), not from a pass over the interviews, which on SQLite would hold up every request for
 * its length. Empty, with no query, for a version whose groups have no strata.
 */
export async function ownStrata(db: Kysely<DatabaseSchema>, catalog: Catalog, def: Definition, label = strataLabeller(catalog, def)): Promise<ListItem[]> {
  if (!def.respondentGroups.some((g) => g.stratumList !== undefined)) return [];
  const surveying = new Set(
    catalog.campaigns.list().flatMap(({ campaign }) => campaign.groups.filter((g) => g.questionnaire.id === def.id).map((g) => `${campaign.id}\u0000${g.id}`)),
  );
  const counted =
    surveying.size === 0 ? [] : await db.selectFrom('quota_counts').select(['campaign_id', 'group_id', 'stratum']).where('stratum', '!=', '').where('count', '>', 0).execute();
  const found = counted.filter((r) => surveying.has(`${r.campaign_id}\u0000${r.group_id}`)).map((r) => r.stratum);
  const listed = new Set(stratumListRows(def).map((i) => i.value));
  return strataRowsOver(def, plannedStrata(catalog, def), found, label).filter((r) => !listed.has(r.value));
}
